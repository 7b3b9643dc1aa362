import { z } from "zod";

/**
 * The savings page's URL (`?tariff=…&page=…`): the lines advised to move to one tariff, or all of
 * them, a page at a time. Both fall back to their defaults on a value they do not offer (an old
 * bookmark, a hand-made link): the page then shows every advised line from the first page.
 */
export const savingsFilterSchema = z.object({
  tariff: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});

export type SavingsFilter = z.output<typeof savingsFilterSchema>;

/** The query of a savings URL, defaults left out. */
export function savingsSearch(filter: Partial<SavingsFilter>): string {
  const search = new URLSearchParams();
  if (filter.tariff !== undefined) search.set("tariff", String(filter.tariff));
  if (filter.page !== undefined && filter.page > 1) search.set("page", String(filter.page));
  const query = search.toString();
  return query === "" ? "" : `?${query}`;
}
