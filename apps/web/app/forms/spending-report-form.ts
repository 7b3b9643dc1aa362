import type { ReportLineSort, SpendingReportQuery } from "@cabinet/domain";
import { z } from "zod";

// The domain's list, repeated here because this module runs in the browser (the domain's index
// opens SQLite); `satisfies` keeps the two the same.
export const reportLineSortOptions = ["spending", "change", "number", "employee"] as const satisfies readonly ReportLineSort[];
export const reportFileTables = ["lines", "departments"] as const;

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The spending report's choices (a GET form, so the report is its URL: `?month=2026-11&department=
 * 3&sort=change&page=2`). Every field is picked from a list, so a value the lists do not offer (an
 * old bookmark, a link made by hand) falls back to its default rather than to an error: the month
 * to the current one, the department to all.
 */
export const spendingReportFormSchema = z.object({
  month: z
    .string()
    .regex(monthPattern)
    .optional()
    .catch(undefined),
  department: z
    .union([z.literal("none"), z.coerce.number().int().positive()])
    .optional()
    .catch(undefined),
  sort: z.enum(reportLineSortOptions).default("spending").catch("spending"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});

export type SpendingReportFilter = z.output<typeof spendingReportFormSchema>;

/** The file downloads take the month and which table (CSV holds one table; XLSX both, as sheets). */
export const spendingReportFileSchema = z.object({
  month: spendingReportFormSchema.shape.month,
  table: z.enum(reportFileTables).default("lines").catch("lines"),
});

/** `2026-11` → 202611. */
export function monthNumber(month: string | undefined): number | undefined {
  return month ? Number(month.replace("-", "")) : undefined;
}

/** 202611 → `2026-11`. */
export function monthParam(month: number): string {
  return `${Math.floor(month / 100)}-${String(month % 100).padStart(2, "0")}`;
}

/** The filter as the domain takes it. */
export function reportQueryOf(filter: SpendingReportFilter): SpendingReportQuery {
  return { month: monthNumber(filter.month), department: filter.department, sort: filter.sort, page: filter.page };
}

/** The URL query of a report, defaults left out: what the page links, the sort and the files link to. */
export function spendingReportSearch(filter: Partial<SpendingReportFilter> & { table?: string }): string {
  const params = new URLSearchParams();
  if (filter.month) params.set("month", filter.month);
  if (filter.table) params.set("table", filter.table);
  if (filter.department !== undefined) params.set("department", String(filter.department));
  if (filter.sort && filter.sort !== "spending") params.set("sort", filter.sort);
  if (filter.page && filter.page > 1) params.set("page", String(filter.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}
