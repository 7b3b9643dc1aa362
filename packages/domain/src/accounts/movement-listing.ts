import { stringify } from "csv-stringify/sync";
import type { Actor } from "../auth/actor.ts";
import type { MovementKind } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { actingCompany } from "../lines/company-lines.ts";
import { findRegion } from "../regions/regions.ts";
import { billingDayStart, billingInstant } from "../shared/billing-calendar.ts";
import { formatRegionDate } from "../shared/region-time.ts";

/** What the movements page filters by: charges are the fees and the usage. */
export const movementFilterKinds = ["all", "charge", "payment", "adjustment"] as const;
export type MovementFilterKind = (typeof movementFilterKinds)[number];
const kindsOf: Record<MovementFilterKind, MovementKind[]> = {
  all: ["payment", "adjustment", "monthly_fee", "service_fee", "usage"],
  charge: ["monthly_fee", "service_fee", "usage"],
  payment: ["payment"],
  adjustment: ["adjustment"],
};

export const MOVEMENTS_PAGE_SIZE = 50;
/** One export holds at most this many movements (years of a large company's daily usage). */
export const MOVEMENTS_EXPORT_MAX = 200_000;

export interface MovementPeriodQuery {
  /** First and last day of the period, yyyymmdd in the region's calendar, both included. */
  fromDay?: number;
  toDay?: number;
  kind?: MovementFilterKind;
  /** 1-based. */
  page?: number;
}

/** The period asked for, or this billing month so far; a period given backwards is turned round. */
function periodOf(deps: Deps, actor: Actor, query: MovementPeriodQuery) {
  const companyId = actingCompany(actor);
  const region = findRegion(deps, actor.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  const today = billingInstant(region.timeZone, deps.clock.now().getTime()).day;
  let fromDay = query.fromDay ?? Math.floor(today / 100) * 100 + 1;
  let toDay = query.toDay ?? today;
  if (fromDay > toDay) [fromDay, toDay] = [toDay, fromDay];
  const from = billingDayStart(region.timeZone, fromDay);
  // The day after the last: its start ends the period.
  const to = billingDayStart(region.timeZone, toDay) + 36 * 3_600_000;
  const end = billingDayStart(region.timeZone, billingInstant(region.timeZone, to).day);
  const kind = query.kind ?? "all";
  return { companyId, region, fromDay, toDay, from, to: end, kind, kinds: kindsOf[kind] };
}

const scope = `account_id in (select id from accounts where company_id = @company and region_code = @region)
  and occurred_at >= @from and occurred_at < @to and kind in (select value from json_each(@kinds))`;

function params(actor: Actor, period: ReturnType<typeof periodOf>) {
  return { company: period.companyId, region: actor.regionCode, from: period.from, to: period.to, kinds: JSON.stringify(period.kinds) };
}

interface MovementRow {
  id: number;
  accountNumber: string;
  kind: MovementKind;
  amount: number;
  occurredAt: number;
  description: string;
  /** Usage only: what the employees pay on top of `amount` (above their `split` spending limits), kopecks. */
  employeeAmount: number;
}

/** The employees' part of a day's usage is named in its description, apart from the company's amount. */
function withEmployeePart(row: MovementRow): MovementRow {
  if (row.employeeAmount <= 0) return row;
  const roubles = `${Math.floor(row.employeeAmount / 100)},${String(row.employeeAmount % 100).padStart(2, "0")}`;
  return { ...row, description: `${row.description} (сверх лимитов, за счёт сотрудников: ${roubles} ₽)` };
}

function select(limit: number, offset: number) {
  return `select m.id, a.account_number as accountNumber, m.kind, m.amount, m.occurred_at as occurredAt, m.description, m.employee_amount as employeeAmount
    from account_movements m join accounts a on a.id = m.account_id
    where ${scope}
    order by m.occurred_at desc, m.id desc limit ${limit} offset ${offset}`;
}

/**
 * A page of the company's account movements in a period (newest first), of one kind or all, with
 * the total count and the period's money in and out.
 */
export function listMovementPage(deps: Deps, actor: Actor, query: MovementPeriodQuery) {
  const period = periodOf(deps, actor, query);
  const sqlite = deps.db.$client;
  const totals = sqlite
    .prepare(`select count(*) as count, coalesce(sum(max(amount, 0)), 0) as incoming, coalesce(-sum(min(amount, 0)), 0) as outgoing from account_movements where ${scope}`)
    .get(params(actor, period)) as { count: number; incoming: number; outgoing: number };
  const pageCount = Math.max(1, Math.ceil(totals.count / MOVEMENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pageCount);
  const rows = (sqlite.prepare(select(MOVEMENTS_PAGE_SIZE, (page - 1) * MOVEMENTS_PAGE_SIZE)).all(params(actor, period)) as MovementRow[]).map(withEmployeePart);
  return {
    query: { fromDay: period.fromDay, toDay: period.toDay, kind: period.kind, page },
    timeZone: period.region.timeZone,
    total: totals.count,
    incoming: totals.incoming,
    outgoing: totals.outgoing,
    page,
    pageCount,
    movements: rows,
  };
}

/**
 * The same movements as CSV that Excel in a Russian locale opens as it is: UTF-8 with a BOM, `;`,
 * amounts in roubles with a decimal comma, dates as `dd.mm.yyyy` in the region's calendar.
 */
export function exportMovementsCsv(deps: Deps, actor: Actor, query: MovementPeriodQuery, kindNames: Record<MovementKind, string>): { fileName: string; bytes: Buffer } {
  const period = periodOf(deps, actor, query);
  const rows = (deps.db.$client.prepare(select(MOVEMENTS_EXPORT_MAX, 0)).all(params(actor, period)) as MovementRow[]).map(withEmployeePart);
  const roubles = (kopecks: number) => `${kopecks < 0 ? "-" : ""}${Math.floor(Math.abs(kopecks) / 100)},${String(Math.abs(kopecks) % 100).padStart(2, "0")}`;
  const csv = stringify(
    [
      ["Дата", "Лицевой счёт", "Вид", "Сумма, ₽", "Описание"],
      ...rows.map((m) => [formatRegionDate(new Date(m.occurredAt), period.region.timeZone), m.accountNumber, kindNames[m.kind], roubles(m.amount), m.description]),
    ],
    { delimiter: ";", record_delimiter: "\r\n" },
  );
  return { fileName: `movements-${period.fromDay}-${period.toDay}.csv`, bytes: Buffer.from(`\uFEFF${csv}`, "utf8") };
}
