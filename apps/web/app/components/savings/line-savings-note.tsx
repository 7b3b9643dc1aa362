import { Link } from "@remix-run/react";
import { formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";

export interface LineSavingsView {
  tariff: string;
  recommendedMonthly: number;
  actualMonthly: number;
  monthlySaving: number;
  months: string;
}

/** The line page's small note: the cheapest tariff this line may use, judged on its last full months (from the savings advice). */
export function LineSavingsNote({ savings }: { savings: LineSavingsView | null }) {
  const t = useT();
  const locale = useLocale();
  if (!savings) return null;
  return (
    <aside className="panel" aria-labelledby="line-savings">
      <h2 id="line-savings">{t("savings.line.title")}</h2>
      <p>
        {t("savings.line.text", {
          tariff: savings.tariff,
          months: savings.months,
          would: formatRoubles(savings.recommendedMonthly, locale),
          actual: formatRoubles(savings.actualMonthly, locale),
          saving: formatRoubles(savings.monthlySaving, locale),
        })}{" "}
        <Link to="/cabinet/savings">{t("savings.line.more")}</Link>
      </p>
    </aside>
  );
}
