import { useT } from "~/root";
import type { LimitRowView, LimitValueView } from "./limit-view";
import { ShareBar } from "./share-bar";

/** "the limit of the department «Продажи»", "the company's default limit", … */
export function useSourceText() {
  const t = useT();
  return (source: LimitRowView["source"], departmentName: string | null) =>
    source === "department" && departmentName ? t("limits.source.departmentNamed", { name: departmentName }) : t(`limits.source.${source}`);
}

/** "5 000,00 ₽ a month; when reached: stop paid usage." */
export function LimitValueText({ limit }: { limit: LimitValueView }) {
  const t = useT();
  return <>{t("limits.line.limit", { amount: limit.amount, policy: t(`limits.policyShort.${limit.policy}`) })}</>;
}

/**
 * A line against its limit this month: where the limit comes from, the share spent (a bar and in
 * words), the employee's part of a split, when it was reached or when it will be at this pace (and
 * how that is projected), and up to when usage has been rated — so the figure's freshness is known.
 */
export function LimitStatus({ row, fallbackText }: { row: LimitRowView; fallbackText: string | null }) {
  const t = useT();
  const sourceText = useSourceText();
  const limit = row.limit;
  return (
    <div className="limit-status" data-testid="limit-status">
      <p>
        <span className="muted">{t("limits.line.source")}</span> <strong data-testid="limit-source">{sourceText(row.source, row.departmentName)}</strong>
      </p>
      {limit ? (
        <>
          <p data-testid="limit-value">
            <LimitValueText limit={limit} />{" "}
            {row.warningPercent != null ? t("limits.line.warning", { percent: row.warningPercent, sms: limit.notifyEmployee ? t("limits.line.warningSms") : "" }) : null}
          </p>
          {limit.until && fallbackText ? <p>{t("limits.line.until", { date: limit.until, fallback: fallbackText })}</p> : null}
          <div className="limit-share">
            <p className="limit-share-text" data-testid="limit-spent">
              {t("limits.line.spent", { spent: row.spent.company, limit: limit.amount })}
              {row.percent != null ? <strong> · {t("limits.line.bar", { percent: row.percent })}</strong> : null}
            </p>
            {row.percent != null ? <ShareBar percent={row.percent} standing={row.standing} blocked={row.blockedByLimit} /> : null}
          </div>
          {row.spent.hasEmployeePart ? <p data-testid="limit-employee-part">{t("limits.line.employeePart", { amount: row.spent.employee, company: row.spent.company })}</p> : null}
          {row.reachedAt ? (
            <p data-testid="limit-reached">{t("limits.line.reachedAt", { at: row.reachedAt })}</p>
          ) : (
            <p data-testid="limit-projection">
              {row.projectedReachAt ? t("limits.line.projection", { date: row.projectedReachAt }) : t("limits.line.noProjection")}{" "}
              <span className="muted small">{t("limits.line.projectionHow")}</span>
            </p>
          )}
          {row.refusedEvents > 0 ? <p>{t("limits.line.refused", { count: row.refusedEvents })}</p> : null}
        </>
      ) : (
        <>
          <p>{t("limits.line.noLimit")}</p>
          <p>{t("limits.line.spentNoLimit", { spent: row.spent.total })}</p>
        </>
      )}
      <p className="muted" data-testid="limit-rated-until">
        {row.ratedUntil ? t("limits.line.ratedUntil", { at: row.ratedUntil }) : t("limits.line.noUsage")}
      </p>
    </div>
  );
}
