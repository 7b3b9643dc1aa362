import type { LimitPolicy, LimitScope } from "../db/schema.ts";

export type { LimitNoticeKind, LimitPolicy, LimitScope } from "../db/schema.ts";
export { limitPolicies } from "../db/schema.ts";

/** Warning threshold when neither the limit nor the company's default says otherwise. */
export const DEFAULT_WARNING_PERCENT = 80;
/** The largest limit accepted: 10,000,000 ₽ a month, in kopecks. */
export const LIMIT_AMOUNT_MAX = 1_000_000_000;

/** A limit as a form or a file sets it. */
export interface LimitSettingInput {
  /** Kopecks per billing month, 1 … LIMIT_AMOUNT_MAX. */
  amount: number;
  policy: LimitPolicy;
  /**
   * Percent of the limit (1 … 99) at which one warning goes out. Null or absent: the company's
   * default warning percent (80 unless changed).
   */
  warningPercent?: number | null;
  /** Whether the employee gets the notices by SMS too (in the line's employee language). */
  notifyEmployee?: boolean;
  /**
   * A temporary limit: the last day it holds, `yyyy-mm-dd` in the region's calendar (inclusive; it
   * ends at the start of the next day there). Null or absent: until removed. A day already past is
   * refused (field `until`, code `limits.until.past`).
   */
  until?: string | null;
}

/** A stored limit row (a line's own, a department's, or the company's default). */
export interface LimitSetting {
  id: number;
  scope: LimitScope;
  /** Kopecks; null only on a company row that holds only the default warning percent. */
  amount: number | null;
  policy: LimitPolicy;
  /** As stored: null inherits the company's (or 80). */
  warningPercent: number | null;
  notifyEmployee: boolean;
  /** When a temporary limit ends (exclusive), null when permanent. */
  endsAt: Date | null;
  /** The last day a temporary limit holds, `yyyy-mm-dd` in the region's calendar; null when permanent. */
  until: string | null;
  updatedAt: Date;
}

/** Where a line's limit comes from: the most specific limit in force wins. */
export type LimitSource = "line" | "department" | "company" | "none";

/** The limit that applies to a line now. */
export interface EffectiveLimit {
  source: Exclude<LimitSource, "none">;
  amount: number;
  policy: LimitPolicy;
  /** Resolved: the limit's own, else the company's default, else 80. */
  warningPercent: number;
  notifyEmployee: boolean;
  endsAt: Date | null;
  until: string | null;
}

/** What a change of limits did, in its one transaction. */
export interface LimitChangeResult {
  /** Lines the change applies to (for a department or the company: the lines that take it). */
  lines: number;
  /** Ticked ids that are not a live line of the actor's company: left out (selection only). */
  dropped: number;
  /** Lines blocked at once (the limit lowered to or below this month's spending, policy `block`). */
  blocked: number;
  /** Lines unblocked at once (the limit raised above the spending, removed, or no longer `block`). */
  unblocked: number;
}

/** How a line stands against its limit this month. */
export type LimitStanding = "none" | "ok" | "warning" | "reached";

/** One line's limit and this month's spending against it (a row of the limits lists). */
export interface LineLimitRow {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  /** Null: no limit applies (source "none"). */
  limit: EffectiveLimit | null;
  source: LimitSource;
  /** The line's region's billing month these figures are of (yyyymm). */
  billingMonth: number;
  /** This month's charges, kopecks: all of them, the company's part and the employee's (split). */
  spent: { total: number; company: number; employee: number };
  /** The company's part over the limit amount (0.8 = 80 %); null without a limit. */
  share: number | null;
  standing: LimitStanding;
  /** Blocked by its limit now (line_blocks reason `limit`). */
  blockedByLimit: boolean;
  /** When this month's spending reached the limit (the crossing event's time); null if not reached. */
  reachedAt: Date | null;
  /**
   * When the company's part will reach the limit at this month's pace so far: the spending since the
   * month began (region's zone) over the time elapsed, extended to the limit — monthStart +
   * elapsed × limit / spent. Null without a limit, without spending, when already reached, or when
   * the date falls after the month's end.
   */
  projectedReachAt: Date | null;
  /** The latest event time rated into this month: how fresh the figures are. Null: no usage yet. */
  ratedUntil: Date | null;
  /** Paid outgoing events refused this month because the limit was reached (policy block). */
  refusedEvents: number;
}

/** A line's limit page: its row, plus its own limit and the one it falls back to without it. */
export interface LineLimitView extends LineLimitRow {
  timeZone: string;
  /** The line's own limit row (the form's values), null when it inherits. */
  own: LimitSetting | null;
  /** What applies without the line's own limit (its department's or the company's), null if nothing. */
  inherited: EffectiveLimit | null;
}

export interface DepartmentLimitSummary {
  /** Null: the lines without a department. */
  departmentId: number | null;
  name: string | null;
  /** The department's own limit row, null when none. */
  limit: LimitSetting | null;
  lines: number;
  linesWithLimit: number;
  /** The sum of the effective limits of its lines, kopecks. */
  limitsSum: number;
  /** This month's charges of its lines: all, and the employees' part of them. */
  spent: number;
  employeePaid: number;
}

export interface LimitsOverview {
  billingMonth: number;
  timeZone: string;
  /** The company row: the default limit (amount null when only the warning percent is set). */
  companyDefault: LimitSetting | null;
  /** The company's default warning percent (80 unless changed). */
  warningPercent: number;
  counts: {
    lines: number;
    withLimit: number;
    withoutLimit: number;
    /** At or above the warning share, below the limit. */
    near: number;
    reached: number;
    blockedByLimit: number;
  };
  /** Every department of the company (a company has tens, not thousands), then "no department". */
  departments: DepartmentLimitSummary[];
}

/** Which lines a limits list shows. `attention` = near or reached, the most spent share first. */
export const limitListShows = ["attention", "near", "reached", "without", "all"] as const;
export type LimitListShow = (typeof limitListShows)[number];
export const LIMIT_LIST_PAGE_SIZE_MAX = 100;

export interface LimitLinesPage {
  rows: LineLimitRow[];
  total: number;
  page: number;
  pageSize: number;
}
