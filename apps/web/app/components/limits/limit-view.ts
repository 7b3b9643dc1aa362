// What the limits pages hand their parts: plain values the loader made ready to show
// (lib/limit-view.server.ts makes them from the domain's rows).
import type { LimitPolicyOption } from "~/forms/limit-forms";

export type LimitSourceView = "line" | "department" | "company" | "none";
export type LimitStandingView = "none" | "ok" | "warning" | "reached";

/** A limit as the reader sees it: amount formatted, the last day of a temporary one formatted. */
export interface LimitValueView {
  amount: string;
  /** The amount as typed back into a field (`5000,50`). */
  amountInput: string;
  policy: LimitPolicyOption;
  warningPercent: number | null;
  notifyEmployee: boolean;
  /** `30.11.2026`: the last day a temporary limit holds; null when permanent. */
  until: string | null;
  /** `2026-11-30`, for the date field. */
  untilInput: string | null;
}

/** A line against its limit this month. */
export interface LimitRowView {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  departmentName: string | null;
  source: LimitSourceView;
  limit: LimitValueView | null;
  /** The resolved warning percent of the limit that applies. */
  warningPercent: number | null;
  spent: { total: string; company: string; employee: string; hasEmployeePart: boolean };
  /** The company's part over the limit, in whole percent (may pass 100); null without a limit. */
  percent: number | null;
  standing: LimitStandingView;
  blockedByLimit: boolean;
  reachedAt: string | null;
  projectedReachAt: string | null;
  ratedUntil: string | null;
  refusedEvents: number;
}

/** The line page's limit: its row, its own limit (the form's values) and what it falls back to. */
export interface LineLimitPanelView extends LimitRowView {
  own: LimitValueView | null;
  inherited: { source: LimitSourceView; limit: LimitValueView } | null;
  /** The company's warning percent, for the form's hint; null when not known. */
  companyWarningPercent: number | null;
}
