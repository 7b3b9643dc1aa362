import { useLocale, useT } from "~/root";
import { formatRoubles } from "~/lib/money";
import type { LineView } from "./line-view";

/** The line at a glance: who uses it, the department, the tariff and its monthly fee. */
export function LineSummary({ line }: { line: LineView }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="panel" aria-labelledby="line-summary-title">
      <h2 id="line-summary-title">{t("line.summary.title")}</h2>
      <dl className="facts">
        <dt>{t("line.summary.number")}</dt>
        <dd className="nowrap">{line.msisdn}</dd>
        <dt>{t("line.summary.employee")}</dt>
        <dd>{line.employeeName ?? <span className="muted">{t("line.noEmployee")}</span>}</dd>
        <dt>{t("line.summary.department")}</dt>
        <dd>{line.department?.name ?? <span className="muted">{t("line.noDepartment")}</span>}</dd>
        <dt>{t("line.summary.tariff")}</dt>
        <dd>
          {line.tariff ? (
            <>
              {line.tariff.name}
              <br />
              <span className="muted">{t("line.summary.monthlyFee", { fee: formatRoubles(line.tariff.monthlyFee, locale) })}</span>
            </>
          ) : (
            "—"
          )}
        </dd>
      </dl>
    </section>
  );
}
