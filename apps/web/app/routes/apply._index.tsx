import { randomUUID } from "node:crypto";
import { applicationFields, listRegions, parseApplicationInput, submitApplication } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CompanyFieldset, ContactsFieldset, NumbersFieldset } from "~/components/apply/application-fieldsets";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { HiddenFieldsProblem, summaryOf, typedValue } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { applicationFormSchema } from "~/forms/application-form";
import { type FieldError, parseForm, typedText } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { appDeps, pokeOutbox } from "~/server/context.server";
import { clientAddress, readForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { enforceRateLimit } from "~/server/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const regions = listRegions(await appDeps()).map((r) => ({ code: r.code, name: locale === "en" ? r.nameEn : r.nameRu }));
  const preselected = new URL(request.url).searchParams.get("region") ?? "";
  return {
    title: translator(locale)("apply.title"),
    regions,
    // One key per rendering of the form: a resubmit of the same form finds the first application.
    submissionKey: randomUUID(),
    regionCode: regions.some((r) => r.code === preselected) ? preselected : "",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit("apply", request, context);
  const { form, trusted } = await readForm(request);
  const locale = await getLocale(request);
  const submission = parseForm(form, applicationFormSchema);
  // A form from elsewhere, or an outdated page: 403 and nothing sent, but what was typed stays in the form.
  if (!trusted) return data({ result: submission.reply(), csrf: true as const }, { status: 403 });
  const deps = await appDeps();
  if (submission.status !== "success") {
    // The schema's findings and what only the domain can tell (the phone numbers), in one answer.
    const typed = Object.fromEntries(applicationFields.map((name) => [name, typedText(submission.payload, name)]));
    const checked = parseApplicationInput(typed, listRegions(deps).map((r) => r.code));
    return refused(submission, checked.ok ? {} : checked.fieldErrors, checked.ok ? undefined : checked.values.numbers);
  }
  const result = await submitApplication(deps, submission.value, { locale, clientAddress: clientAddress(context) });
  if (!result.ok) return refused(submission, result.fieldErrors, result.values.numbers);
  await pokeOutbox();
  return redirect(`/apply/done/${result.receiptToken}${result.duplicate ? "?duplicate=1" : ""}`);
}

/**
 * A 400 with every field's problem (the schema's first, the domain's where the schema found none)
 * and what was typed. When the domain added the contact number to the list, the form shows that list.
 */
function refused(
  submission: ReturnType<typeof parseForm<typeof applicationFormSchema>>,
  domainErrors: Record<string, FieldError>,
  domainNumbers: string | undefined,
) {
  const schemaErrors = submission.status === "success" ? {} : (submission.error ?? {});
  const fieldErrors = Object.fromEntries(Object.entries(domainErrors).filter(([name]) => !schemaErrors[name]));
  const reply = submission.reply({ fieldErrors });
  const numbers = fieldErrors.numbers?.code === "numbers.contactAdded" ? domainNumbers : undefined;
  if (numbers === undefined) return data({ result: reply }, { status: 400 });
  return data({ result: { ...reply, initialValue: { ...reply.initialValue, numbers } }, numbers }, { status: 400 });
}

export default function ApplyPage() {
  const t = useT();
  const { regions, submissionKey, regionCode } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(applicationFormSchema, {
    id: "apply",
    lastResult: answer?.result,
    defaultValue: { regionCode, submissionKey },
    serverFinishes: true,
  });
  const summary = summaryOf(t, form, [
    { field: fields.regionCode, label: t("apply.region") },
    { field: fields.companyName, label: t("apply.companyName") },
    { field: fields.ownerName, label: t("apply.ownerName") },
    { field: fields.accountNumber, label: t("apply.accountNumber") },
    { field: fields.numbers, label: t("apply.numbers") },
    { field: fields.contactNumber, label: t("apply.contactNumber") },
    { field: fields.email, label: t("apply.email") },
    { field: fields.representativeName, label: t("apply.representativeName") },
  ]);

  return (
    <div className="narrow-wide">
      <div className="page-head">
        <div>
          <h1>{t("apply.title")}</h1>
          <p className="lead">{t("apply.lead")}</p>
        </div>
      </div>
      <p className="notice notice-info">
        {t("apply.blank.text")}{" "}
        <a href={`/apply/blank.pdf${regionCode ? `?region=${regionCode}` : ""}`} download>
          {t("apply.blank.link")}
        </a>
      </p>
      {answer && "csrf" in answer ? (
        <p className="notice notice-bad" role="alert">
          {t("errors.csrf")}
        </p>
      ) : null}
      <HiddenFieldsProblem fields={[fields.submissionKey]} />
      <ErrorSummary title={t("apply.errorSummary", { count: summary.length })} errors={summary} />
      <Form method="post" className="panel stack" aria-describedby="apply-consent" {...getFormProps(form)}>
        <CsrfField />
        {/* The key of the form as first rendered: a resubmit of it finds the first application. */}
        <input type="hidden" name={fields.submissionKey.name} value={typedValue(fields.submissionKey) ?? submissionKey} />
        <CompanyFieldset fields={fields} regions={regions} />
        <NumbersFieldset fields={fields} serverNumbers={answer && "numbers" in answer ? answer.numbers : undefined} />
        <ContactsFieldset fields={fields} />
        <p className="muted" id="apply-consent">
          {t("apply.consent")}
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("apply.submit")}
          </button>
          <Link to="/apply/status">{t("nav.status")}</Link>
        </div>
      </Form>
    </div>
  );
}
