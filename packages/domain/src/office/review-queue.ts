import { and, asc, desc, eq, like, or, sql } from "drizzle-orm";
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

/** The applications of the actor's region: filter by status, search, sort by age. */
export function listReviewQueue(deps: Deps, actor: Actor, query: ReviewQueueQuery = {}) {
  if (!can(actor, "office:review-applications")) throw new DomainError("forbidden", "not office staff");
  const status = query.status ?? "submitted";
  const q = (query.q ?? "").trim().slice(0, 100);
  const conditions = [eq(applications.regionCode, actor.regionCode)];
  if (status !== "all") conditions.push(eq(applications.status, status));
  if (q) {
    const phone = parseMsisdn(q);
    const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const search = or(
      sql`${applications.reference} like ${pattern.toUpperCase()} escape '\\'`,
      sql`${applications.companyName} like ${pattern} escape '\\'`,
      like(applications.accountNumber, `%${q.replace(/\D/g, "") || q}%`),
      phone.ok ? sql`exists (select 1 from json_each(${applications.numbers}) where value = ${phone.msisdn})` : undefined,
    );
    if (search) conditions.push(search);
  }
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
    .orderBy(query.sort === "newest" ? desc(applications.submittedAt) : asc(applications.submittedAt))
    .limit(200)
    .all();
  const now = deps.clock.now().getTime();
  return rows.map(({ numbers, ...row }) => ({
    ...row,
    numberCount: numbers.length,
    ageMs: now - row.submittedAt.getTime(),
  }));
}
