import { and, asc, desc, eq } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { applications, type ApplicationStatus } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { parseMsisdn } from "../shared/phone-numbers.ts";

export interface ReviewQueueQuery {
  status?: ApplicationStatus | "all";
  q?: string;
  sort?: "oldest" | "newest";
}

export const REVIEW_QUEUE_LIMIT = 200;

/** Case- and ё-insensitive for any alphabet (SQLite's LIKE folds ASCII only). */
const fold = (s: string) => s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");

/**
 * A search term as staff type it: part of a reference or a company name, an account number,
 * a whole number in any format, or a run of its digits.
 */
function matcher(q: string) {
  const text = fold(q);
  const digits = q.replace(/\D/g, "");
  const phone = parseMsisdn(q);
  return (row: { reference: string; companyName: string; accountNumber: string; numbers: string[] }) =>
    fold(row.reference).includes(text) ||
    fold(row.companyName).includes(text) ||
    (digits.length > 0 && row.accountNumber.includes(digits)) ||
    (phone.ok && row.numbers.includes(phone.msisdn)) ||
    (digits.length >= 4 && row.numbers.some((n) => n.includes(digits)));
}

/** The applications of the actor's region: filter by status, search, sort by age. */
export function listReviewQueue(deps: Deps, actor: Actor, query: ReviewQueueQuery = {}) {
  if (!can(actor, "office:review-applications")) throw new DomainError("forbidden", "not office staff");
  const status = query.status ?? "submitted";
  const q = (query.q ?? "").trim().slice(0, 100);
  const conditions = [eq(applications.regionCode, actor.regionCode)];
  if (status !== "all") conditions.push(eq(applications.status, status));
  const select = deps.db
    .select({
      id: applications.id,
      reference: applications.reference,
      companyName: applications.companyName,
      accountNumber: applications.accountNumber,
      numbers: applications.numbers,
      status: applications.status,
      submittedAt: applications.submittedAt,
      decidedAt: applications.decidedAt,
    })
    .from(applications)
    .where(and(...conditions))
    .orderBy(
      query.sort === "newest" ? desc(applications.submittedAt) : asc(applications.submittedAt),
      query.sort === "newest" ? desc(applications.id) : asc(applications.id),
    );
  // The search runs over one region's light columns (no PDFs), so it can be done here in full Unicode.
  const rows = q ? select.all().filter(matcher(q)).slice(0, REVIEW_QUEUE_LIMIT) : select.limit(REVIEW_QUEUE_LIMIT).all();
  const now = deps.clock.now().getTime();
  return rows.map(({ numbers, ...row }) => ({
    ...row,
    numberCount: numbers.length,
    ageMs: now - row.submittedAt.getTime(),
  }));
}
