import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { CheckboxInput, HiddenFieldsProblem, InputField, summaryOf } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { companyDefaultFormSchema, companyWarningFormSchema } from "~/forms/limit-forms";
import { useT } from "~/root";
import { PolicyChoice } from "./limit-fields";
import type { LimitValueView } from "./limit-view";

/**
 * The company's own settings: the default limit for lines with neither their own nor their
 * department's (set, changed, removed), and the warning percent every limit uses unless it sets
 * its own. Two forms, one domain change each.
 */
export function CompanyDefaultPanel({
  companyDefault,
  warningPercent,
  defaultResult,
  warningResult,
}: {
  companyDefault: LimitValueView | null;
  warningPercent: number;
  defaultResult: SubmissionResult<FieldError> | null;
  warningResult: SubmissionResult<FieldError> | null;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [defaultForm, defaultFields] = useSchemaForm(companyDefaultFormSchema, {
    id: "company-default",
    lastResult: defaultResult,
    defaultValue: {
      amount: companyDefault?.amountInput ?? "",
      policy: companyDefault?.policy ?? "notify",
      notifyEmployee: companyDefault?.notifyEmployee ? "yes" : "",
    },
  });
  const [warningForm, warningFields] = useSchemaForm(companyWarningFormSchema, {
    id: "company-warning",
    lastResult: warningResult,
    defaultValue: { warningPercent: String(warningPercent) },
  });
  const summary = summaryOf(t, defaultForm, [
    { field: defaultFields.amount, label: t("limits.field.amount") },
    { field: defaultFields.policy, label: t("limits.field.policy") },
  ]);
  return (
    <section className="panel" aria-labelledby="company-default-title" id="company-default">
      <h2 id="company-default-title">{t("limits.default.title")}</h2>
      <p className="muted">{t("limits.default.lead")}</p>
      <p data-testid="company-default">
        {companyDefault ? (
          t("limits.default.current", { limit: companyDefault.amount, policy: t(`limits.policyShort.${companyDefault.policy}`), percent: warningPercent })
        ) : (
          t("limits.default.noLimit", { percent: warningPercent })
        )}
      </p>
      <div className="grid-2">
        <div>
          <ErrorSummary title={t("limits.errorSummary", { count: summary.length })} errors={summary} />
          <HiddenFieldsProblem fields={[defaultFields.intent]} />
          <Form method="post" className="stack" preventScrollReset {...getFormProps(defaultForm)}>
            <CsrfField />
            <input type="hidden" name="intent" value="default" />
            <InputField field={defaultFields.amount} label={t("limits.field.amount")} hint={t("limits.field.defaultAmount.hint")} inputMode="decimal" autoComplete="off" className="input-amount" />
            <PolicyChoice field={defaultFields.policy} idPrefix="company-default" />
            <CheckboxInput field={defaultFields.notifyEmployee} label={t("limits.field.notifyEmployee")} value="yes" />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t("limits.default.submit")}
              </button>
            </div>
          </Form>
          {companyDefault ? (
            <Form method="post" className="actions" preventScrollReset>
              <CsrfField />
              <input type="hidden" name="intent" value="removeDefault" />
              <button type="submit" className="button button-quiet" disabled={busy}>
                {t("limits.default.remove")}
              </button>
            </Form>
          ) : null}
        </div>
        <div>
          <HiddenFieldsProblem fields={[warningFields.intent]} />
          <Form method="post" className="stack" preventScrollReset {...getFormProps(warningForm)}>
            <CsrfField />
            <input type="hidden" name="intent" value="warning" />
            <InputField
              field={warningFields.warningPercent}
              label={t("limits.field.warning")}
              hint={t("limits.field.defaultWarning.hint")}
              inputMode="numeric"
              autoComplete="off"
              className="input-percent"
            />
            <div className="actions">
              <button type="submit" className="button button-quiet" disabled={busy}>
                {t("limits.default.submit")}
              </button>
            </div>
          </Form>
        </div>
      </div>
    </section>
  );
}
