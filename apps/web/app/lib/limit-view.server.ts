// The domain's limit rows as the limits pages show them: money and dates formatted for the reader
// (the region's time zone), nothing else decided here.
import { type EffectiveLimit, formatMsisdn, formatRegionDate, formatRegionDateTime, type LimitSetting, type LineLimitRow, type LineLimitView } from "@cabinet/domain";
import type { LimitRowView, LimitValueView, LineLimitPanelView } from "~/components/limits/limit-view";
import { formatRoubles } from "./money";

/** Kopecks as typed into a field: `5000`, `1500,75`. */
export function amountInput(kopecks: number): string {
  const rest = kopecks % 100;
  return rest === 0 ? String(Math.floor(kopecks / 100)) : `${Math.floor(kopecks / 100)},${String(rest).padStart(2, "0")}`;
}

/** `2026-11-30` → `30.11.2026`, as the rest of the cabinet writes days. */
function dayText(day: string): string {
  const [year, month, date] = day.split("-");
  return `${date}.${month}.${year}`;
}

export function limitValueView(limit: EffectiveLimit | LimitSetting, locale: string): LimitValueView | null {
  if (limit.amount == null) return null;
  return {
    amount: formatRoubles(limit.amount, locale),
    amountInput: amountInput(limit.amount),
    policy: limit.policy,
    warningPercent: limit.warningPercent,
    notifyEmployee: limit.notifyEmployee,
    until: limit.until ? dayText(limit.until) : null,
    untilInput: limit.until,
  };
}

export function limitRowView(row: LineLimitRow, locale: string, timeZone: string): LimitRowView {
  return {
    lineId: row.lineId,
    msisdn: formatMsisdn(row.msisdn),
    employeeName: row.employeeName,
    departmentName: row.departmentName,
    source: row.source,
    limit: row.limit ? limitValueView(row.limit, locale) : null,
    warningPercent: row.limit?.warningPercent ?? null,
    spent: {
      total: formatRoubles(row.spent.total, locale),
      company: formatRoubles(row.spent.company, locale),
      employee: formatRoubles(row.spent.employee, locale),
      hasEmployeePart: row.spent.employee > 0,
    },
    percent: row.share == null ? null : Math.floor(row.share * 100),
    standing: row.standing,
    blockedByLimit: row.blockedByLimit,
    reachedAt: row.reachedAt ? formatRegionDateTime(row.reachedAt, timeZone) : null,
    projectedReachAt: row.projectedReachAt ? formatRegionDate(row.projectedReachAt, timeZone) : null,
    ratedUntil: row.ratedUntil ? formatRegionDateTime(row.ratedUntil, timeZone) : null,
    refusedEvents: row.refusedEvents,
  };
}

export function lineLimitPanelView(view: LineLimitView, locale: string, companyWarningPercent: number | null): LineLimitPanelView {
  const inherited = view.inherited ? limitValueView(view.inherited, locale) : null;
  return {
    ...limitRowView(view, locale, view.timeZone),
    own: view.own ? limitValueView(view.own, locale) : null,
    inherited: view.inherited && inherited ? { source: view.inherited.source, limit: inherited } : null,
    companyWarningPercent,
  };
}
