import { Link } from "@remix-run/react";
import { useT } from "~/root";

/** The pages around the current one, the first and the last: a 5,000-line company has a hundred pages. */
function pagesToShow(page: number, pageCount: number): (number | "gap")[] {
  const wanted = [...new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const shown: (number | "gap")[] = [];
  wanted.forEach((p, i) => {
    if (i > 0 && p - (wanted[i - 1] as number) > 1) shown.push("gap");
    shown.push(p);
  });
  return shown;
}

/** Page links of the report's lines that keep the month, department and order (plain links: no JavaScript needed). */
export function ReportPagination(props: { page: number; pageCount: number; link: (page: number) => string }) {
  const t = useT();
  const { page, pageCount } = props;
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("reports.pagination")}>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={props.link(page - 1)} rel="prev">
              {t("reports.page.prev")}
            </Link>
          ) : (
            <span aria-disabled="true">{t("reports.page.prev")}</span>
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
                <Link to={props.link(p)} aria-label={t("reports.page.number", { page: p })}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link to={props.link(page + 1)} rel="next">
              {t("reports.page.next")}
            </Link>
          ) : (
            <span aria-disabled="true">{t("reports.page.next")}</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
