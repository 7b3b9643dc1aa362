import { Link } from "@remix-run/react";
import { type LinesFilter, linesFilterSearch } from "~/forms/lines-filter-form";
import { useT } from "~/root";

/** The pages around the current one, the first and the last: at 2,000 pages a list of every page would be useless. */
function pagesToShow(page: number, pageCount: number): (number | "gap")[] {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const shown: (number | "gap")[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - (sorted[i - 1] as number) > 1) shown.push("gap");
    shown.push(p);
  });
  return shown;
}

/** Page links that keep the filter and the sort (plain links: no JavaScript needed). */
export function LinesPagination({ filter, page, pageCount }: { filter: LinesFilter; page: number; pageCount: number }) {
  const t = useT();
  if (pageCount <= 1) return null;
  const to = (p: number) => `/cabinet/lines${linesFilterSearch(filter, { page: p })}`;
  return (
    <nav className="pagination" aria-label={t("lines.pagination")}>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={to(page - 1)} rel="prev">
              {t("lines.page.prev")}
            </Link>
          ) : (
            <span aria-disabled="true">{t("lines.page.prev")}</span>
          )}
        </li>
        {pagesToShow(page, pageCount).map((p, i) =>
          p === "gap" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity of their own
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page">{p}</span>
              ) : (
                <Link to={to(p)} aria-label={t("lines.page.number", { page: p })}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link to={to(page + 1)} rel="next">
              {t("lines.page.next")}
            </Link>
          ) : (
            <span aria-disabled="true">{t("lines.page.next")}</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
