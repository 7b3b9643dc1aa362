import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { departments, lineUsageMonths, regions, tariffs } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { billingMonthOf } from "../shared/billing-calendar.ts";
import { findCompanyLine } from "./company-lines.ts";
import { blockReasonsOf, lineStatusOf } from "./line-status.ts";

/**
 * One line of the actor's company as its page shows it: number, employee, department, tariff,
 * blocks, version (for the "changed meanwhile" check), and this billing month so far — spending,
 * what was used and what is left of the included minutes, SMS and MB.
 */
export function getLineDetails(deps: Deps, actor: Actor, lineId: number) {
  const line = findCompanyLine(deps.db, actor, lineId);
  const tariff = deps.db.select().from(tariffs).where(eq(tariffs.id, line.tariffId)).get();
  const zone = deps.db.select({ timeZone: regions.timeZone }).from(regions).where(eq(regions.code, line.regionCode)).get()?.timeZone ?? "UTC";
  const month = billingMonthOf(zone, deps.clock.now().getTime());
  const usage = deps.db
    .select()
    .from(lineUsageMonths)
    .where(and(eq(lineUsageMonths.lineId, line.id), eq(lineUsageMonths.billingMonth, month)))
    .get();
  const department = line.departmentId
    ? deps.db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.id, line.departmentId)).get()
    : undefined;
  const used = { minutes: usage?.minutesUsed ?? 0, sms: usage?.smsUsed ?? 0, dataKb: usage?.dataKbUsed ?? 0 };
  const included = { minutes: tariff?.includedMinutes ?? 0, sms: tariff?.includedSms ?? 0, dataKb: (tariff?.includedMb ?? 0) * 1024 };
  return {
    id: line.id,
    msisdn: line.msisdn,
    version: line.version,
    employeeName: line.employeeName,
    employeeLocale: line.employeeLocale,
    department: department ?? null,
    tariff: tariff ? { id: tariff.id, code: tariff.code, nameRu: tariff.nameRu, nameEn: tariff.nameEn, monthlyFee: tariff.monthlyFee } : null,
    status: lineStatusOf(line.blockMask),
    blocks: blockReasonsOf(line.blockMask),
    activatedAt: line.activatedAt,
    month: {
      billingMonth: month,
      spending: usage?.totalCharge ?? 0,
      used,
      included,
      remaining: {
        minutes: Math.max(0, included.minutes - used.minutes),
        sms: Math.max(0, included.sms - used.sms),
        dataKb: Math.max(0, included.dataKb - used.dataKb),
      },
      ratedThrough: usage?.lastEventAt ?? null,
    },
  };
}
