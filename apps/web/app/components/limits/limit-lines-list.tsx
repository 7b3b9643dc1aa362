import { Link } from "@remix-run/react";
import { limitListShowOptions } from "~/forms/limit-forms";
import { useT } from "~/root";
import { LimitLinesTable } from "./limit-lines-table";
import type { LimitRowView } from "./limit-view";

type Show = (typeof limitListShowOptions)[number];

const listLink = (show: Show, page = 1) => `/cabinet/limits?${new URLSearchParams({ ...(show === "attention" ? {} : { show }), ...(page > 1 ? { page: String(page) } : {}) })}#limit-list`;

/**
 * The limits page's list of lines: which ones (near or over the limit by default, or without a
 * limit, …) chosen by links kept in the URL, then the table and its pages.
 */
export function LimitLinesList({ list }: { list: { show: Show; rows: LimitRowView[]; total: number; totalText: string; page: number; pageCount: number } }) {
  const t = useT();
  const title = t(`limits.list.title.${list.show}`);
  return (
    <section className="panel" aria-labelledby="limit-list-title" id="limit-list">
      <h2 id="limit-list-title">{title}</h2>
      <nav className="limit-tabs" aria-label={t("limits.list.show")}>
        <ul>
          {limitListShowOptions.map((show) => (
            <li key={show}>
              <Link to={listLink(show)} aria-current={show === list.show ? "page" : undefined} preventScrollReset>
                {t(`limits.list.show.${show}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.total === 0 ? (
        <p className="muted" data-testid="limit-list-empty">
          {t(`limits.list.empty.${list.show}`)}
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {t("limits.list.count", { count: list.totalText })}
            {list.pageCount > 1 ? ` · ${t("limits.list.page", { page: list.page, pages: list.pageCount })}` : null}
          </p>
          <LimitLinesTable rows={list.rows} caption={title} />
          {list.pageCount > 1 ? (
            <nav className="pagination" aria-label={t("limits.list.pages")}>
              <ul>
                <li>
                  {list.page > 1 ? (
                    <Link to={listLink(list.show, list.page - 1)} rel="prev">
                      {t("limits.list.prev")}
                    </Link>
                  ) : (
                    <span aria-disabled="true">{t("limits.list.prev")}</span>
                  )}
                </li>
                <li>
                  {list.page < list.pageCount ? (
                    <Link to={listLink(list.show, list.page + 1)} rel="next">
                      {t("limits.list.next")}
                    </Link>
                  ) : (
                    <span aria-disabled="true">{t("limits.list.next")}</span>
                  )}
                </li>
              </ul>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
