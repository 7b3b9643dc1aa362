import { desc, eq } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { auditEvents } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";

export const COMPANY_AUDIT_LIMIT = 200;

/** The company's audit trail, newest first: only events recorded against the actor's company. */
export function listCompanyAuditEvents(deps: Deps, actor: Actor, options: { limit?: number } = {}) {
  if (!can(actor, "company:read-audit") || actor.companyId == null) {
    throw new DomainError("forbidden", "not a company administrator");
  }
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? COMPANY_AUDIT_LIMIT)), 1000);
  return deps.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      clientAddress: auditEvents.clientAddress,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(eq(auditEvents.companyId, actor.companyId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit)
    .all();
}
