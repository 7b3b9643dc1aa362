import type { DepartmentSpending, SpendingChange, SpendingFigures } from "@cabinet/domain";
import { Link } from "@remix-run/react";
import { ComparisonBars } from "~/components/charts/comparison-bars";
import { type SpendingReportFilter, spendingReportSearch } from "~/forms/spending-report-form";
import { formatCount, formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";
import type { ReportMonths } from "./report-totals";
import { SpendingCells, SpendingHeaders } from "./spending-cells";
import { TableRegion } from "./table-region";

/** How many departments the chart names; the rest are one bar. The table lists them all. */
const DEPARTMENTS_CHARTED = 8;

/** Spending by department, this month against the previous: a chart of the largest and a table of all. */
export function DepartmentSpendingSection(props: {
  departments: DepartmentSpending[];
  totals: { current: SpendingFigures; previous: SpendingFigures; change: { total: SpendingChange }; lineCount: number };
  months: ReportMonths;
  split: boolean;
  filter: SpendingReportFilter;
}) {
  const t = useT();
  const locale = useLocale();
  const money = (kopecks: number) => formatRoubles(kopecks, locale);
  const nameOf = (d: DepartmentSpending) => d.name ?? t("reports.noDepartment");
  // Departments that spent nothing in either month are in the table only.
  const spending = props.departments.filter((d) => d.current.total > 0 || d.previous > 0);
  const charted = spending.slice(0, DEPARTMENTS_CHARTED).map((d) => ({ label: nameOf(d), current: d.current.total, previous: d.previous }));
  const rest = spending.slice(DEPARTMENTS_CHARTED);
  if (rest.length > 0) {
    charted.push({ label: t("reports.otherDepartments", { count: rest.length }), current: rest.reduce((s, d) => s + d.current.total, 0), previous: rest.reduce((s, d) => s + d.previous, 0) });
  }
  const largest = props.departments[0];
  return (
    <section className="panel" aria-labelledby="report-departments">
      <h2 id="report-departments">{t("reports.departments")}</h2>
      <ComparisonBars
        bars={charted}
        title={t("reports.departments.chart", { month: props.months.current, previous: props.months.previous })}
        description={t("reports.departments.description", {
          count: spending.length,
          largest: largest ? nameOf(largest) : "—",
          amount: money(largest?.current.total ?? 0),
        })}
        currentLabel={props.months.current}
        previousLabel={props.months.previous}
        formatMoney={money}
      />
      <TableRegion label={t("reports.departments")}>
        <table className="data cards report-table">
          <caption className="visually-hidden">{t("reports.departments")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.col.department")}</th>
              <th scope="col" className="num">
                {t("reports.col.lines")}
              </th>
              <SpendingHeaders months={props.months} split={props.split} />
            </tr>
          </thead>
          <tbody>
            {props.departments.map((d) => (
              <tr key={d.departmentId ?? "none"}>
                <td>
                  <Link to={`/cabinet/reports${spendingReportSearch({ month: props.filter.month, department: d.departmentId ?? "none", sort: props.filter.sort })}#report-lines`}>
                    {nameOf(d)}
                  </Link>
                </td>
                <td className="num" data-label={t("reports.col.lines")}>
                  {formatCount(d.lineCount, locale)}
                </td>
                <SpendingCells current={d.current} previous={d.previous} change={d.change} months={props.months} split={props.split} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>
                <strong>{t("reports.allLines")}</strong>
              </td>
              <td className="num" data-label={t("reports.col.lines")}>
                {formatCount(props.totals.lineCount, locale)}
              </td>
              <SpendingCells current={props.totals.current} previous={props.totals.previous.total} change={props.totals.change.total} months={props.months} split={props.split} />
            </tr>
          </tfoot>
        </table>
      </TableRegion>
    </section>
  );
}
