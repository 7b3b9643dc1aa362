import { getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { SelectInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { lineTariffFormSchema } from "~/forms/bulk-forms";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { useT } from "~/root";

export interface LineTariffChoice {
  /** The line's tariff now. */
  currentId: number | null;
  options: { id: number; name: string; fee: string }[];
}

/**
 * The line's tariff changed from its page: the region's tariffs with their fees, one form. The change
 * goes by the same rules and code as a bulk change (a blocked line, the same tariff, or a service the
 * new tariff does not allow are refused with the reason), and many lines at once go to the bulk page.
 */
export function LineTariffPanel({ version, choice, lastResult }: { version: number; choice: LineTariffChoice; lastResult: SubmissionResult<FieldError> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "tariff";
  const [form, fields] = useSchemaForm(lineTariffFormSchema, {
    id: "line-tariff",
    lastResult,
    defaultValue: { tariffId: choice.currentId == null ? "" : String(choice.currentId) },
  });
  return (
    <section className="panel" aria-labelledby="line-tariff-title" id="tariff">
      <h2 id="line-tariff-title">{t("bulk.line.title")}</h2>
      <Form method="post" className="stack" preventScrollReset {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="tariff" />
        <input type="hidden" name="version" value={version} />
        <SelectInput field={fields.tariffId} label={t("bulk.line.field")} hint={t("bulk.line.hint")}>
          {choice.options.map((option) => (
            <option key={option.id} value={option.id}>
              {t("bulk.option.withFee", { name: option.name, fee: option.fee })}
            </option>
          ))}
        </SelectInput>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t("bulk.line.button")}
          </button>
          <Link to="/cabinet/bulk">{t("bulk.line.many")}</Link>
        </div>
      </Form>
    </section>
  );
}
