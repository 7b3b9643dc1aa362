import type { DepartmentSpending, LineSpending, ReportLineSort } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { SelectInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { reportLineSortOptions, type SpendingReportFilter, spendingReportFormSchema, spendingReportSearch } from "~/forms/spending-report-form";
import { formatCount } from "~/lib/money";
import { useLocale, useT } from "~/root";
import { ReportPagination } from "./report-pagination";
import type { ReportMonths } from "./report-totals";
import { SpendingCells, SpendingHeaders } from "./spending-cells";
import { LineName } from "./top-spenders";
import { TableRegion } from "./table-region";

/** A line of the report as the page shows it: its number written for people. */
export type ShownLine = LineSpending & { number: string };

/** Spending by employee (line): the department and the order chosen in a GET form, a page at a time. */
export function LineSpendingSection(props: {
  lines: { sort: ReportLineSort; department: number | "none" | null; departmentName: string | null; total: number; page: number; pageCount: number; rows: ShownLine[] };
  departments: DepartmentSpending[];
  months: ReportMonths;
  split: boolean;
  filter: SpendingReportFilter;
}) {
  const t = useT();
  const locale = useLocale();
  const { lines } = props;
  const department = lines.department === null ? "" : String(lines.department);
  const [form, fields] = useSchemaForm(spendingReportFormSchema, { id: "report-lines", defaultValue: { department, sort: lines.sort } });
  const shownDepartment = lines.department === "none" ? t("reports.noDepartment") : lines.departmentName;
  // The departments with spending in the two months, lines without one last, and the one chosen even when it had none.
  const choices = props.departments.filter((d) => d.departmentId !== null).map((d) => ({ value: String(d.departmentId), name: d.name ?? "" }));
  if (typeof lines.department === "number" && !choices.some((d) => d.value === department)) choices.push({ value: department, name: lines.departmentName ?? "" });
  choices.push({ value: "none", name: t("reports.noDepartment") });
  return (
    <section className="panel" aria-labelledby="report-lines">
      <h2 id="report-lines">{shownDepartment ? t("reports.lines.of", { department: shownDepartment }) : t("reports.lines")}</h2>
      <Form method="get" action="/cabinet/reports#report-lines" className="filters" aria-label={t("reports.lines.filters")} {...getFormProps(form)}>
        <input type="hidden" name="month" value={props.filter.month} />
        <SelectInput field={fields.department} label={t("reports.col.department")}>
          <option value="">{t("reports.department.all")}</option>
          {choices.map((d) => (
            <option key={d.value} value={d.value}>
              {d.name}
            </option>
          ))}
        </SelectInput>
        <SelectInput field={fields.sort} label={t("reports.sort")}>
          {reportLineSortOptions.map((sort) => (
            <option key={sort} value={sort}>
              {t(`reports.sort.${sort}`)}
            </option>
          ))}
        </SelectInput>
        <div className="filters-buttons">
          <button type="submit" className="button">
            {t("reports.show")}
          </button>
        </div>
      </Form>
      <p role="status">{t("reports.lines.count", { count: formatCount(lines.total, locale) })}</p>
      {lines.rows.length === 0 ? null : (
        <TableRegion label={t("reports.lines")}>
          <table className="data cards report-table">
            <caption className="visually-hidden">{t("reports.lines")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.col.employee")}</th>
                <SpendingHeaders months={props.months} split={props.split} />
              </tr>
            </thead>
            <tbody>
              {lines.rows.map((line) => (
                <tr key={line.lineId}>
                  <td>
                    <LineName line={line} />
                  </td>
                  <SpendingCells current={line.current} previous={line.previous} change={line.change} months={props.months} split={props.split} />
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <ReportPagination page={lines.page} pageCount={lines.pageCount} link={(page) => `/cabinet/reports${spendingReportSearch({ ...props.filter, page })}#report-lines`} />
    </section>
  );
}
