import { findApplicationStatus, formatRegionDateTime } from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { InputField } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { applicationStatusFormSchema } from "~/forms/application-status-form";
import { parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { appDeps } from "~/server/context.server";
import { readForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { enforceRateLimit } from "~/server/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  return {
    title: translator(locale)("status.title"),
    // A link from the receipt fills the reference in; the form checks it like a typed one.
    reference: new URL(request.url).searchParams.get("reference") ?? "",
  };
}

// A POST, not a GET: the e-mail address stays out of URLs, browser history and server logs.
export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit("applicationStatus", request, context);
  const { form, trusted } = await readForm(request);
  const submission = parseForm(form, applicationStatusFormSchema);
  if (!trusted) return data({ result: submission.reply(), outcome: "csrf" as const }, { status: 403 });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), outcome: "invalid" as const }, { status: 400 });
  }
  const found = findApplicationStatus(await appDeps(), submission.value);
  if (!found) return data({ result: submission.reply(), outcome: "notFound" as const }, { status: 404 });
  return {
    result: submission.reply(),
    outcome: "found" as const,
    application: {
      reference: found.reference,
      status: found.status,
      submittedAt: formatRegionDateTime(found.submittedAt, found.regionTimeZone),
      decidedAt: found.decidedAt ? formatRegionDateTime(found.decidedAt, found.regionTimeZone) : null,
      rejectionReason: found.rejectionReason,
      regionCode: found.regionCode,
    },
  };
}

export default function ApplicationStatusPage() {
  const t = useT();
  const { reference } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(applicationStatusFormSchema, {
    id: "application-status",
    lastResult: result?.result,
    defaultValue: { reference },
  });
  return (
    <section className="panel narrow">
      <h1>{t("status.title")}</h1>
      <p className="lead">{t("status.lead")}</p>
      {result?.outcome === "notFound" ? (
        <p className="notice notice-warn" role="alert">
          {t("status.notFound")}
        </p>
      ) : null}
      {result?.outcome === "csrf" ? (
        <p className="notice notice-bad" role="alert">
          {t("errors.csrf")}
        </p>
      ) : null}
      {result && "application" in result ? (
        <div className="notice notice-info" role="status" data-testid="application-status">
          <p>
            <span className="mono">{result.application.reference}</span>{" "}
            <span className={`badge badge-${result.application.status}`}>
              {t(`status.state.${result.application.status}`)}
            </span>
          </p>
          <dl className="facts">
            <dt>{t("status.submittedAt")}</dt>
            <dd>{result.application.submittedAt}</dd>
            {result.application.decidedAt ? (
              <>
                <dt>{t("status.decidedAt")}</dt>
                <dd>{result.application.decidedAt}</dd>
              </>
            ) : null}
          </dl>
          <p>
            {result.application.status === "rejected"
              ? t("status.explain.rejected", { reason: result.application.rejectionReason ?? "" })
              : t(`status.explain.${result.application.status}`)}
          </p>
          {result.application.status === "approved" ? (
            <Link className="button" to={`/login?region=${result.application.regionCode}`}>
              {t("status.loginLink")}
            </Link>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfField />
        <InputField
          field={fields.reference}
          label={t("status.reference")}
          hint={t("status.reference.hint")}
          autoCapitalize="characters"
        />
        <InputField field={fields.email} label={t("status.email")} type="email" autoComplete="email" />
        <div className="actions">
          <button type="submit" className="button">
            {t("status.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
