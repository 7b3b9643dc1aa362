import {
  type ApplicationCheck,
  approveApplication,
  can,
  formatMsisdn,
  formatRegionDateTime,
  getApplicationForReview,
  issuePasswordByStaff,
  rejectApplication,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary, TextAreaField } from "~/components/field";
import { Nowrap, RichText } from "~/components/rich-text";
import { fieldErrorMessage, type MessageKey, type Translate, translator } from "~/i18n/i18n";
import { auditActionText, auditActorText, auditDetails } from "~/lib/audit-text";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps, pokeOutbox } from "~/server/context.server";
import { formText } from "~/server/form-text.server";
import { mapDomainErrors, notFound, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { applicationIdParam } from "~/server/office.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const doneNotices = ["approved", "rejected", "password"] as const;
type DoneNotice = (typeof doneNotices)[number];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const id = applicationIdParam(params.id);
  const deps = await appDeps();
  const review = await mapDomainErrors(() => getApplicationForReview(deps, actor, id));
  const locale = await getLocale(request);
  const { application: app, region, checks, decidedBy, admin, trail } = review;
  const timeZone = region?.timeZone ?? "UTC";
  const when = (at: Date | null) => (at ? formatRegionDateTime(at, timeZone) : null);
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: translator(locale)("office.app.title", { reference: app.reference }),
    application: {
      id: app.id,
      reference: app.reference,
      status: app.status,
      regionName: region ? (locale === "en" ? region.nameEn : region.nameRu) : app.regionCode,
      companyName: app.companyName,
      ownerName: app.ownerName,
      accountNumber: app.accountNumber,
      numbers: app.numbers.map(formatMsisdn),
      contactNumber: formatMsisdn(app.contactNumber),
      email: app.email,
      representativeName: app.representativeName,
      locale: app.locale,
      submittedAt: when(app.submittedAt),
      verificationCode: app.verificationCode,
    },
    checks: checks
      .filter((c) => c.code !== "account.company") // informational only, always passes
      .map((c) => viewOfCheck(c)),
    decision:
      app.status === "submitted"
        ? null
        : {
            at: when(app.decidedAt),
            by: decidedBy ? `${decidedBy.displayName} (${decidedBy.login})` : null,
            comment: app.decisionComment,
            checksOverridden: app.checksOverridden,
          },
    admin: admin
      ? { login: admin.login, locked: !!admin.lockedAt, temporary: admin.mustChangePassword }
      : null,
    canIssuePasswords: can(actor, "office:issue-passwords"),
    trail: trail.map((e, index) => ({
      key: index,
      at: when(e.at),
      action: e.action,
      actorLabel: e.actorLabel,
      after: e.after,
    })),
    done: doneNotices.includes(done as DoneNotice) ? (done as DoneNotice) : null,
  };
}

function viewOfCheck(check: ApplicationCheck) {
  switch (check.code) {
    case "numbers.belong":
      return { code: check.code, ok: check.ok, foreign: check.foreign.map(formatMsisdn), onRecord: null };
    case "owner.matches":
      return { code: check.code, ok: check.ok, foreign: [], onRecord: check.onRecord };
    default:
      return { code: check.code, ok: check.ok, foreign: [], onRecord: null };
  }
}

type Intent = "approve" | "reject" | "issuePassword";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const form = await readTrustedForm(request);
  const id = applicationIdParam(params.id);
  const deps = await appDeps();
  // Whatever the intent, another region's application (or none) is a 404 before anything else.
  const review = await mapDomainErrors(() => getApplicationForReview(deps, actor, id));
  const intent = formText(form, "intent", 20) as Intent;
  const back = `/office/applications/${id}`;

  if (intent === "approve") {
    const comment = formText(form, "comment", 2000);
    const confirmFailedChecks = form.get("confirmFailedChecks") === "yes";
    const result = await mapDomainErrors(() =>
      approveApplication(deps, actor, { applicationId: id, comment, confirmFailedChecks }),
    );
    if (result.ok) {
      await pokeOutbox();
      return redirect(`${back}?done=approved`);
    }
    if ("alreadyDecided" in result) return data({ intent, alreadyDecided: true as const }, { status: 409 });
    return data({ intent, fieldErrors: result.fieldErrors, comment, confirmFailedChecks }, { status: 400 });
  }

  if (intent === "reject") {
    const reason = formText(form, "reason", 2000);
    const result = await mapDomainErrors(() => rejectApplication(deps, actor, { applicationId: id, reason }));
    if (result.ok) {
      await pokeOutbox();
      return redirect(`${back}?done=rejected`);
    }
    if ("alreadyDecided" in result) return data({ intent, alreadyDecided: true as const }, { status: 409 });
    return data({ intent, fieldErrors: result.fieldErrors, reason }, { status: 400 });
  }

  if (intent === "issuePassword") {
    if (!can(actor, "office:issue-passwords") || !review.admin) notFound();
    const adminUserId = review.admin.id;
    await mapDomainErrors(() => issuePasswordByStaff(deps, actor, adminUserId));
    await pokeOutbox();
    return redirect(`${back}?done=password`);
  }

  return data({ intent: null, unknownAction: true as const }, { status: 400 });
}

