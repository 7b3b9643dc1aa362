import { and, asc, eq, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import { inTransaction } from "../db/open-database.ts";
import { lineServices, lines, services, tariffServices } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { checkVersion, findCompanyLine } from "./company-lines.ts";

/** The services of the line's region its tariff allows, each with whether the line has it. */
export function listLineServices(deps: Deps, actor: Actor, lineId: number) {
  const line = findCompanyLine(deps.db, actor, lineId);
  return deps.db
    .select({
      id: services.id,
      code: services.code,
      nameRu: services.nameRu,
      nameEn: services.nameEn,
      descriptionRu: services.descriptionRu,
      descriptionEn: services.descriptionEn,
      monthlyFee: services.monthlyFee,
      on: sql<number>`${lineServices.serviceId} is not null`.mapWith(Boolean),
    })
    .from(services)
    .innerJoin(tariffServices, and(eq(tariffServices.serviceId, services.id), eq(tariffServices.tariffId, line.tariffId)))
    .leftJoin(lineServices, and(eq(lineServices.serviceId, services.id), eq(lineServices.lineId, line.id)))
    .where(and(eq(services.regionCode, line.regionCode), eq(services.archived, false)))
    .orderBy(asc(services.id))
    .all();
}

export type ServiceSwitchResult = { changed: boolean; version: number };

/**
 * Switches a service on: only a service of the line's region that the line's tariff allows
 * (refused otherwise, with the reason); switching on what is on changes nothing. Audited.
 */
export function switchServiceOn(deps: Deps, actor: Actor, input: { lineId: number; serviceId: number; expectedVersion?: number }): ServiceSwitchResult {
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    checkVersion(line, input.expectedVersion);
    const service = tx.select().from(services).where(and(eq(services.id, input.serviceId), eq(services.regionCode, line.regionCode))).get();
    if (!service || service.archived) throw new DomainError("not_found", "service not found");
    if (!tariffAllows(tx, line.tariffId, service.id)) {
      throw new DomainError("invalid", "the line's tariff does not allow this service", { serviceId: { code: "service.notAllowedByTariff" } });
    }
    const now = deps.clock.now();
    const added = tx
      .insert(lineServices)
      .values({ lineId: line.id, serviceId: service.id, regionCode: line.regionCode, activatedAt: now, activatedByUserId: actor.userId })
      .onConflictDoNothing()
      .run().changes;
    return afterSwitch(deps, tx, actor, line, service, added > 0, "line.service_on");
  });
}

/** Switches a service off; switching off what is off changes nothing. Audited. */
export function switchServiceOff(deps: Deps, actor: Actor, input: { lineId: number; serviceId: number; expectedVersion?: number }): ServiceSwitchResult {
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    checkVersion(line, input.expectedVersion);
    const service = tx.select().from(services).where(and(eq(services.id, input.serviceId), eq(services.regionCode, line.regionCode))).get();
    if (!service) throw new DomainError("not_found", "service not found");
    const removed = tx.delete(lineServices).where(and(eq(lineServices.lineId, line.id), eq(lineServices.serviceId, service.id))).run().changes;
    return afterSwitch(deps, tx, actor, line, service, removed > 0, "line.service_off");
  });
}

export function tariffAllows(db: Db, tariffId: number, serviceId: number): boolean {
  return !!db
    .select({ serviceId: tariffServices.serviceId })
    .from(tariffServices)
    .where(and(eq(tariffServices.tariffId, tariffId), eq(tariffServices.serviceId, serviceId)))
    .get();
}

function afterSwitch(
  deps: Deps,
  tx: Db,
  actor: Actor,
  line: typeof lines.$inferSelect,
  service: typeof services.$inferSelect,
  changed: boolean,
  action: string,
): ServiceSwitchResult {
  if (!changed) return { changed, version: line.version };
  const { version } = tx
    .update(lines)
    .set({ version: sql`${lines.version} + 1` })
    .where(eq(lines.id, line.id))
    .returning({ version: lines.version })
    .get() as { version: number };
  recordAuditEvent(tx, {
    at: deps.clock.now(),
    actorUserId: actor.userId,
    actorLabel: actor.login,
    regionCode: line.regionCode,
    companyId: line.companyId,
    action,
    targetType: "line",
    targetId: line.id,
    clientAddress: actor.clientAddress ?? null,
    before: { msisdn: line.msisdn, service: service.code, on: action === "line.service_off" },
    after: { msisdn: line.msisdn, service: service.code, on: action === "line.service_on", monthlyFee: service.monthlyFee },
  });
  return { changed, version };
}
