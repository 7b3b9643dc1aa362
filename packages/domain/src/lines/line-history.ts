import { and, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { auditEvents, departments, services } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { findCompanyLine } from "./company-lines.ts";

export const LINE_HISTORY_PAGE_SIZE = 20;

/**
 * The changes made to one line of the actor's company, newest first, a page at a time, from the
 * audit trail. Events keep ids and codes (a department id, a service code); the names they stand
 * for today come with them, so a renamed department reads by its current name.
 */
export function listLineHistory(deps: Deps, actor: Actor, input: { lineId: number; page?: number }) {
  const line = findCompanyLine(deps.db, actor, input.lineId);
  const page = Math.max(1, Math.trunc(input.page ?? 1));
  const rows = deps.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    // The company too: a terminated number issued again is another line id, and ids never repeat.
    .where(and(eq(auditEvents.targetType, "line"), eq(auditEvents.targetId, String(line.id)), eq(auditEvents.companyId, line.companyId as number)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(LINE_HISTORY_PAGE_SIZE + 1)
    .offset((page - 1) * LINE_HISTORY_PAGE_SIZE)
    .all();
  const events = rows.slice(0, LINE_HISTORY_PAGE_SIZE);

  const departmentIds = new Set<number>();
  const serviceCodes = new Set<string>();
  for (const event of events) {
    for (const values of [event.before, event.after]) {
      if (typeof values?.departmentId === "number") departmentIds.add(values.departmentId);
      if (typeof values?.service === "string") serviceCodes.add(values.service);
    }
  }
  const departmentNames = Object.fromEntries(
    departmentIds.size === 0
      ? []
      : deps.db
          .select({ id: departments.id, name: departments.name })
          .from(departments)
          .where(and(inArray(departments.id, [...departmentIds]), eq(departments.companyId, line.companyId as number)))
          .all()
          .map((d) => [d.id, d.name]),
  ) as Record<number, string>;
  const serviceNames = Object.fromEntries(
    serviceCodes.size === 0
      ? []
      : deps.db
          .select({ code: services.code, nameRu: services.nameRu, nameEn: services.nameEn })
          .from(services)
          .where(and(inArray(services.code, [...serviceCodes]), eq(services.regionCode, line.regionCode)))
          .all()
          .map((s) => [s.code, { ru: s.nameRu, en: s.nameEn }]),
  ) as Record<string, { ru: string; en: string }>;

  return { page, hasMore: rows.length > LINE_HISTORY_PAGE_SIZE, events, departmentNames, serviceNames };
}
