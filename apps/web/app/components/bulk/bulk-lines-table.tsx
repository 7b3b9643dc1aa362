import { Link } from "@remix-run/react";
import { useT } from "~/root";
import type { BulkLinesPage } from "./bulk-view";

/**
 * One of the preview's two lists, a page at a time: the lines that change (current → new tariff and
 * services, the monthly fees and their difference) or those that cannot (with the reason).
 */
export function BulkLinesTable({
  id,
  title,
  list,
  pageParam,
  query,
  changeId,
}: {
  id: "changes" | "refused";
  title: string;
  list: BulkLinesPage;
  pageParam: "page" | "refusedPage";
  query: { page: number; refusedPage: number };
  changeId: number;
}) {
  const t = useT();
  if (list.total === 0) return null;
  const link = (page: number) => {
    const params = new URLSearchParams();
    const next = { ...query, [pageParam]: page };
    if (next.page > 1) params.set("page", String(next.page));
    if (next.refusedPage > 1) params.set("refusedPage", String(next.refusedPage));
    const search = params.toString();
    return `/cabinet/bulk/${changeId}${search ? `?${search}` : ""}#${id}`;
  };
  const refused = id === "refused";
  return (
    <section className="panel" aria-labelledby={`bulk-${id}-title`} id={id}>
      <h2 id={`bulk-${id}-title`}>{title}</h2>
      <div className="table-wrap">
        <table className="data cards" aria-labelledby={`bulk-${id}-title`} data-testid={`bulk-${id}`}>
          <thead>
            <tr>
              {refused ? <th scope="col">{t("bulk.col.row")}</th> : null}
              <th scope="col">{t("bulk.col.number")}</th>
              <th scope="col">{t("bulk.col.employee")}</th>
              <th scope="col">{refused ? t("bulk.col.tariff") : t("bulk.col.tariffChange")}</th>
              <th scope="col">{refused ? t("bulk.col.services") : t("bulk.col.servicesChange")}</th>
              <th scope="col">{refused ? t("bulk.col.fee") : t("bulk.col.feeChange")}</th>
              {refused ? <th scope="col">{t("bulk.col.reason")}</th> : <th scope="col">{t("bulk.col.difference")}</th>}
            </tr>
          </thead>
          <tbody>
            {list.lines.map((line) => (
              <tr key={line.seq}>
                {refused ? <td data-label={t("bulk.col.row")}>{line.sourceRow ?? "—"}</td> : null}
                <td data-label={t("bulk.col.number")} className="nowrap">
                  {line.lineId && !refused ? <Link to={`/cabinet/lines/${line.lineId}`}>{line.number}</Link> : line.number}
                </td>
                <td data-label={t("bulk.col.employee")}>{line.employeeName ?? "—"}</td>
                <td data-label={refused ? t("bulk.col.tariff") : t("bulk.col.tariffChange")}>
                  {refused ? line.tariffBefore || "—" : line.tariffBefore === line.tariffAfter ? line.tariffAfter : `${line.tariffBefore} → ${line.tariffAfter}`}
                </td>
                <td data-label={refused ? t("bulk.col.services") : t("bulk.col.servicesChange")}>
                  {refused || line.servicesBefore.join() === line.servicesAfter.join() ? (
                    <>
                      {line.servicesBefore.join(", ") || "—"}
                      {refused ? null : <span className="muted"> ({t("bulk.services.unchanged")})</span>}
                    </>
                  ) : (
                    `${line.servicesBefore.join(", ") || "—"} → ${line.servicesAfter.join(", ") || "—"}`
                  )}
                </td>
                <td data-label={refused ? t("bulk.col.fee") : t("bulk.col.feeChange")}>
                  {refused ? line.feeBefore || "—" : `${line.feeBefore} → ${line.feeAfter}`}
                </td>
                {refused ? (
                  <td data-label={t("bulk.col.reason")}>
                    {t(`bulk.reason.${line.refusal}` as never)}
                    {line.refusalService ? ` (${line.refusalService})` : null}
                  </td>
                ) : (
                  <td data-label={t("bulk.col.difference")} className="nowrap">
                    {line.difference}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.pageCount > 1 ? (
        <nav className="actions" aria-label={t("bulk.pages", { title })}>
          {list.page > 1 ? <Link to={link(list.page - 1)}>← {t("bulk.pagePrevious")}</Link> : null}
          <span className="muted">{t("bulk.pageOf", { page: list.page, pages: list.pageCount })}</span>
          {list.page < list.pageCount ? <Link to={link(list.page + 1)}>{t("bulk.pageNext")} →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
