import type { LineListQuery } from "../lines/list-company-lines.ts";

/** The job kind that applies a submitted bulk change (jobs/job-handlers.ts). */
export const BULK_CHANGE_JOB_KIND = "bulk_change";

/**
 * Where a bulk change's lines come from: ticked lines (or any list of line ids, such as the savings
 * advice's), all lines matching the lines list's filter, a department, or numbers pasted or
 * uploaded as a file (text or CSV; UTF-8 or Windows-1251; `;` or `,`).
 */
export type BulkLineSource =
  | { kind: "lines"; lineIds: number[] }
  | { kind: "filter"; query: LineListQuery }
  | { kind: "department"; departmentId: number }
  | { kind: "numbers"; text: string }
  | { kind: "file"; fileName: string; bytes: Uint8Array };

/** What to change: a tariff of the region's catalogue and/or services switched on or off. */
export interface BulkChangeTarget {
  /** Null or absent: each line keeps its tariff. */
  tariffId?: number | null;
  servicesOn?: number[];
  servicesOff?: number[];
}

export type BulkChangeInput = BulkChangeTarget & { source: BulkLineSource };

/**
 * Why a line or a number of the list cannot change: it is blocked; it is already so; the new
 * tariff does not allow one of its services (or one asked for); the number is another company's,
 * unknown, or a line of another region (whose catalogue this change is not offered in); a row of
 * the list is not a number, or repeats one.
 */
export const bulkRefusalReasons = ["blocked", "alreadySo", "serviceNotAllowed", "otherCompany", "notFound", "notOffered", "malformed", "duplicate"] as const;
export type BulkRefusalReason = (typeof bulkRefusalReasons)[number];

/** What a bulk change keeps of its source, to make a new preview of the same lines. */
export type BulkLineSourceRecord =
  | { kind: "lines"; lineIds: number[]; dropped: number }
  | { kind: "filter"; query: LineListQuery }
  | { kind: "department"; departmentId: number }
  | { kind: "list"; fileName: string | null; entries: [row: number, input: string][] };

/** Where a bulk change stands, from its stored preview and its job. */
export const bulkChangeStatuses = ["preview", "scheduled", "queued", "running", "done", "failed", "cancelled"] as const;
export type BulkChangeStatus = (typeof bulkChangeStatuses)[number];

export type BulkEffective = "now" | "next_month";
