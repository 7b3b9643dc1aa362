import { randomUUID } from "node:crypto";
import {
  type ApplicationFormValues,
  applicationFields,
  listRegions,
  submitApplication,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/field";
import { fieldErrorMessage, type MessageKey, translator } from "~/i18n/i18n";
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
  if (!trusted) {
    const values = Object.fromEntries(applicationFields.map((f) => [f, String(form.get(f) ?? "")]));
    return data({ fieldErrors: { form: { code: "csrf" } }, values: values as ApplicationFormValues }, { status: 400 });
  }
  const result = await submitApplication(await appDeps(), form, { locale, clientAddress: clientAddress(context) });
  if (!result.ok) return data({ fieldErrors: result.fieldErrors, values: result.values }, { status: 400 });
  await pokeOutbox();
  return redirect(`/apply/done/${result.receiptToken}${result.duplicate ? "?duplicate=1" : ""}`);
}

const fieldLabels: Record<Exclude<(typeof applicationFields)[number], "submissionKey">, MessageKey> = {
  regionCode: "apply.region",
  companyName: "apply.companyName",
  ownerName: "apply.ownerName",
  accountNumber: "apply.accountNumber",
  numbers: "apply.numbers",
  contactNumber: "apply.contactNumber",
  email: "apply.email",
  representativeName: "apply.representativeName",
};

export default function ApplyPage() {
  const t = useT();
  const { regions, submissionKey, regionCode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors: Record<string, { code: string; params?: Record<string, string> }> = actionData?.fieldErrors ?? {};
  const values = actionData?.values;
  const error = (name: string) => {
    const e = errors[name];
    return e ? fieldErrorMessage(t, e) : undefined;
  };
  const summary = Object.entries(errors)
    .filter(([name]) => name !== "form")
    .map(([name, e]) => ({
      name,
      label: name in fieldLabels ? t(fieldLabels[name as keyof typeof fieldLabels]) : name,
      message: fieldErrorMessage(t, e),
    }));

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
      {errors.form ? (
        <p className="notice notice-bad" role="alert">
          {fieldErrorMessage(t, errors.form)}
        </p>
      ) : null}
      <ErrorSummary title={t("apply.errorSummary", { count: summary.length })} errors={summary} />
      <Form
        method="post"
        className="panel stack"
        aria-describedby="apply-consent"
        // Remount after each answer so the fields show what the server returned (e.g. an added number).
        key={actionData ? JSON.stringify(actionData.values) : "new"}
      >
        <CsrfField />
        <input type="hidden" name="submissionKey" value={values?.submissionKey || submissionKey} />
        <fieldset>
          <legend>{t("apply.section.company")}</legend>
          <SelectField
            name="regionCode"
            label={t("apply.region")}
            hint={t("apply.region.hint")}
            error={error("regionCode")}
            defaultValue={values?.regionCode ?? regionCode}
            required
          >
            <option value="">{t("apply.region.choose")}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </SelectField>
          <TextField
            name="companyName"
            label={t("apply.companyName")}
            hint={t("apply.companyName.hint")}
            error={error("companyName")}
            defaultValue={values?.companyName}
            maxLength={200}
            autoComplete="organization"
            required
          />
          <TextField
            name="ownerName"
            label={t("apply.ownerName")}
            hint={t("apply.ownerName.hint")}
            error={error("ownerName")}
            defaultValue={values?.ownerName}
            maxLength={150}
            required
          />
          <TextField
            name="accountNumber"
            label={t("apply.accountNumber")}
            hint={t("apply.accountNumber.hint")}
            error={error("accountNumber")}
            defaultValue={values?.accountNumber}
            inputMode="numeric"
            maxLength={30}
            required
          />
        </fieldset>
        <fieldset>
          <legend>{t("apply.section.numbers")}</legend>
          <TextAreaField
            name="numbers"
            label={t("apply.numbers")}
            hint={t("apply.numbers.hint")}
            error={error("numbers")}
            defaultValue={values?.numbers}
            rows={5}
            maxLength={6000}
            required
          />
          <TextField
            name="contactNumber"
            label={t("apply.contactNumber")}
            hint={t("apply.contactNumber.hint")}
            error={error("contactNumber")}
            defaultValue={values?.contactNumber}
            type="tel"
            autoComplete="tel"
            maxLength={30}
            required
          />
        </fieldset>
        <fieldset>
          <legend>{t("apply.section.contacts")}</legend>
          <TextField
            name="email"
            label={t("apply.email")}
            hint={t("apply.email.hint")}
            error={error("email")}
            defaultValue={values?.email}
            type="email"
            autoComplete="email"
            maxLength={254}
            required
          />
          <TextField
            name="representativeName"
            label={t("apply.representativeName")}
            hint={t("apply.representativeName.hint")}
            error={error("representativeName")}
            defaultValue={values?.representativeName}
            autoComplete="name"
            maxLength={150}
            required
          />
        </fieldset>
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
