import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { CheckboxInput, HiddenFieldsProblem, InputField, type SchemaField, SelectInput, summaryOf } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { type DetailingLinesOption, detailingFormatOptions, detailingOrderFormSchema } from "~/forms/details-order-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useT } from "~/root";

interface Props {
  window: { earliest: string; latest: string };
  departments: { id: number; name: string; lineCount: number }[];
  defaults: { from: string; to: string; lines: string; format: string; email: string; selection: string };
  /** How many lines the lines list's selection holds, when the page was opened from the list. */
  selectionCount: string | null;
  pdfMaxRows: string;
  attachmentLimit: string;
  linkDays: number;
}

const dotted = (iso: string) => iso.split("-").reverse().join(".");

/** One radio of a group, its explanation read with it. */
function Choice({ field, value, label, hint, chosen }: { field: SchemaField; value: string; label: string; hint?: string; chosen: boolean }) {
  const id = `field-${field.name}-${value}`;
  return (
    <div className="checkbox details-choice">
      <input key={field.key} type="radio" id={id} name={field.name} value={value} defaultChecked={chosen} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span className="hint" id={`${id}-hint`}>
            {" "}
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

function chosenValue(field: SchemaField, fallback: string): string {
  return typeof field.initialValue === "string" ? field.initialValue : fallback;
}

/**
 * The order: the period (the region's calendar, within the window), which lines, the format, a ZIP,
 * the e-mail. A plain POST form (works without JavaScript); with JavaScript conform checks fields
 * as they are left, with the same schema as the server.
 */
export function DetailingOrderFormPanel({ window, departments, defaults, selectionCount, pdfMaxRows, attachmentLimit, linkDays }: Props) {
  const t = useT();
  const answer = useActionData<{ result: SubmissionResult<FieldError> }>();
  const submitting = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(detailingOrderFormSchema, {
    id: "detailing-order",
    lastResult: answer?.result,
    defaultValue: { ...defaults, zip: "" },
  });
  const summary = summaryOf(t, form, [
    { field: fields.from, label: t("details.from") },
    { field: fields.to, label: t("details.to") },
    { field: fields.department, label: t("details.department") },
    { field: fields.line, label: t("details.line") },
    { field: fields.format, label: t("details.format") },
    { field: fields.email, label: t("details.email") },
  ]);
  const linesError = fields.lines.errors ? fieldErrorMessage(t, fields.lines.errors) : undefined;
  const formError = form.errors ? fieldErrorMessage(t, form.errors as unknown as FieldError) : undefined;
  const lines = chosenValue(fields.lines, defaults.lines) as DetailingLinesOption;
  const format = chosenValue(fields.format, defaults.format);
  return (
    <section className="panel" aria-labelledby="order-title">
      <h2 id="order-title">{t("details.order.title")}</h2>
      <ErrorSummary title={t("details.errorSummary", { count: summary.length })} errors={summary} />
      {formError ? (
        <p className="notice notice-bad" role="alert">
          {formError}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <CsrfField />
        <HiddenFieldsProblem fields={[fields.selection]} />
        {defaults.selection ? <input type="hidden" name={fields.selection.name} value={defaults.selection} /> : null}
        <fieldset aria-describedby="period-hint">
          <legend>{t("details.period")}</legend>
          <p className="hint" id="period-hint">
            {t("details.period.hint", { earliest: dotted(window.earliest), latest: dotted(window.latest) })}
          </p>
          <div className="grid-2">
            <InputField field={fields.from} label={t("details.from")} type="date" />
            <InputField field={fields.to} label={t("details.to")} type="date" />
          </div>
        </fieldset>
        <fieldset className={linesError ? "field-invalid" : undefined}>
          <legend>{t("details.lines")}</legend>
          <Choice field={fields.lines} value="all" label={t("details.lines.all")} chosen={lines === "all"} />
          {selectionCount !== null ? (
            <Choice field={fields.lines} value="selection" label={t("details.lines.selection", { count: selectionCount })} chosen={lines === "selection"} />
          ) : null}
          <Choice field={fields.lines} value="department" label={t("details.lines.department")} chosen={lines === "department"} />
          <div className="details-sub">
            <SelectInput field={fields.department} label={t("details.department")}>
              <option value="">{t("details.department.none")}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {t("details.department.option", { name: d.name, count: d.lineCount })}
                </option>
              ))}
            </SelectInput>
          </div>
          <Choice field={fields.lines} value="line" label={t("details.lines.line")} chosen={lines === "line"} />
          <div className="details-sub">
            <InputField field={fields.line} label={t("details.line")} hint={t("details.line.hint")} inputMode="tel" autoComplete="off" />
          </div>
          {linesError ? (
            <p className="field-error" role="alert">
              {linesError}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t("details.format")}</legend>
          {detailingFormatOptions.map((option) => (
            <Choice
              key={option}
              field={fields.format}
              value={option}
              label={t(`details.format.${option}`)}
              hint={option === "pdf" ? t("details.format.pdf.hint", { max: pdfMaxRows }) : t(`details.format.${option}.hint`)}
              chosen={format === option}
            />
          ))}
          {fields.format.errors ? (
            <p className="field-error" id="field-format-error" role="alert">
              {fieldErrorMessage(t, fields.format.errors)}
            </p>
          ) : null}
          <CheckboxInput field={fields.zip} label={t("details.zip")} value="on" />
        </fieldset>
        <InputField field={fields.email} label={t("details.email")} hint={t("details.email.hint", { limit: attachmentLimit, days: linkDays })} type="email" autoComplete="email" />
        <div className="actions">
          <button type="submit" className="button" disabled={submitting}>
            {t("details.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
