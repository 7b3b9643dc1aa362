import { getSpendingSummary } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { SpendingCharts } from "~/components/cabinet-home/spending-charts";
import { SummaryCards } from "~/components/cabinet-home/summary-cards";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** `202611` → "ноябрь 2026" / "November 2026". */
function monthName(month: number, locale: string): string {
  const date = new Date(Date.UTC(Math.floor(month / 100), (month % 100) - 1, 15));
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const deps = await appDeps();
  const summary = await mapDomainErrors(() => getSpendingSummary(deps, actor));
  const locale = await getLocale(request);
  return {
    title: translator(locale)("cabinet.title"),
    displayName: actor.displayName,
    company: summary.company,
    regionName: locale === "en" ? summary.region.nameEn : summary.region.nameRu,
    summary: { ...summary, thisMonthName: monthName(summary.thisMonth, locale), lastMonthName: monthName(summary.lastMonth, locale) },
    passwordChanged: new URL(request.url).searchParams.get("changed") === "1",
  };
}

/** The cabinet's start page: summaries and charts, a handful of aggregates however many lines. */
export default function CabinetHome() {
  const t = useT();
  const { displayName, company, regionName, summary, passwordChanged } = useLoaderData<typeof loader>();
  return (
    <>
      <CabinetNav />
      {passwordChanged ? (
        <p className="notice notice-ok" role="status">
          {t("password.changed")}
        </p>
      ) : null}
      <div className="page-head">
        <div>
          <h1>{t("cabinet.greeting", { name: displayName })}</h1>
          <p className="lead">
            {company.name} · {regionName}
          </p>
        </div>
        <div className="actions head-actions">
          <Link to="/account/password" className="button button-quiet button-small">
            {t("cabinet.passwordLink")}
          </Link>
        </div>
      </div>
      {summary.historyPending ? (
        <p className="notice notice-info" role="status">
          {t("home.historyPending")}
        </p>
      ) : null}
      <SummaryCards balance={summary.balance} monthToDate={summary.monthToDate} lastMonthTotal={summary.lastMonthTotal} lineCount={summary.lineCount} statusCounts={summary.statusCounts} />
      <SpendingCharts days={summary.days} departments={summary.departments} thisMonthName={summary.thisMonthName} lastMonthName={summary.lastMonthName} />
    </>
  );
}
