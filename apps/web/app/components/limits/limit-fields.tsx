import { CheckboxInput, InputField, type SchemaField } from "~/components/schema-fields";
import { type LimitPolicyOption, limitPolicyOptions } from "~/forms/limit-forms";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useT } from "~/root";

/**
 * The three policies as radio buttons, each with what it does in plain words under it (the words
 * are the radio's description, so a screen reader reads them with the choice).
 */
export function PolicyChoice({ field, idPrefix }: { field: SchemaField; idPrefix: string }) {
  const t = useT();
  const error = field.errors ? fieldErrorMessage(t, field.errors) : undefined;
  const chosen = typeof field.initialValue === "string" ? field.initialValue : undefined;
  const errorId = `${idPrefix}-policy-error`;
  return (
    <fieldset className={`field policy-choice${error ? " field-invalid" : ""}`} aria-describedby={error ? errorId : undefined}>
      <legend className="field-legend">
        {t("limits.field.policy")}
        <span className="required-mark" aria-hidden="true">
          {" "}
          *
        </span>
      </legend>
      {limitPolicyOptions.map((policy: LimitPolicyOption) => {
        const id = `${idPrefix}-policy-${policy}`;
        return (
          <div key={policy} className="policy-option">
            <input
              key={field.key}
              type="radio"
              id={id}
              name={field.name}
              value={policy}
              defaultChecked={chosen === policy}
              required
              aria-describedby={`${id}-text`}
              aria-invalid={error ? true : undefined}
            />
            <label htmlFor={id}>
              <strong>{t(`limits.policy.${policy}`)}</strong>
              <span className="hint" id={`${id}-text`}>
                {t(`limits.policy.${policy}.text`)}
              </span>
            </label>
          </div>
        );
      })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * A limit's fields: the amount in roubles, the policy, the warning percent, the SMS to the employee
 * and, for a temporary limit, its last day. `fields` are the form's (conform's) fields.
 */
export function LimitFields({
  fields,
  idPrefix,
  companyWarningPercent,
  withUntil = true,
}: {
  fields: { amount: SchemaField; policy: SchemaField; warningPercent: SchemaField; notifyEmployee: SchemaField; until?: SchemaField };
  idPrefix: string;
  companyWarningPercent: number | null;
  withUntil?: boolean;
}) {
  const t = useT();
  return (
    <>
      <InputField field={fields.amount} label={t("limits.field.amount")} hint={t("limits.field.amount.hint")} inputMode="decimal" autoComplete="off" className="input-amount" />
      <PolicyChoice field={fields.policy} idPrefix={idPrefix} />
      <InputField
        field={fields.warningPercent}
        label={t("limits.field.warning")}
        hint={companyWarningPercent == null ? t("limits.field.warning.hintCompany") : t("limits.field.warning.hint", { percent: companyWarningPercent })}
        inputMode="numeric"
        autoComplete="off"
        className="input-percent"
      />
      <CheckboxInput field={fields.notifyEmployee} label={t("limits.field.notifyEmployee")} value="yes" />
      {withUntil && fields.until ? <InputField field={fields.until} label={t("limits.field.until")} hint={t("limits.field.until.hint")} type="date" /> : null}
    </>
  );
}
