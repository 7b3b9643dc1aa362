import { and, asc, desc, eq, or, type SQL, sql } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { applications, type ApplicationStatus } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { parseMsisdn } from "../shared/phone-numbers.ts";
import { foldText } from "../shared/text-folding.ts";

export interface ReviewQueueQuery {
  status?: ApplicationStatus | "all";
  q?: string;
  sort?: "oldest" | "newest";
}

export const REVIEW_QUEUE_LIMIT = 200;

/**
 * A search term as staff type it, as SQL: part of a reference or a company name (any case, ё as е,
 * through `fold_text()`), an account number, a whole number in any format, or a run of its digits.
 */
function searchCondition(q: string): SQL {
  const text = foldText(q);
  const digits = q.replace(/\D/g, "");
  const phone = parseMsisdn(q);
  const matches: SQL[] = [
    sql`instr(fold_text(${applications.reference}), ${text}) > 0`,
    sql`instr(fold_text(${applications.companyName}), ${text}) > 0`,
  ];
  if (digits.length > 0) matches.push(sql`instr(${applications.accountNumber}, ${digits}) > 0`);
  // The numbers are a JSON array of E.164 strings: a whole number matches with its quotes.
  if (phone.ok) matches.push(sql`instr(${applications.numbers}, ${`"${phone.msisdn}"`}) > 0`);
  if (digits.length >= 4) matches.push(sql`instr(${applications.numbers}, ${digits}) > 0`);
  return or(...matches) as SQL;
}

/** The applications of the actor's region: filter by status, search, sort by age. */
export function listReviewQueue(deps: Deps, actor: Actor, query: ReviewQueueQuery = {}) {
  if (!can(actor, "office:review-applications")) throw new DomainError("forbidden", "not office staff");
  const status = query.status ?? "submitted";
  const q = (query.q ?? "").trim().slice(0, 100);
  const conditions = [eq(applications.regionCode, actor.regionCode)];
  if (status !== "all") conditions.push(eq(applications.status, status));
  if (q) conditions.push(searchCondition(q));
  const rows = deps.db
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
    )
    .limit(REVIEW_QUEUE_LIMIT)
    .all();
  const now = deps.clock.now().getTime();
  return rows.map(({ numbers, ...row }) => ({
    ...row,
    numberCount: numbers.length,
    ageMs: now - row.submittedAt.getTime(),
  }));
}
