import { findRegion, formatRegionDateTime, listBulkChanges } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { REFRESH_SECONDS } from "~/components/bulk/bulk-view";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { bulkJobsQuerySchema } from "~/forms/bulk-forms";
import { translator } from "~/i18n/i18n";
import { formatCount } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "" },
  // The page's own address, without a #fragment: a refresh to a fragment would only scroll.
  ...(data?.inProgress ? [{ httpEquiv: "refresh", content: `${REFRESH_SECONDS};url=/cabinet/bulk/jobs${data.page > 1 ? `?page=${data.page}` : ""}` }] : []),
];

/** The company's bulk changes (each a job): who, when, how many lines, where each stands, and its report. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const { page } = bulkJobsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const deps = await appDeps();
  const list = await mapDomainErrors(() => listBulkChanges(deps, actor, { page }));
  const locale = await getLocale(request);
  const en = locale === "en";
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  const at = (date: Date | null) => (date ? formatRegionDateTime(date, timeZone) : null);
  const changes = list.changes.map((c) => ({
    id: c.id,
    createdAt: at(c.createdAt) as string,
    author: c.author.displayName || c.author.login,
    tariff: c.tariff ? (en ? c.tariff.nameEn : c.tariff.nameRu) : null,
    services: c.servicesOn.length + c.servicesOff.length,
    lines: formatCount(c.changeCount, locale),
    status: c.status,
    percent: c.progress && (c.progress.total ?? c.changeCount) > 0 ? Math.floor((100 * c.progress.done) / (c.progress.total ?? c.changeCount)) : 0,
    runAfter: at(c.runAfter),
    appliedAt: at(c.appliedAt),
    finishedAt: at(c.finishedAt),
    stale: c.refusal != null,
  }));
  return {
    title: translator(locale)("bulk.jobs.title"),
    page: list.page,
    pageCount: list.pageCount,
    changes,
    inProgress: changes.some((c) => c.status === "queued" || c.status === "running"),
  };
}

export default function BulkJobsPage() {
  const t = useT();
  const { changes, page, pageCount, inProgress } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `/cabinet/bulk/jobs${p > 1 ? `?page=${p}` : ""}`;
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("bulk.jobs.title")}</h1>
          <p className="lead">{t("bulk.jobs.lead")}</p>
        </div>
        <Link to="/cabinet/bulk" className="button">
          {t("bulk.jobs.new")}
        </Link>
      </div>
      {inProgress ? (
        <p className="notice" role="status">
          {t("bulk.jobs.refreshing")} <Link to={pageLink(page)}>{t("bulk.refresh")}</Link>
        </p>
      ) : null}
      {changes.length === 0 ? (
        <p className="muted">{t("bulk.jobs.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards" aria-label={t("bulk.jobs.title")} data-testid="bulk-jobs">
            <thead>
              <tr>
                <th scope="col">{t("bulk.jobs.col.change")}</th>
                <th scope="col">{t("bulk.jobs.col.at")}</th>
                <th scope="col">{t("bulk.jobs.col.author")}</th>
                <th scope="col">{t("bulk.jobs.col.what")}</th>
                <th scope="col">{t("bulk.jobs.col.lines")}</th>
                <th scope="col">{t("bulk.jobs.col.status")}</th>
                <th scope="col">{t("bulk.jobs.col.report")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <td data-label={t("bulk.jobs.col.change")}>
                    <Link to={`/cabinet/bulk/${c.id}`}>{t("bulk.jobs.number", { id: c.id })}</Link>
                  </td>
                  <td data-label={t("bulk.jobs.col.at")} className="nowrap">
                    {c.createdAt}
                  </td>
                  <td data-label={t("bulk.jobs.col.author")}>{c.author}</td>
                  <td data-label={t("bulk.jobs.col.what")}>
                    {c.tariff ? t("bulk.jobs.toTariff", { tariff: c.tariff }) : null}
                    {c.tariff && c.services > 0 ? "; " : null}
                    {c.services > 0 ? t("bulk.jobs.services", { count: c.services }) : null}
                  </td>
                  <td data-label={t("bulk.jobs.col.lines")}>{c.lines}</td>
                  <td data-label={t("bulk.jobs.col.status")}>
                    <span className={`badge ${c.status === "done" ? "badge-ok" : c.status === "failed" ? "badge-bad" : ""}`}>{t(`bulk.status.${c.status}`)}</span>
                    <br />
                    <span className="muted small">
                      {c.status === "scheduled" && c.runAfter ? t("bulk.jobs.from", { at: c.runAfter }) : null}
                      {c.status === "running" ? <progress max={100} value={c.percent} aria-label={t("bulk.progress")} /> : null}
                      {c.status === "done" && c.appliedAt ? t("bulk.jobs.appliedAt", { at: c.appliedAt }) : null}
                      {c.status === "failed" ? (c.stale ? t("bulk.jobs.stale") : t("bulk.jobs.failed")) : null}
                      {c.status === "cancelled" && c.finishedAt ? t("bulk.jobs.cancelledAt", { at: c.finishedAt }) : null}
                    </span>
                  </td>
                  <td data-label={t("bulk.jobs.col.report")} className="nowrap">
                    <a href={`/cabinet/bulk/${c.id}.csv`} download>
                      CSV
                    </a>{" "}
                    ·{" "}
                    <a href={`/cabinet/bulk/${c.id}.xlsx`} download>
                      XLSX
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="actions" aria-label={t("bulk.jobs.pages")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>← {t("bulk.pagePrevious")}</Link> : null}
          <span className="muted">{t("bulk.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? <Link to={pageLink(page + 1)}>{t("bulk.pageNext")} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
