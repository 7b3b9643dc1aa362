import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { HiddenFieldsProblem, InputField, type SchemaField, SelectInput, summaryOf, TextAreaInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { type BulkSourceOption, bulkPreviewFormSchema } from "~/forms/bulk-forms";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useT } from "~/root";

interface Choice {
  id: number;
  name: string;
  fee: string;
}

export interface StartSelection {
  kind: "lines" | "filter";
  /** How many lines, written for the reader. */
  count: string;
  /** The page's query (`?scope=…&line=…`): carried by the form so that the selection survives a refusal. */
  search: string;
}

/** The lines list's selection as hidden fields of the form (its ticked `line` ids post as `lineId`). */
function SelectionFields({ search }: { search: string }) {
  const params = [...new URLSearchParams(search).entries()].filter(([name]) => ["line", "q", "status", "tariff", "department"].includes(name));
  return (
    <>
      {params.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name === "line" ? "lineId" : name} value={value} />
      ))}
    </>
  );
}

/** One radio of the "which lines" choice, with the field it brings beside it. */
function SourceOption({ field, value, chosen, label, children }: { field: SchemaField; value: BulkSourceOption; chosen: string; label: string; children?: React.ReactNode }) {
  const id = `bulk-source-${value}`;
  return (
    <div className="bulk-source-option">
      <div className="checkbox">
        <input type="radio" id={id} name={field.name} value={value} defaultChecked={chosen === value} key={field.key} />
        <label htmlFor={id}>{label}</label>
      </div>
      {children ? <div className="bulk-source-field">{children}</div> : null}
    </div>
  );
}

/**
 * The bulk change's first step: which lines (the lines list's selection, a department, pasted
 * numbers or a file of numbers) and what to change (a tariff, services on or off). One multipart
 * form that works without JavaScript: the radio says which line field counts.
 */
export function BulkStartForm({
  selection,
  tariffs,
  services,
  departments,
  lastResult,
}: {
  selection: StartSelection | null;
  tariffs: Choice[];
  services: Choice[];
  departments: { id: number; name: string }[];
  lastResult: SubmissionResult<FieldError> | null;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(bulkPreviewFormSchema, { id: "bulk-start", lastResult });
  const typedSource = typeof fields.source.initialValue === "string" ? fields.source.initialValue : undefined;
  const chosen = typedSource ?? selection?.kind ?? "numbers";
  const typedServices = new Map(
    (Array.isArray(fields.service.initialValue) ? (fields.service.initialValue as unknown[]) : [])
      .filter((v): v is string => typeof v === "string")
      .map((v) => v.split(":") as [string, string]),
  );
  const summary = summaryOf(t, form, [
    { field: fields.lineId, label: t("bulk.source.title") },
    { field: fields.departmentId, label: t("bulk.field.department") },
    { field: fields.numbers, label: t("bulk.field.numbers") },
    { field: fields.file, label: t("bulk.field.file") },
    { field: fields.tariffId, label: t("bulk.field.tariff") },
    { field: fields.service, label: t("bulk.services.title") },
  ]);
  const lineError = fields.lineId.errors ? fieldErrorMessage(t, fields.lineId.errors) : undefined;
  const serviceError = fields.service.errors ? fieldErrorMessage(t, fields.service.errors) : undefined;
  return (
    <Form method="post" action={`/cabinet/bulk${selection?.search ?? ""}`} encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <CsrfField />
      {summary.length > 0 ? <ErrorSummary title={t("bulk.errors.title")} errors={summary} /> : null}
      <HiddenFieldsProblem fields={[fields.source, fields.q]} />
      {selection ? <SelectionFields search={selection.search} /> : null}
      <fieldset className="panel stack">
        <legend>{t("bulk.source.title")}</legend>
        {selection ? (
          <SourceOption field={fields.source} value={selection.kind} chosen={chosen} label={t(`bulk.source.${selection.kind}`, { count: selection.count })} />
        ) : null}
        {lineError ? (
          <p className="field-error" id="field-lineId-error" role="alert">
            {lineError}
          </p>
        ) : null}
        <SourceOption field={fields.source} value="department" chosen={chosen} label={t("bulk.source.department")}>
          <SelectInput field={fields.departmentId} label={t("bulk.field.department")}>
            <option value="">{t("bulk.field.department.choose")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </SelectInput>
        </SourceOption>
        <SourceOption field={fields.source} value="numbers" chosen={chosen} label={t("bulk.source.numbers")}>
          <TextAreaInput field={fields.numbers} label={t("bulk.field.numbers")} hint={t("bulk.field.numbers.hint")} rows={5} />
        </SourceOption>
        <SourceOption field={fields.source} value="file" chosen={chosen} label={t("bulk.source.file")}>
          <InputField field={fields.file} label={t("bulk.field.file")} hint={t("bulk.field.file.hint")} type="file" accept=".csv,.txt,text/csv,text/plain" />
        </SourceOption>
      </fieldset>
      <fieldset className="panel stack">
        <legend>{t("bulk.target.title")}</legend>
        <SelectInput field={fields.tariffId} label={t("bulk.field.tariff")} hint={t("bulk.field.tariff.hint")}>
          <option value="">{t("bulk.field.tariff.keep")}</option>
          {tariffs.map((tariff) => (
            <option key={tariff.id} value={tariff.id}>
              {t("bulk.option.withFee", { name: tariff.name, fee: tariff.fee })}
            </option>
          ))}
        </SelectInput>
        <fieldset className="field" aria-describedby={serviceError ? "field-service-error" : undefined}>
          <legend className="field-legend">{t("bulk.services.title")}</legend>
          <p className="hint">{t("bulk.services.hint")}</p>
          <div className="bulk-services">
            {services.map((service) => {
              const id = `bulk-service-${service.id}`;
              const typed = typedServices.get(String(service.id)) ?? "";
              return (
                <div key={`${service.id}-${fields.service.key}`} className="bulk-service">
                  <label htmlFor={id}>{t("bulk.option.withFee", { name: service.name, fee: service.fee })}</label>
                  <select id={id} name="service" defaultValue={typed ? `${service.id}:${typed}` : ""}>
                    <option value="">{t("bulk.service.keep")}</option>
                    <option value={`${service.id}:on`}>{t("bulk.service.on")}</option>
                    <option value={`${service.id}:off`}>{t("bulk.service.off")}</option>
                  </select>
                </div>
              );
            })}
          </div>
          {serviceError ? (
            <p className="field-error" id="field-service-error">
              {serviceError}
            </p>
          ) : null}
        </fieldset>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t("bulk.preview.button")}
        </button>
      </div>
    </Form>
  );
}
