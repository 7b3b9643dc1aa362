import type { SpendingCategory, SpendingChange, SpendingFigures } from "@cabinet/domain";
import { ComparisonBars } from "~/components/charts/comparison-bars";
import { formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";
import { formatPercentChange, formatRoublesChange } from "./report-format";
import type { ReportMonths } from "./report-totals";
import { TableRegion } from "./table-region";

// The domain's list, repeated: components run in the browser too, and the domain's index opens SQLite.
const categories = ["calls", "sms", "data", "roaming"] as const satisfies readonly SpendingCategory[];

/** The month against the previous by kind of charge: a chart, and the same figures in a table beside it. */
export function CategorySpending(props: {
  totals: { current: SpendingFigures; previous: SpendingFigures; change: Record<SpendingCategory | "total", SpendingChange> };
  months: ReportMonths;
}) {
  const t = useT();
  const locale = useLocale();
  const money = (kopecks: number) => formatRoubles(kopecks, locale);
  const rows = categories.map((category) => ({
    category,
    label: t(`reports.category.${category}`),
    current: props.totals.current[category],
    previous: props.totals.previous[category],
  }));
  return (
    <section className="panel" aria-labelledby="report-categories">
      <h2 id="report-categories">{t("reports.categories")}</h2>
      <div className="grid-2">
        <ComparisonBars
          bars={rows.map((row) => ({ label: row.label, current: row.current, previous: row.previous }))}
          title={t("reports.categories.chart", { month: props.months.current, previous: props.months.previous })}
          description={t("reports.categories.description", {
            total: money(props.totals.current.total),
            previousTotal: money(props.totals.previous.total),
          })}
          currentLabel={props.months.current}
          previousLabel={props.months.previous}
          formatMoney={money}
        />
        <TableRegion label={t("reports.categories")}>
          <table className="data cards report-table">
            <caption className="visually-hidden">{t("reports.categories")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.col.category")}</th>
                <th scope="col" className="num">
                  {props.months.current}
                </th>
                <th scope="col" className="num">
                  {props.months.previous}
                </th>
                <th scope="col" className="num">
                  {t("reports.col.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.category}>
                  <td>{row.label}</td>
                  <td className="num nowrap" data-label={props.months.current}>
                    {money(row.current)}
                  </td>
                  <td className="num nowrap" data-label={props.months.previous}>
                    {money(row.previous)}
                  </td>
                  <td className="num nowrap" data-label={t("reports.col.change")}>
                    <Change change={props.totals.change[row.category]} current={row.current} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>
                  <strong>{t("reports.allLines")}</strong>
                </td>
                <td className="num nowrap" data-label={props.months.current}>
                  <strong>{money(props.totals.current.total)}</strong>
                </td>
                <td className="num nowrap" data-label={props.months.previous}>
                  {money(props.totals.previous.total)}
                </td>
                <td className="num nowrap" data-label={t("reports.col.change")}>
                  <Change change={props.totals.change.total} current={props.totals.current.total} />
                </td>
              </tr>
            </tfoot>
          </table>
        </TableRegion>
      </div>
    </section>
  );
}

/** The change against the previous month: roubles, and percent when there was something to compare with. */
export function Change(props: { change: SpendingChange; current: number }) {
  const t = useT();
  const locale = useLocale();
  const percent = formatPercentChange(props.change.percent, locale);
  return (
    <>
      {formatRoublesChange(props.change.difference, locale)}
      <br />
      <span className="muted">{percent ?? (props.current > 0 ? t("reports.new") : "—")}</span>
    </>
  );
}
