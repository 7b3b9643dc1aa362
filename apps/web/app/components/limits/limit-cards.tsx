import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/root";

/** The four figures the administrator looks at first, each a link to the list of those lines. */
export function LimitCards({ counts }: { counts: { lines: string; near: string; reached: string; blocked: string; without: string } }) {
  const t = useT();
  const cards: { key: string; label: MessageKey; value: string; show: string }[] = [
    { key: "near", label: "limits.card.near", value: counts.near, show: "near" },
    { key: "reached", label: "limits.card.reached", value: counts.reached, show: "reached" },
    { key: "blocked", label: "limits.card.blocked", value: counts.blocked, show: "reached" },
    { key: "without", label: "limits.card.without", value: counts.without, show: "without" },
  ];
  return (
    <div className="grid-3 limit-cards">
      {cards.map((card) => (
        <section key={card.key} className="panel" aria-labelledby={`limit-card-${card.key}`} data-testid={`limit-card-${card.key}`}>
          <h2 id={`limit-card-${card.key}`}>{t(card.label)}</h2>
          <p className="figure">{card.value}</p>
          <p className="muted">
            {t("limits.card.of", { count: counts.lines })} ·{" "}
            <Link to={`/cabinet/limits?show=${card.show}#limit-list`} aria-label={`${t("limits.card.show")}: ${t(card.label)}`}>
              {t("limits.card.show")}
            </Link>
          </p>
        </section>
      ))}
    </div>
  );
}
