import type { LineSort, LineStatusFilter, SortDirection } from "@cabinet/domain";
import { z } from "zod";
import { text } from "./form-schema.ts";

// The domain's lists, repeated here because this module runs in the browser (the domain's index
// opens SQLite); `satisfies` keeps the two the same.
export const lineStatusOptions = ["all", "active", "blocked", "loss", "voluntary", "limit"] as const satisfies readonly LineStatusFilter[];
export const lineSortOptions = ["number", "employee", "department", "spending"] as const satisfies readonly LineSort[];
export const sortDirectionOptions = ["asc", "desc"] as const satisfies readonly SortDirection[];

/** The longest search: longer than any number or name as typed. */
export const LINE_SEARCH_MAX = 100;

/** An id chosen from a list: anything else (an old bookmark, a hand-made link) means "any". */
const chosenId = z.coerce.number().int().positive().optional().catch(undefined);

/**
 * The lines list's filter (a GET form, so the filter lives in the URL: `?q=…&status=…&tariff=…
 * &department=…&sort=…&dir=…&page=…`). The search is typed, so it is limited with a message like
 * any field; the lists and the page fall back to their defaults on a value they do not offer (and,
 * having defaults, are not marked as required fields).
 */
export const linesFilterFormSchema = z.object({
  q: text(LINE_SEARCH_MAX)
    .overwrite((s) => s.trim())
    .optional(),
  status: z.enum(lineStatusOptions).default("all").catch("all"),
  tariff: chosenId,
  department: chosenId,
  sort: z.enum(lineSortOptions).default("number").catch("number"),
  dir: z.enum(sortDirectionOptions).default("asc").catch("asc"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});

export type LinesFilter = z.output<typeof linesFilterFormSchema>;

/** The filter without the search, for when the search itself is refused: the lists still apply. */
export const linesFilterListsOnly = linesFilterFormSchema.omit({ q: true });

/** The most ticks a page can carry: one page of lines. */
export const LINES_PER_PAGE = 50;

/**
 * Selecting lines for an action (a POST from the list): `scope=lines` with the ticked `line` ids,
 * or `scope=filter` — "all N lines matching this filter" — with the filter's own fields, which
 * the form carries as hidden inputs.
 */
export const lineSelectionFormSchema = linesFilterFormSchema
  .extend({
    scope: z.enum(["lines", "filter"], { error: "form.expired" }),
    line: z.array(z.coerce.number({ error: "form.expired" }).int().positive()).max(LINES_PER_PAGE, { error: "form.expired" }).default([]),
  })
  .refine((form) => form.scope === "filter" || form.line.length > 0, { path: ["line"], message: "lines.noneTicked" });

/**
 * The URL query of a filter, defaults left out so that links stay short: what the sort headers,
 * the pages and the redirect after a selection link to.
 */
export function linesFilterSearch(filter: Partial<LinesFilter>, changes: Partial<LinesFilter> = {}): string {
  const merged = { ...filter, ...changes };
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  if (merged.status && merged.status !== "all") params.set("status", merged.status);
  if (merged.tariff !== undefined) params.set("tariff", String(merged.tariff));
  if (merged.department !== undefined) params.set("department", String(merged.department));
  if (merged.sort && merged.sort !== "number") params.set("sort", merged.sort);
  if (merged.dir && merged.dir !== "asc") params.set("dir", merged.dir);
  if (merged.page && merged.page > 1) params.set("page", String(merged.page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** What the page says after a selection (post/redirect/get): how many lines, how many left out. */
export const selectionNoticeSchema = z.object({
  selected: z.coerce.number().int().min(0).optional().catch(undefined),
  dropped: z.coerce.number().int().min(0).optional().catch(undefined),
});
