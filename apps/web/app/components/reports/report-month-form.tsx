import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { SelectInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { spendingReportFormSchema, spendingReportSearch } from "~/forms/spending-report-form";
import { useT } from "~/root";

/**
 * The billing month (a GET form: the report is its URL, and works without JavaScript). Only months
 * with usage are offered, and the current month even before its first call. Choosing a month starts
 * the report afresh: all departments, the first page.
 */
export function ReportMonthForm(props: { month: string; months: { value: string; name: string; current: boolean }[] }) {
  const t = useT();
  const [form, fields] = useSchemaForm(spendingReportFormSchema, { id: "report-month", defaultValue: { month: props.month } });
  return (
    <Form method="get" action="/cabinet/reports" className="filters panel" aria-label={t("reports.monthForm")} {...getFormProps(form)}>
      <SelectInput field={fields.month} label={t("reports.month")}>
        {props.months.map((month) => (
          <option key={month.value} value={month.value}>
            {month.current ? t("reports.month.current", { month: month.name }) : month.name}
          </option>
        ))}
      </SelectInput>
      <div className="filters-buttons">
        <button type="submit" className="button">
          {t("reports.show")}
        </button>
      </div>
    </Form>
  );
}

/** The month's report as files: CSV (one table each, for Excel in a Russian locale) and XLSX (both tables as sheets). */
export function ReportFiles(props: { month: string }) {
  const t = useT();
  return (
    <div className="actions head-actions">
      <a href={`/cabinet/reports.xlsx${spendingReportSearch({ month: props.month })}`} className="button button-quiet button-small" download>
        {t("reports.download.xlsx")}
      </a>
      <a href={`/cabinet/reports.csv${spendingReportSearch({ month: props.month, table: "lines" })}`} className="button button-quiet button-small" download>
        {t("reports.download.linesCsv")}
      </a>
      <a href={`/cabinet/reports.csv${spendingReportSearch({ month: props.month, table: "departments" })}`} className="button button-quiet button-small" download>
        {t("reports.download.departmentsCsv")}
      </a>
    </div>
  );
}
