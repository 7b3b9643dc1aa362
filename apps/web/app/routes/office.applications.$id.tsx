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
import { Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationChecks } from "~/components/office/application-checks";
import { ApplicationFacts } from "~/components/office/application-facts";
import { ApplicationTrail } from "~/components/office/application-trail";
import {
  type ApplicationView,
  type CheckView,
  type DoneNotice,
  doneNotices,
} from "~/components/office/application-view";
import { DecisionCard } from "~/components/office/decision-card";
import { ApproveForm, RejectForm } from "~/components/office/decision-forms";
import { ReviewNotices } from "~/components/office/review-notices";
import { approveFormSchema, decisionIntentSchema, issuePasswordFormSchema, rejectFormSchema } from "~/forms/decision-forms";
import { parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps, pokeOutbox } from "~/server/context.server";
import { mapDomainErrors, notFound, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { applicationIdParam } from "~/server/office.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

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
  const application: ApplicationView = {
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
    locale: app.locale === "en" ? "en" : "ru",
    submittedAt: when(app.submittedAt),
    verificationCode: app.verificationCode,
  };
  return {
    title: translator(locale)("office.app.title", { reference: app.reference }),
    application,
    checks: checks
      .filter((c) => c.code !== "account.company") // informational only, always passes
      .map(viewOfCheck),
    decision:
      app.status === "submitted"
        ? null
        : {
            at: when(app.decidedAt),
            by: decidedBy ? `${decidedBy.displayName} (${decidedBy.login})` : null,
            comment: app.decisionComment,
            checksOverridden: app.checksOverridden,
          },
    admin: admin ? { login: admin.login, locked: !!admin.lockedAt, temporary: admin.mustChangePassword } : null,
    canIssuePasswords: can(actor, "office:issue-passwords"),
    trail: trail.map((e, index) => ({ key: index, at: when(e.at), action: e.action, actorLabel: e.actorLabel, after: e.after })),
    done: doneNotices.includes(done as DoneNotice) ? (done as DoneNotice) : null,
  };
}

function viewOfCheck(check: ApplicationCheck): CheckView {
  switch (check.code) {
    case "numbers.belong":
      return { code: check.code, ok: check.ok, foreign: check.foreign.map(formatMsisdn), onRecord: null };
    case "owner.matches":
      return { code: check.code, ok: check.ok, foreign: [], onRecord: check.onRecord };
    default:
      return { code: check.code, ok: check.ok, foreign: [], onRecord: null };
  }
}

/** The page has three forms (approve, reject, a new temporary password); `intent` says which was sent. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const form = await readTrustedForm(request);
  const id = applicationIdParam(params.id);
  const deps = await appDeps();
  // Whatever the intent, another region's application (or none) is a 404 before anything else.
  const review = await mapDomainErrors(() => getApplicationForReview(deps, actor, id));
  const chosen = parseForm(form, decisionIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;
  const back = `/office/applications/${id}`;

  if (intent === "approve") {
    const submission = parseForm(form, approveFormSchema({ checksFailed: review.checks.some((c) => !c.ok) }));
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { comment, confirmFailedChecks } = submission.value;
    const result = await mapDomainErrors(() =>
      approveApplication(deps, actor, { applicationId: id, comment, confirmFailedChecks: confirmFailedChecks === "yes" }),
    );
    if (result.ok) {
      await pokeOutbox();
      return redirect(`${back}?done=approved`);
    }
    if ("alreadyDecided" in result) return data({ intent, alreadyDecided: true as const }, { status: 409 });
    return data({ intent, result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
  }

  if (intent === "reject") {
    const submission = parseForm(form, rejectFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const result = await mapDomainErrors(() => rejectApplication(deps, actor, { applicationId: id, reason: submission.value.reason }));
    if (result.ok) {
      await pokeOutbox();
      return redirect(`${back}?done=rejected`);
    }
    if ("alreadyDecided" in result) return data({ intent, alreadyDecided: true as const }, { status: 409 });
    return data({ intent, result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 });
  }

  if (intent === "issuePassword" && parseForm(form, issuePasswordFormSchema).status === "success") {
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

export default function ApplicationReviewPage() {
  const t = useT();
  const { application: app, checks, decision, admin, canIssuePasswords, trail, done } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const lastResultOf = (intent: "approve" | "reject") =>
    answer && answer.intent === intent && "result" in answer ? answer.result : null;

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
      <ReviewNotices
        done={done}
        admin={admin}
        application={app}
        alreadyDecided={!!answer && "alreadyDecided" in answer}
        unknownAction={!!answer && "unknownAction" in answer}
      />
      <div className="review-grid">
        <ApplicationFacts application={app} />
        <div>
          <ApplicationChecks checks={checks} application={app} />
          {decision ? <DecisionCard application={app} decision={decision} admin={admin} canIssuePasswords={canIssuePasswords} /> : null}
          {app.status === "submitted" ? (
            <>
              <ApproveForm application={app} failedChecks={checks.filter((c) => !c.ok).length} lastResult={lastResultOf("approve")} />
              <RejectForm lastResult={lastResultOf("reject")} />
            </>
          ) : null}
        </div>
      </div>
      <ApplicationTrail trail={trail} />
    </>
  );
}
