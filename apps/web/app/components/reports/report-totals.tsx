import type { SpendingChange, SpendingFigures } from "@cabinet/domain";
import { formatCount, formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";
import { formatPercentChange, formatRoublesChange } from "./report-format";

export interface ReportMonths {
  current: string;
  previous: string;
}

/** The month's total, the previous month's, the change and how many lines spent: the figures read first. */
export function ReportTotals(props: {
  totals: { current: SpendingFigures; previous: SpendingFigures; change: { total: SpendingChange }; lineCount: number; employeePays: boolean };
  months: ReportMonths;
  /** The month under way: the previous month's same days, and the change against them. */
  previousToDate: { total: number; throughDay: number; change: SpendingChange } | null;
  isCurrentMonth: boolean;
  ratedUntil: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  const { current, previous } = props.totals;
  const percent = formatPercentChange(props.totals.change.total.percent, locale);
  const toDatePercent = props.previousToDate && formatPercentChange(props.previousToDate.change.percent, locale);
  return (
    <div className="grid-3 report-totals">
      <section className="panel" aria-labelledby="report-total">
        <h2 id="report-total">{t("reports.total", { month: props.months.current })}</h2>
        <p className="lead" data-testid="report-total">
          <strong>{formatRoubles(current.total, locale)}</strong>
        </p>
        {props.totals.employeePays ? (
          <p className="muted">
            {t("reports.split", { company: formatRoubles(current.total - current.employee, locale), employees: formatRoubles(current.employee, locale) })}
          </p>
        ) : null}
        {props.ratedUntil ? <p className="muted">{t(props.isCurrentMonth ? "reports.ratedUntil" : "reports.lastEvent", { at: props.ratedUntil })}</p> : null}
      </section>
      <section className="panel" aria-labelledby="report-change">
        <h2 id="report-change">{t("reports.change")}</h2>
        {props.previousToDate ? (
          <>
            <p className="lead" data-testid="report-change">
              <strong>{formatRoublesChange(props.previousToDate.change.difference, locale)}</strong>
              {toDatePercent ? ` (${toDatePercent})` : null}
            </p>
            <p className="muted">
              {t("reports.previousToDate", { month: props.months.previous, day: props.previousToDate.throughDay, amount: formatRoubles(props.previousToDate.total, locale) })}
            </p>
            <p className="muted">{t("reports.previousWhole", { month: props.months.previous, amount: formatRoubles(previous.total, locale) })}</p>
            <p className="muted">{t("reports.partialMonth")}</p>
          </>
        ) : (
          <>
            <p className="lead" data-testid="report-change">
              <strong>{formatRoublesChange(props.totals.change.total.difference, locale)}</strong>
              {percent ? ` (${percent})` : null}
            </p>
            <p className="muted">{t("reports.previousTotal", { month: props.months.previous, amount: formatRoubles(previous.total, locale) })}</p>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="report-lines">
        <h2 id="report-lines">{t("reports.lineCount")}</h2>
        <p className="lead">
          <strong>{formatCount(props.totals.lineCount, locale)}</strong>
        </p>
        <p className="muted">{t("reports.lineCount.hint")}</p>
      </section>
    </div>
  );
}
