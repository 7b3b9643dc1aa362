import { DailySpendingChart, type DailyPoint } from "~/components/charts/daily-spending-chart";
import { DepartmentBars } from "~/components/charts/department-bars";
import { useLocale, useT } from "~/root";
import { formatAxisRoubles, formatRoubles } from "~/lib/money";

/** The two charts of the start page: usage by day (this month against the last) and by department. */
export function SpendingCharts(props: {
  days: DailyPoint[];
  departments: { name: string | null; spent: number; rest: boolean }[];
  thisMonthName: string;
  lastMonthName: string;
}) {
  const t = useT();
  const locale = useLocale();
  const money = (kopecks: number) => formatRoubles(kopecks, locale);
  const thisMonthTotal = props.days.reduce((sum, d) => sum + (d.thisMonth ?? 0), 0);
  const lastMonthTotal = props.days.reduce((sum, d) => sum + (d.lastMonth ?? 0), 0);
  return (
    <div className="grid-2">
      <section className="panel" aria-labelledby="home-daily">
        <h2 id="home-daily">{t("home.chart.daily")}</h2>
        <DailySpendingChart
          days={props.days}
          title={t("home.chart.daily")}
          description={t("home.chart.dailyDescription", { thisMonth: props.thisMonthName, thisTotal: money(thisMonthTotal), lastMonth: props.lastMonthName, lastTotal: money(lastMonthTotal) })}
          thisMonthLabel={props.thisMonthName}
          lastMonthLabel={props.lastMonthName}
          dayLabel={t("home.chart.day")}
          formatMoney={money}
          formatAxis={(kopecks) => formatAxisRoubles(kopecks, locale)}
        />
      </section>
      <section className="panel" aria-labelledby="home-departments">
        <h2 id="home-departments">{t("home.chart.departments", { month: props.thisMonthName })}</h2>
        {props.departments.length === 0 ? (
          <p className="muted">{t("home.chart.noSpending")}</p>
        ) : (
          <DepartmentBars
            bars={props.departments.map((d) => ({ label: d.rest ? t("home.chart.otherDepartments") : (d.name ?? t("home.chart.noDepartment")), spent: d.spent }))}
            title={t("home.chart.departments", { month: props.thisMonthName })}
            description={t("home.chart.departmentsDescription", { count: props.departments.length })}
            nameLabel={t("home.chart.department")}
            amountLabel={t("home.chart.amount")}
            formatMoney={money}
          />
        )}
      </section>
    </div>
  );
}
