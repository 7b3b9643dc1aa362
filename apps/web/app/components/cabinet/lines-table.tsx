import { Link } from "@remix-run/react";
import { type LinesFilter, linesFilterSearch } from "~/forms/lines-filter-form";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/root";
import type { LineRowView } from "./lines-view";

type Column = LinesFilter["sort"];

/**
 * A column header that sorts by its column: a link (the sort lives in the URL), ascending first,
 * then the other way; the sorted column says so with aria-sort.
 */
function SortHeader({ filter, column, label, className }: { filter: LinesFilter; column: Column; label: MessageKey; className?: string }) {
  const t = useT();
  const current = filter.sort === column;
  const next = current && filter.dir === "asc" ? "desc" : "asc";
  const text = t(label);
  return (
    <th scope="col" className={className} aria-sort={current ? (filter.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={`/cabinet/lines${linesFilterSearch(filter, { sort: column, dir: next, page: 1 })}`} className="sort-link" title={t("lines.sortBy", { column: text })}>
        {text}
        {current ? <span aria-hidden="true">{filter.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        {current ? <span className="visually-hidden">, {t(filter.dir === "asc" ? "lines.sorted.asc" : "lines.sorted.desc")}</span> : null}
      </Link>
    </th>
  );
}

const statusBadge: Record<LineRowView["status"], string> = {
  active: "badge-ok",
  blocked_loss: "badge-bad",
  blocked_voluntary: "badge-neutral",
  blocked_limit: "badge-warn",
};

/** The page of lines: a checkbox to select each (inside the selection form), the number links to its page. */
export function LinesTable({ lines, filter, lineError }: { lines: LineRowView[]; filter: LinesFilter; lineError?: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="data cards lines-table" aria-describedby={lineError ? "field-line-error" : undefined}>
        <thead>
          <tr>
            <th scope="col" className="select-col">
              <span className="visually-hidden">{t("lines.col.select")}</span>
            </th>
            <SortHeader filter={filter} column="number" label="lines.col.msisdn" />
            <SortHeader filter={filter} column="employee" label="lines.col.employee" />
            <SortHeader filter={filter} column="department" label="lines.col.department" />
            <th scope="col">{t("lines.col.tariff")}</th>
            <th scope="col">{t("lines.col.status")}</th>
            <SortHeader filter={filter} column="spending" label="lines.col.spending" className="num" />
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <td className="select-col">
                <input type="checkbox" name="line" value={line.id} id={`line-${line.id}`} aria-label={t("lines.selectLine", { msisdn: line.msisdn })} />
              </td>
              <td className="nowrap">
                <Link to={`/cabinet/lines/${line.id}`} className="mono">
                  {line.msisdn}
                </Link>
              </td>
              <td data-label={t("lines.col.employee")}>{line.employeeName ?? <span className="muted">{t("lines.noEmployee")}</span>}</td>
              <td data-label={t("lines.col.department")}>{line.department ?? t("lines.none")}</td>
              <td data-label={t("lines.col.tariff")}>{line.tariff}</td>
              <td data-label={t("lines.col.status")}>
                <span className={`badge ${statusBadge[line.status]}`}>{t(`lines.line.${line.status}`)}</span>
              </td>
              <td data-label={t("lines.col.spending")} className="num nowrap">
                {line.spending}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
