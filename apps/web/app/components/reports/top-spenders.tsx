import { Link } from "@remix-run/react";
import { formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";
import { Change } from "./category-spending";
import { formatShare } from "./report-format";
import type { ShownLine } from "./line-spending";
import { TableRegion } from "./table-region";

/** The lines that spent most this month, largest first, with their share of the company's spending. */
export function TopSpenders(props: { lines: ShownLine[]; companyTotal: number; month: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="report-top">
      <h2 id="report-top">{t("reports.top", { count: props.lines.length })}</h2>
      {props.lines.length === 0 ? (
        <p className="muted">{t("reports.top.none", { month: props.month })}</p>
      ) : (
        <TableRegion label={t("reports.top", { count: props.lines.length })}>
          <table className="data cards">
            <thead>
              <tr>
                <th scope="col">{t("reports.col.employeeName")}</th>
                <th scope="col">{t("reports.col.number")}</th>
                <th scope="col">{t("reports.col.department")}</th>
                <th scope="col" className="num">
                  {t("reports.col.total")}
                </th>
                <th scope="col" className="num">
                  {t("reports.col.share")}
                </th>
                <th scope="col" className="num">
                  {t("reports.col.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((line, index) => (
                <tr key={line.lineId}>
                  <td>
                    {index + 1}. {line.employeeName ?? <span className="muted">{t("reports.noEmployee")}</span>}
                  </td>
                  <td data-label={t("reports.col.number")} className="nowrap">
                    <LineNumber line={line} />
                  </td>
                  <td data-label={t("reports.col.department")}>{line.departmentName ?? <span className="muted">{t("reports.noDepartment")}</span>}</td>
                  <td className="num nowrap" data-label={t("reports.col.total")}>
                    <strong>{formatRoubles(line.current.total, locale)}</strong>
                  </td>
                  <td className="num nowrap" data-label={t("reports.col.share")}>
                    {formatShare(line.current.total, props.companyTotal, locale)}
                  </td>
                  <td className="num nowrap" data-label={t("reports.col.change")}>
                    <Change change={line.change} current={line.current.total} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** The line's number; a live line links to its page (a terminated one has none any more). */
export function LineNumber({ line }: { line: ShownLine }) {
  return line.live ? <Link to={`/cabinet/lines/${line.lineId}`}>{line.number}</Link> : <span>{line.number}</span>;
}

/** The employee's name (or "no name") with the number and department under it. */
export function LineName({ line }: { line: ShownLine }) {
  const t = useT();
  return (
    <>
      {line.employeeName ?? <span className="muted">{t("reports.noEmployee")}</span>}
      <br />
      <span className="nowrap">
        <LineNumber line={line} />
      </span>
      {line.departmentName ? <span className="muted"> · {line.departmentName}</span> : null}
    </>
  );
}
