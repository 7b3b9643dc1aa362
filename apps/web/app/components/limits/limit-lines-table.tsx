import { Link } from "@remix-run/react";
import { useT } from "~/root";
import { useSourceText } from "./limit-status";
import type { LimitRowView } from "./limit-view";
import { ShareBar } from "./share-bar";

/**
 * Lines against their limits: the number (a link to its page, where the limit is set), the limit
 * and where it comes from, the share spent (a bar and the figures), when it was or will be reached,
 * and up to when usage has been rated. On a phone, each row is a card.
 */
export function LimitLinesTable({ rows, caption }: { rows: LimitRowView[]; caption: string }) {
  const t = useT();
  const sourceText = useSourceText();
  return (
    <div className="table-wrap">
      <table className="data cards" data-testid="limit-lines">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("limits.col.number")}</th>
            <th scope="col">{t("limits.col.employee")}</th>
            <th scope="col">{t("limits.col.limit")}</th>
            <th scope="col">{t("limits.col.spent")}</th>
            <th scope="col">{t("limits.col.projected")}</th>
            <th scope="col">{t("limits.col.ratedUntil")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.lineId} data-line={row.msisdn}>
              <td className="nowrap">
                <Link to={`/cabinet/lines/${row.lineId}#limit`} className="mono">
                  {row.msisdn}
                </Link>
              </td>
              <td data-label={t("limits.col.employee")}>
                {row.employeeName ?? <span className="muted">{t("lines.noEmployee")}</span>}
                {row.departmentName ? <span className="muted small"> · {row.departmentName}</span> : null}
              </td>
              <td data-label={t("limits.col.limit")}>
                {row.limit ? (
                  <>
                    <span className="nowrap">{row.limit.amount}</span>
                    {row.limit.until ? <span className="muted small"> {t("limits.temporary", { date: row.limit.until })}</span> : null}
                    <br />
                    <span className="muted small">
                      {t(`limits.policyShort.${row.limit.policy}`)} · {sourceText(row.source, row.departmentName)}
                    </span>
                  </>
                ) : (
                  <span className="muted">{t("limits.source.none")}</span>
                )}
              </td>
              <td data-label={t("limits.col.spent")}>
                {row.limit && row.percent != null ? (
                  <>
                    <span className="nowrap">{t("limits.shareOf", { spent: row.spent.company, limit: row.limit.amount })}</span>{" "}
                    <strong className="nowrap">{t("limits.share", { percent: row.percent })}</strong>
                    <ShareBar percent={row.percent} standing={row.standing} blocked={row.blockedByLimit} />
                    {row.blockedByLimit ? (
                      <span className="badge badge-bad">{t("limits.standing.blocked")}</span>
                    ) : row.standing === "reached" || row.standing === "warning" ? (
                      <span className={`badge ${row.standing === "reached" ? "badge-bad" : "badge-warn"}`}>{t(`limits.standing.${row.standing}`)}</span>
                    ) : null}
                    {row.spent.hasEmployeePart ? <div className="muted small">{t("limits.line.employeePart", { amount: row.spent.employee, company: row.spent.company })}</div> : null}
                  </>
                ) : (
                  <span className="nowrap">{row.spent.total}</span>
                )}
              </td>
              <td data-label={t("limits.col.projected")}>
                {row.reachedAt ? (
                  <>
                    {t("limits.projected.reachedShort")} <span className="nowrap">{row.reachedAt}</span>
                  </>
                ) : row.projectedReachAt ? (
                  <span className="nowrap">{row.projectedReachAt}</span>
                ) : (
                  <span className="muted">{row.limit ? t("limits.projected.notThisMonth") : "—"}</span>
                )}
              </td>
              <td data-label={t("limits.col.ratedUntil")}>
                {row.ratedUntil ? <span className="nowrap">{row.ratedUntil}</span> : <span className="muted">{t("limits.ratedUntil.none")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
