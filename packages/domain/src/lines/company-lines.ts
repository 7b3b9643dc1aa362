import { and, eq, isNull } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import { lines } from "../db/schema.ts";
import { DomainError } from "../errors.ts";

/** The company an administrator acts for; anyone else is refused. */
export function actingCompany(actor: Actor): number {
  if (!can(actor, "cabinet:view") || actor.companyId == null) throw new DomainError("forbidden", "not a company administrator");
  return actor.companyId;
}

/**
 * A live line of the actor's company in the actor's region, or "not found" — also for another
 * company's line, so that ids reveal nothing. Lines carry their company and region themselves.
 */
export function findCompanyLine(db: Db, actor: Actor, lineId: number) {
  const companyId = actingCompany(actor);
  const line = Number.isSafeInteger(lineId)
    ? db
        .select()
        .from(lines)
        .where(and(eq(lines.id, lineId), eq(lines.companyId, companyId), eq(lines.regionCode, actor.regionCode), isNull(lines.terminatedAt)))
        .get()
    : undefined;
  if (!line) throw new DomainError("not_found", "line not found");
  return line;
}

/** "Changed by someone else meanwhile": the save is refused and the page shows the line as it is now. */
export class StaleLineError extends DomainError {
  constructor(readonly currentVersion: number) {
    super("conflict", "the line was changed by someone else meanwhile");
  }
}

export function checkVersion(line: { version: number }, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== line.version) throw new StaleLineError(line.version);
}
