import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfField } from "~/components/csrf-field";
import { HiddenFieldsProblem } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { type LinesFilter, lineSelectionFormSchema } from "~/forms/lines-filter-form";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useT } from "~/root";

/**
 * Selecting lines for an action: the table's checkboxes and two buttons, "the ticked ones" or "all
 * N lines matching this filter". One POST form that carries the filter as hidden fields, so both
 * work without JavaScript; the server resolves either into the company's lines.
 */
export function LinesSelectionForm({
  filter,
  totalText,
  lastResult,
  children,
}: {
  filter: LinesFilter;
  /** How many lines match the filter, written for the reader. */
  totalText: string;
  lastResult: SubmissionResult<FieldError> | null;
  children: (lineError: string | undefined) => ReactNode;
}) {
  const t = useT();
  const [form, fields] = useSchemaForm(lineSelectionFormSchema, { id: "line-selection", lastResult });
  const lineError = fields.line.errors ? fieldErrorMessage(t, fields.line.errors) : undefined;
  const hidden: [string, string | number | undefined][] = [
    ["q", filter.q],
    ["status", filter.status],
    ["tariff", filter.tariff],
    ["department", filter.department],
    ["sort", filter.sort],
    ["dir", filter.dir],
    ["page", filter.page],
  ];
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfField />
      {hidden.map(([name, value]) => (value === undefined || value === "" ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <HiddenFieldsProblem fields={[fields.scope]} />
      {children(lineError)}
      <fieldset className="selection-bar panel">
        <legend>{t("lines.selection.title")}</legend>
        {lineError ? (
          <p className="field-error" id="field-line-error" role="alert">
            {lineError}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" name="scope" value="lines" className="button button-quiet">
            {t("lines.selection.ticked")}
          </button>
          <button type="submit" name="scope" value="filter" className="button button-quiet">
            {t("lines.selection.all", { count: totalText })}
          </button>
        </div>
        {/* Spending limits (issue 9): the same selection, shown with the limit's form on its own page. */}
        <div className="actions">
          <button type="submit" name="scope" value="lines" formAction="/cabinet/limits/selection" className="button button-quiet">
            {t("lines.selection.limitTicked")}
          </button>
          <button type="submit" name="scope" value="filter" formAction="/cabinet/limits/selection" className="button button-quiet">
            {t("lines.selection.limitAll", { count: totalText })}
          </button>
        </div>
        <p className="muted small">{t("lines.selection.soon")}</p>
      </fieldset>
    </Form>
  );
}
