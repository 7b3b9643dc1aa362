import { formatMsisdn, formatRegionDateTime, getSpendingReport, type LineSpending } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { CategorySpending } from "~/components/reports/category-spending";
import { DepartmentSpendingSection } from "~/components/reports/department-spending";
import { LineSpendingSection } from "~/components/reports/line-spending";
import { ReportFiles, ReportMonthForm } from "~/components/reports/report-month-form";
import { monthName } from "~/components/reports/report-format";
import { ReportTotals } from "~/components/reports/report-totals";
import { TopSpenders } from "~/components/reports/top-spenders";
import { monthParam, reportQueryOf, spendingReportFormSchema } from "~/forms/spending-report-form";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The report's choices from the URL; anything not offered falls back to its default (see the schema). */
export function spendingReportFilterOf(url: URL) {
  return spendingReportFormSchema.parse(Object.fromEntries(url.searchParams));
}

const shown = (line: LineSpending) => ({ ...line, number: formatMsisdn(line.msisdn) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const filter = spendingReportFilterOf(new URL(request.url));
  const deps = await appDeps();
  const report = await mapDomainErrors(() => getSpendingReport(deps, actor, reportQueryOf(filter)));
  const locale = await getLocale(request);
  const t = translator(locale);
  return {
    title: `${t("reports.title")} — ${monthName(report.month, locale)}`,
    filter: { ...filter, month: monthParam(report.month), page: report.lines.page },
    monthName: monthName(report.month, locale),
    previousMonthName: monthName(report.previousMonth, locale),
    months: report.months.map((month) => ({ value: monthParam(month), name: monthName(month, locale), current: month === report.currentMonth })),
    isCurrentMonth: report.month === report.currentMonth,
    ratedUntil: report.totals.lastEventAt === null ? null : formatRegionDateTime(new Date(report.totals.lastEventAt), report.region.timeZone),
    totals: report.totals,
    previousToDate: report.previousToDate,
    departments: report.departments,
    topSpenders: report.topSpenders.map(shown),
    lines: { ...report.lines, rows: report.lines.rows.map(shown) },
    historyPending: report.historyPending,
  };
}

/**
 * Spending reports: a billing month's usage charges by kind, department and employee against the
 * previous month, with the top spenders; downloadable as CSV and XLSX. Works without JavaScript:
 * the month, the department and the sort are GET forms and links.
 */
export default function SpendingReportPage() {
  const t = useT();
  const report = useLoaderData<typeof loader>();
  const months = { current: report.monthName, previous: report.previousMonthName };
  const split = report.totals.employeePays;
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("reports.title")}</h1>
          <p className="lead">{t("reports.lead")}</p>
        </div>
        <ReportFiles month={report.filter.month} />
      </div>
      {report.historyPending ? (
        <p className="notice notice-info" role="status">
          {t("home.historyPending")}
        </p>
      ) : null}
      <ReportMonthForm month={report.filter.month} months={report.months} />
      <ReportTotals totals={report.totals} previousToDate={report.previousToDate} months={months} ratedUntil={report.ratedUntil} isCurrentMonth={report.isCurrentMonth} />
      {report.totals.current.total === 0 && report.totals.previous.total === 0 ? (
        <p className="notice notice-info" role="status">
          {t("reports.empty", { month: report.monthName })}
        </p>
      ) : (
        <>
          <CategorySpending totals={report.totals} months={months} />
          <TopSpenders lines={report.topSpenders} companyTotal={report.totals.current.total} month={report.monthName} />
          <DepartmentSpendingSection departments={report.departments} totals={report.totals} months={months} split={split} filter={report.filter} />
          <LineSpendingSection lines={report.lines} departments={report.departments} months={months} split={split} filter={report.filter} />
        </>
      )}
    </>
  );
}
