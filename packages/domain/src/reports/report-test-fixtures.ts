// Test support for the spending reports (imported by *.test.ts only).
import type { Actor } from "../auth/actor.ts";
import type { UsageKind } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { createDepartment } from "../lines/departments.ts";
import { updateLineEmployee } from "../lines/employees.ts";
import { getLineDetails } from "../lines/line-details.ts";
import { billingMonthStart, nextBillingMonth } from "../shared/billing-calendar.ts";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { addCompany } from "../usage/usage-test-fixtures.ts";
import { createTestDeps } from "../testing/test-deps.ts";

/** A small deterministic pseudo-random sequence (the same events in every run). */
function sequence(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Rated usage for the given numbers from `from` to `to` (UTC ms): every kind, at home and in
 * roaming, enough to exhaust the allowances, at times of day that put some events across midnight
 * and the month's edge in one zone and not in another.
 */
export function rateRandomUsage(deps: Deps, msisdns: string[], from: number, to: number, options: { seed: number; perLine: number; prefix: string }) {
  const random = sequence(options.seed);
  const kinds: UsageKind[] = ["call_out", "call_out", "call_in", "sms_out", "sms_in", "data", "data"];
  const events: UsageEventInput[] = [];
  for (const msisdn of msisdns) {
    for (let i = 0; i < options.perLine; i++) {
      const kind = kinds[Math.floor(random() * kinds.length)] as UsageKind;
      events.push({
        eventId: `${options.prefix}-${msisdn}-${i}`,
        msisdn,
        startedAt: Math.floor(from + random() * (to - from)),
        kind,
        roaming: random() < 0.08,
        otherParty: kind === "data" ? "internet" : "+79990001122",
        durationSeconds: kind.startsWith("call") ? Math.floor(random() * 1_800) : null,
        volumeBytes: kind === "data" ? Math.floor(random() * 400 * 1024 * 1024) : null,
      });
    }
  }
  events.sort((a, b) => a.startedAt - b.startedAt);
  return rateUsageEvents(deps, events);
}

/** The charges of the rated events of a company's lines in a billing month of a zone, straight from `usage_events`. */
export function ratedCharges(deps: Deps, companyId: number, timeZone: string, month: number) {
  const from = billingMonthStart(timeZone, month);
  const to = billingMonthStart(timeZone, nextBillingMonth(month));
  const rows = deps.db.$client
    .prepare(
      `select e.line_id as lineId, l.department_id as departmentId, e.kind, e.roaming, e.charge, e.employee_charge as employeeCharge from usage_events e join lines l on l.id = e.line_id
       where l.company_id = ? and e.started_at >= ? and e.started_at < ?`,
    )
    .all(companyId, from, to) as { lineId: number; departmentId: number | null; kind: UsageKind; roaming: number; charge: number; employeeCharge: number }[];
  const byLine = new Map<number, number>();
  const byDepartment = new Map<number | null, number>();
  const byCategory = { calls: 0, sms: 0, data: 0, roaming: 0, total: 0, employee: 0 };
  for (const row of rows) {
    byLine.set(row.lineId, (byLine.get(row.lineId) ?? 0) + row.charge);
    byDepartment.set(row.departmentId, (byDepartment.get(row.departmentId) ?? 0) + row.charge);
    const category = row.roaming ? "roaming" : row.kind.startsWith("call") ? "calls" : row.kind.startsWith("sms") ? "sms" : "data";
    byCategory[category] += row.charge;
    byCategory.total += row.charge;
    byCategory.employee += row.employeeCharge;
  }
  return { byLine, byDepartment, byCategory, events: rows.length };
}

const NOVEMBER_NOW = new Date("2026-11-25T09:00:00Z");

/**
 * Ural's ООО «Отчёт» (8 lines in two departments and two without one) with rated usage from
 * September to today, its neighbour of the same region with usage of its own, and a Far East
 * company (UTC+10) for the other zone.
 */
export function reportFixture() {
  const deps = createTestDeps();
  deps.clock.set(NOVEMBER_NOW);
  const msisdns = Array.from({ length: 8 }, (_, i) => `+7912100000${i}`);
  const company = addCompany(deps, { regionCode: "ural", name: "ООО «Отчёт»", accountNumber: "600000001", msisdns });
  const neighbour = addCompany(deps, { regionCode: "ural", name: "АО «Сосед»", accountNumber: "600000002", msisdns: ["+79122000000", "+79122000001"] });
  const fareast = addCompany(deps, { regionCode: "fareast", name: "ООО «Восток»", accountNumber: "600000003", msisdns: ["+79143000000", "+79143000001"] });
  const sales = createDepartment(deps, company.admin, { name: "Продажи" });
  const office = createDepartment(deps, company.admin, { name: "Бухгалтерия" });
  const file = (admin: Actor, lineId: number, employeeName: string, departmentId: number | null) =>
    updateLineEmployee(deps, admin, { lineId, expectedVersion: getLineDetails(deps, admin, lineId).version, employeeName, departmentId });
  const names = ["Ёлкина Анна", "Борисов Олег", "Волкова Ирина", "Гусев Пётр", "Дмитриева Ольга", "Егоров Иван", "Жукова Мария", "Зайцев Лев"];
  for (const [i, lineId] of company.lineIds.entries()) file(company.admin, lineId, names[i] as string, i < 3 ? sales.id : i < 6 ? office.id : null);
  // A department of the neighbour's, to ask about by id.
  const neighbourDepartment = createDepartment(deps, neighbour.admin, { name: "Продажи" });
  file(neighbour.admin, neighbour.lineIds[0] as number, "Сосед Сергей", neighbourDepartment.id);
  const from = new Date("2026-09-01T00:00:00Z").getTime();
  const to = NOVEMBER_NOW.getTime() - 3_600_000;
  rateRandomUsage(deps, msisdns, from, to, { seed: 11, perLine: 400, prefix: "r" });
  rateRandomUsage(deps, ["+79122000000", "+79122000001"], from, to, { seed: 12, perLine: 300, prefix: "n" });
  rateRandomUsage(deps, ["+79143000000", "+79143000001"], from, to, { seed: 13, perLine: 300, prefix: "f" });
  return { deps, company, neighbour, fareast, sales, office, neighbourDepartment, msisdns };
}

/**
 * What a `split` limit leaves the employee to pay, written as the rating does (issue 9): on each
 * event its part, and on the line's month counters their sum. Here half of every charged event of
 * the line from `from` on.
 */
export function splitHalfOfCharges(deps: Deps, lineId: number, timeZone: string, from: number) {
  const sqlite = deps.db.$client;
  sqlite.prepare("update usage_events set employee_charge = charge / 2 where line_id = ? and started_at >= ? and charge > 0").run(lineId, from);
  const months = sqlite.prepare("select billing_month from line_usage_months where line_id = ?").pluck().all(lineId) as number[];
  for (const month of months) {
    sqlite
      .prepare(
        `update line_usage_months set employee_charge = (select coalesce(sum(employee_charge), 0) from usage_events where line_id = @line and started_at >= @from and started_at < @to)
         where line_id = @line and billing_month = @month`,
      )
      .run({ line: lineId, month, from: billingMonthStart(timeZone, month), to: billingMonthStart(timeZone, nextBillingMonth(month)) });
  }
}