// After "already decided" (409) the page must show the decision someone else just made.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

type FieldErrorMap = Record<string, { code: string; params?: Record<string, string> }>;

const fieldLabels: Record<string, MessageKey> = {
  confirmFailedChecks: "office.app.approve.confirm",
  comment: "office.app.approve.comment",
  reason: "office.app.reject.reason",
};

function checkText(t: Translate, check: ReturnType<typeof viewOfCheck>, app: { accountNumber: string; regionName: string }) {
  switch (check.code) {
    case "account.exists":
      return t(check.ok ? "office.check.account.exists.ok" : "office.check.account.exists.fail", {
        account: app.accountNumber,
        region: app.regionName,
      });
    case "numbers.belong":
      return t(check.ok ? "office.check.numbers.belong.ok" : "office.check.numbers.belong.fail");
    case "owner.matches":
      if (check.onRecord === null) return t("office.check.owner.matches.noRecord");
      return t(check.ok ? "office.check.owner.matches.ok" : "office.check.owner.matches.fail", { name: check.onRecord });
    default:
      return check.code;
  }
}

export default function ApplicationReviewPage() {
  const t = useT();
  const { application: app, checks, decision, admin, canIssuePasswords, trail, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submittingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const failedChecks = checks.filter((c) => !c.ok).length;
  const errors: FieldErrorMap = result && "fieldErrors" in result ? (result.fieldErrors as FieldErrorMap) : {};
  const error = (name: string) => (errors[name] ? fieldErrorMessage(t, errors[name]) : undefined);
  const summary = Object.entries(errors).map(([name, e]) => ({
    name,
    label: t(fieldLabels[name] ?? "office.app.approve.comment"),
    message: fieldErrorMessage(t, e),
  }));
  const typedComment = result && "comment" in result ? result.comment : undefined;
  const typedReason = result && "reason" in result ? result.reason : undefined;
  const confirmed = result && "confirmFailedChecks" in result ? result.confirmFailedChecks : false;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/office">← {t("office.app.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {t("office.app.heading")} <span className="mono">{app.reference}</span>
          </h1>
          <p className="lead">{app.companyName}</p>
        </div>
        <span className={`badge badge-${app.status} badge-large`}>{t(`status.state.${app.status}`)}</span>
      </div>

      {done === "approved" && admin ? (
        <p className="notice notice-ok" role="status">
          <RichText
            text={t("office.app.done.approved")}
            values={{ login: <strong className="mono">{admin.login}</strong>, contact: <Nowrap>{app.contactNumber}</Nowrap> }}
          />
        </p>
      ) : null}
      {done === "rejected" ? (
        <p className="notice notice-ok" role="status">
          {t("office.app.done.rejected")}
        </p>
      ) : null}
      {done === "password" && admin ? (
        <p className="notice notice-ok" role="status">
          <RichText
            text={t("office.app.done.password")}
            values={{ login: <strong className="mono">{admin.login}</strong>, contact: <Nowrap>{app.contactNumber}</Nowrap> }}
          />
        </p>
      ) : null}
      {result && "alreadyDecided" in result ? (
        <p className="notice notice-warn" role="alert">
          {t("office.app.alreadyDecided")}
        </p>
      ) : null}
      {result && "unknownAction" in result ? (
        <p className="notice notice-bad" role="alert">
          {t("office.app.unknownAction")}
        </p>
      ) : null}

      <div className="review-grid">
        <section className="panel" aria-labelledby="fields-title">
          <h2 id="fields-title">{t("office.app.fields")}</h2>
          <dl className="facts">
            <dt>{t("office.app.region")}</dt>
            <dd>{app.regionName}</dd>
            <dt>{t("office.app.company")}</dt>
            <dd>{app.companyName}</dd>
            <dt>{t("office.app.owner")}</dt>
            <dd>{app.ownerName}</dd>
            <dt>{t("office.app.account")}</dt>
            <dd className="mono">{app.accountNumber}</dd>
            <dt>{t("office.app.numbers", { count: app.numbers.length })}</dt>
            <dd>
              <ul className="number-list">
                {app.numbers.map((n) => (
                  <li key={n} className="nowrap">
                    {n}
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t("office.app.contact")}</dt>
            <dd className="nowrap">{app.contactNumber}</dd>
            <dt>{t("office.app.email")}</dt>
            <dd>{app.email}</dd>
            <dt>{t("office.app.representative")}</dt>
            <dd>{app.representativeName}</dd>
            <dt>{t("office.app.submitted")}</dt>
            <dd>{app.submittedAt}</dd>
            <dt>{t("office.app.language")}</dt>
            <dd>{t(`office.app.language.${app.locale}`)}</dd>
            <dt>{t("office.app.code")}</dt>
            <dd className="mono">{app.verificationCode}</dd>
            <dt>{t("office.app.pdf")}</dt>
            <dd>
              <a href={`/office/applications/${app.id}/form.pdf`} target="_blank" rel="noreferrer">
                {t("office.app.pdf.link")}
              </a>
            </dd>
          </dl>
        </section>

        <div>
          <section className="panel" aria-labelledby="checks-title">
            <h2 id="checks-title">{t("office.app.checks")}</h2>
            <p className={failedChecks > 0 ? "notice notice-warn" : "notice notice-ok"}>
              {failedChecks > 0 ? t("office.app.checks.failed", { count: failedChecks }) : t("office.app.checks.allOk")}
              {failedChecks > 0 && app.status === "submitted" ? <> {t("office.app.checks.failed.hint")}</> : null}
            </p>
            <ul className="checks">
              {checks.map((check) => (
                <li key={check.code} className={check.ok ? "check-ok" : "check-fail"}>
                  <span className={`badge ${check.ok ? "badge-ok" : "badge-bad"}`}>
                    {t(check.ok ? "office.app.check.ok" : "office.app.check.fail")}
                  </span>
                  <div>
                    <span>{checkText(t, check, app)}</span>
                    {check.foreign.length > 0 ? (
                      <ul className="number-list">
                        {check.foreign.map((n) => (
                          <li key={n} className="nowrap">
                            {n}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>

          {decision ? (
            <section className="panel" aria-labelledby="decision-title">
              <h2 id="decision-title">{t("office.app.decision")}</h2>
              <dl className="facts">
                <dt>{t("office.app.decision.status")}</dt>
                <dd>
                  <span className={`badge badge-${app.status}`}>{t(`status.state.${app.status}`)}</span>
                </dd>
                {decision.checksOverridden ? (
                  <>
                    <dt>{t("office.app.decision.checks")}</dt>
                    <dd>{t("office.app.decision.overridden")}</dd>
                  </>
                ) : null}
                <dt>{t("office.app.decision.by")}</dt>
                <dd>{decision.by ?? "—"}</dd>
                <dt>{t("office.app.decision.at")}</dt>
                <dd>{decision.at}</dd>
                {decision.comment ? (
                  <>
                    <dt>{t(app.status === "rejected" ? "office.app.decision.reason" : "office.app.decision.comment")}</dt>
                    <dd className="prewrap">{decision.comment}</dd>
                  </>
                ) : null}
                {admin ? (
                  <>
                    <dt>{t("office.app.admin.login")}</dt>
                    <dd className="mono">{admin.login}</dd>
                    <dt>{t("office.app.admin.state")}</dt>
                    <dd>
                      {admin.locked ? (
                        <span className="badge badge-bad">{t("office.app.admin.locked")}</span>
                      ) : admin.temporary ? (
                        <span className="badge badge-warn">{t("office.app.admin.temporary")}</span>
                      ) : (
                        <span className="badge badge-ok">{t("office.app.admin.active")}</span>
                      )}
                    </dd>
                  </>
                ) : null}
              </dl>
              {admin && canIssuePasswords ? (
                <Form method="post" className="decision-form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="issuePassword" />
                  <p className="hint">
                    <RichText text={t("office.app.admin.issue.hint")} values={{ contact: <Nowrap>{app.contactNumber}</Nowrap> }} />
                  </p>
                  <div className="actions">
                    <button type="submit" className="button button-quiet" disabled={submittingIntent === "issuePassword"}>
                      {t("office.app.admin.issue")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </section>
          ) : null}

          {app.status === "submitted" ? (
            <>
              <ErrorSummary title={t("office.app.errorSummary", { count: summary.length })} errors={summary} />
              <section className="panel" aria-labelledby="approve-title">
                <h2 id="approve-title">{t("office.app.approve.title")}</h2>
                <p>
                  <RichText
                    text={t("office.app.approve.text")}
                    values={{ contact: <Nowrap>{app.contactNumber}</Nowrap>, email: app.email }}
                  />
                </p>
                <Form method="post" className="stack" key={`approve-${JSON.stringify(result ?? null)}`}>
                  <CsrfField />
                  <input type="hidden" name="intent" value="approve" />
                  {failedChecks > 0 ? (
                    <div className={`field${errors.confirmFailedChecks ? " field-invalid" : ""}`}>
                      <label className="checkbox" htmlFor="field-confirmFailedChecks">
                        <input
                          type="checkbox"
                          id="field-confirmFailedChecks"
                          name="confirmFailedChecks"
                          value="yes"
                          defaultChecked={confirmed}
                          required
                          aria-invalid={errors.confirmFailedChecks ? true : undefined}
                          aria-describedby={errors.confirmFailedChecks ? "field-confirmFailedChecks-error" : undefined}
                        />
                        <span>{t("office.app.approve.confirm")}</span>
                      </label>
                      {errors.confirmFailedChecks ? (
                        <p className="field-error" id="field-confirmFailedChecks-error">
                          {error("confirmFailedChecks")}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                  <TextAreaField
                    name="comment"
                    label={t("office.app.approve.comment")}
                    hint={t("office.app.approve.comment.hint")}
                    error={error("comment")}
                    defaultValue={typedComment}
                    rows={3}
                    maxLength={1000}
                    required={failedChecks > 0}
                  />
                  <div className="actions">
                    <button type="submit" className="button" disabled={submittingIntent === "approve"}>
                      {t("office.app.approve.submit")}
                    </button>
                  </div>
                </Form>
              </section>
              <section className="panel" aria-labelledby="reject-title">
                <h2 id="reject-title">{t("office.app.reject.title")}</h2>
                <Form method="post" className="stack" key={`reject-${JSON.stringify(result ?? null)}`}>
                  <CsrfField />
                  <input type="hidden" name="intent" value="reject" />
                  <TextAreaField
                    name="reason"
                    label={t("office.app.reject.reason")}
                    hint={t("office.app.reject.reason.hint")}
                    error={error("reason")}
                    defaultValue={typedReason}
                    rows={3}
                    maxLength={1000}
                    required
                  />
                  <div className="actions">
                    <button type="submit" className="button button-danger" disabled={submittingIntent === "reject"}>
                      {t("office.app.reject.submit")}
                    </button>
                  </div>
                </Form>
              </section>
            </>
          ) : null}
        </div>
      </div>

      <section className="panel" aria-labelledby="trail-title">
        <h2 id="trail-title">{t("office.app.trail")}</h2>
        {trail.length === 0 ? (
          <p className="muted">{t("office.app.trail.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data cards">
              <thead>
                <tr>
                  <th scope="col">{t("office.app.trail.at")}</th>
                  <th scope="col">{t("office.app.trail.who")}</th>
                  <th scope="col">{t("office.app.trail.what")}</th>
                  <th scope="col">{t("office.app.trail.details")}</th>
                </tr>
              </thead>
              <tbody>
                {trail.map((e) => (
                  <tr key={e.key}>
                    <td className="nowrap">{e.at}</td>
                    <td data-label={t("office.app.trail.who")}>{auditActorText(t, e.actorLabel)}</td>
                    <td data-label={t("office.app.trail.what")}>{auditActionText(t, e.action)}</td>
                    <td>
                      {auditDetails(t, e.after).map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
