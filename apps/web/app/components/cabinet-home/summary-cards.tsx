import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/root";
import { formatCount, formatRoubles } from "~/lib/money";

export type StatusCounts = { active: number; blocked_loss: number; blocked_voluntary: number; blocked_limit: number };

/** The three figures an administrator looks at first: money on the account, spent this month, lines. */
export function SummaryCards(props: { balance: number; monthToDate: number; lastMonthTotal: number; lineCount: number; statusCounts: StatusCounts }) {
  const t = useT();
  const locale = useLocale();
  const statuses = (["active", "blocked_loss", "blocked_voluntary", "blocked_limit"] as const).filter((s) => s === "active" || props.statusCounts[s] > 0);
  return (
    <div className="grid-3">
      <section className="panel" aria-labelledby="home-balance">
        <h2 id="home-balance">{t("home.balance")}</h2>
        <p className="lead" data-testid="home-balance">
          <strong className={props.balance < 0 ? "home-negative" : undefined}>{formatRoubles(props.balance, locale)}</strong>
        </p>
        <Link to="/cabinet/movements">{t("home.movementsLink")}</Link>
      </section>
      <section className="panel" aria-labelledby="home-spent">
        <h2 id="home-spent">{t("home.monthToDate")}</h2>
        <p className="lead" data-testid="home-month-to-date">
          <strong>{formatRoubles(props.monthToDate, locale)}</strong>
        </p>
        <p className="muted">{t("home.lastMonthTotal", { amount: formatRoubles(props.lastMonthTotal, locale) })}</p>
      </section>
      <section className="panel" aria-labelledby="home-lines">
        <h2 id="home-lines">{t("home.lines", { count: formatCount(props.lineCount, locale) })}</h2>
        <ul className="plain-list">
          {statuses.map((status) => (
            <li key={status}>
              <Link to={`/cabinet/lines?status=${status.replace("blocked_", "")}`}>{t(`home.status.${status}`)}</Link>: <strong>{formatCount(props.statusCounts[status], locale)}</strong>
            </li>
          ))}
        </ul>
        <Link to="/cabinet/lines" className="button button-small">
          {t("home.linesLink")}
        </Link>
      </section>
    </div>
  );
}
