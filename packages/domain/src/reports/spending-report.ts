import type Database from "better-sqlite3";
import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { actingCompany } from "../lines/company-lines.ts";
import { findRegion } from "../regions/regions.ts";
import { billingDayStart, billingInstant, billingMonthStart, previousBillingMonth } from "../shared/billing-calendar.ts";

/** The kinds of charge a report breaks spending into (the month counters' charge columns). */
export const spendingCategories = ["calls", "sms", "data", "roaming"] as const;
export type SpendingCategory = (typeof spendingCategories)[number];

/** Kopecks of usage charges in one billing month, by category and in all. */
export interface SpendingFigures {
  calls: number;
  sms: number;
  data: number;
  roaming: number;
  total: number;
  /**
   * Of `total`, the part the employees pay themselves (a `split` spending limit reached: the company
   * pays up to the limit, the employee the rest); 0 for a company without such limits.
   */
  employee: number;
}

export const REPORT_LINES_PAGE_SIZE = 50;
export const TOP_SPENDERS = 10;
export const reportLineSorts = ["spending", "change", "number", "employee"] as const;
export type ReportLineSort = (typeof reportLineSorts)[number];

export interface SpendingReportQuery {
  /** yyyymm in the region's calendar; the current billing month when not given. */
  month?: number;
  /** 1-based page of the lines' table. */
  page?: number;
  sort?: ReportLineSort;
  /** Only the lines of this department of the company's, or "none": lines without one. */
  department?: number | "none";
}

export interface DepartmentSpending {
  /** Null: the lines without a department. */
  departmentId: number | null;
  name: string | null;
  /** Lines with usage this month. */
  lineCount: number;
  current: SpendingFigures;
  /** The previous month's total of the same lines (the department as the lines are filed now). */
  previous: number;
  change: SpendingChange;
}

export interface LineSpending {
  lineId: number;
  msisdn: string;
  /** False for a line terminated since (its usage stays the company's); it has no page of its own any more. */
  live: boolean;
  employeeName: string | null;
  departmentName: string | null;
  current: SpendingFigures;
  previous: number;
  change: SpendingChange;
}

export interface SpendingChange {
  /** Kopecks, this month less the previous. */
  difference: number;
  /** Percent of the previous month; null when the previous month had nothing to compare with. */
  percent: number | null;
}

/** How this month compares with the previous: the one rule every page and file uses. */
export function compareSpending(current: number, previous: number): SpendingChange {
  return { difference: current - previous, percent: previous === 0 ? null : ((current - previous) / previous) * 100 };
}

// The month counters of the company's lines in the two months compared. The counters carry the
// company the line belonged to when the usage was rated; the line must still be the company's and
// of the actor's region, so every row here is the acting company's own.
const monthRows = `from line_usage_months m join lines l on l.id = m.line_id
  left join departments d on d.id = l.department_id and d.company_id = l.company_id
  where m.company_id = @company and m.billing_month in (@month, @previous)
    and l.company_id = @company and l.region_code = @region`;
const figures = (when: string) =>
  `sum(case when ${when} then m.calls_charge else 0 end) as calls, sum(case when ${when} then m.sms_charge else 0 end) as sms,
   sum(case when ${when} then m.data_charge else 0 end) as data, sum(case when ${when} then m.roaming_charge else 0 end) as roaming,
   sum(case when ${when} then m.total_charge else 0 end) as total, sum(case when ${when} then m.employee_charge else 0 end) as employee`;
const thisMonth = "m.billing_month = @month";
const departmentFilter = {
  all: "",
  none: " and l.department_id is null",
  one: " and l.department_id = @department",
};
const lineOrder: Record<ReportLineSort, string> = {
  spending: "total desc, l.msisdn, l.id",
  change: "total - previous desc, total desc, l.msisdn, l.id",
  number: "l.msisdn, l.id",
  employee: "l.employee_name_folded is null, l.employee_name_folded, l.msisdn, l.id",
};

type FigureRow = SpendingFigures;
interface LineRow extends FigureRow {
  lineId: number;
  msisdn: string;
  live: number;
  employeeName: string | null;
  departmentName: string | null;
  previous: number;
}

const pick = (row: FigureRow): SpendingFigures => ({ calls: row.calls, sms: row.sms, data: row.data, roaming: row.roaming, total: row.total, employee: row.employee });

export interface ReportScope {
  sqlite: Database.Database;
  companyId: number;
  companyName: string;
  region: { code: string; nameRu: string; nameEn: string; timeZone: string };
  month: number;
  previousMonth: number;
  currentMonth: number;
  /** Today's day of the month in the region. */
  dayOfMonth: number;
}

/** The acting company, its region and the month asked for (the current one by default). */
export function reportScope(deps: Deps, actor: Actor, month: number | undefined): ReportScope {
  const companyId = actingCompany(actor);
  const region = findRegion(deps, actor.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  const sqlite = deps.db.$client;
  const company = sqlite.prepare("select name from companies where id = ? and region_code = ?").get(companyId, actor.regionCode) as { name: string } | undefined;
  if (!company) throw new DomainError("not_found", "company not found");
  const today = billingInstant(region.timeZone, deps.clock.now().getTime());
  const currentMonth = today.month;
  const chosen = month ?? currentMonth;
  if (!Number.isSafeInteger(chosen) || chosen % 100 < 1 || chosen % 100 > 12 || chosen < 190001 || chosen > 999912) {
    throw new DomainError("invalid", "not a billing month");
  }
  return {
    sqlite,
    companyId,
    companyName: company.name,
    region: { code: region.code, nameRu: region.nameRu, nameEn: region.nameEn, timeZone: region.timeZone },
    month: chosen,
    previousMonth: previousBillingMonth(chosen),
    currentMonth,
    dayOfMonth: today.day % 100,
  };
}

function params(scope: ReportScope, department?: number | "none") {
  return {
    company: scope.companyId,
    region: scope.region.code,
    month: scope.month,
    previous: scope.previousMonth,
    department: typeof department === "number" ? department : null,
  };
}

function departmentClause(department: number | "none" | undefined) {
  return department === undefined ? departmentFilter.all : department === "none" ? departmentFilter.none : departmentFilter.one;
}

/** Every line with usage in either month, with its figures; ordered, and a slice of them when paged. */
export function reportLines(scope: ReportScope, options: { sort: ReportLineSort; department?: number | "none"; limit?: number; offset?: number }): LineSpending[] {
  const limit = options.limit === undefined ? "" : ` limit ${Math.floor(options.limit)} offset ${Math.floor(options.offset ?? 0)}`;
  const rows = scope.sqlite
    .prepare(
      `select l.id as lineId, l.msisdn, l.terminated_at is null as live, l.employee_name as employeeName, d.name as departmentName, ${figures(thisMonth)},
         sum(case when m.billing_month = @previous then m.total_charge else 0 end) as previous
       ${monthRows}${departmentClause(options.department)}
       group by l.id order by ${lineOrder[options.sort]}${limit}`,
    )
    .all(params(scope, options.department)) as LineRow[];
  return rows.map((row) => ({ lineId: row.lineId, msisdn: row.msisdn, live: row.live === 1, employeeName: row.employeeName, departmentName: row.departmentName, current: pick(row), previous: row.previous, change: compareSpending(row.total, row.previous) }));
}

/** Spending by department (as the lines are filed now), largest this month first; lines without one last among equals. */
export function reportDepartments(scope: ReportScope): DepartmentSpending[] {
  const rows = scope.sqlite
    .prepare(
      `select l.department_id as departmentId, d.name, count(distinct case when ${thisMonth} then l.id end) as lineCount, ${figures(thisMonth)},
         sum(case when m.billing_month = @previous then m.total_charge else 0 end) as previous
       ${monthRows}
       group by l.department_id order by total desc, l.department_id is null, d.name`,
    )
    .all(params(scope)) as (FigureRow & { departmentId: number | null; name: string | null; lineCount: number; previous: number })[];
  return rows.map((row) => ({ departmentId: row.departmentId, name: row.name, lineCount: row.lineCount, current: pick(row), previous: row.previous, change: compareSpending(row.total, row.previous) }));
}

/** The company's figures of the month and the previous one, by category. */
export function reportTotals(scope: ReportScope): {
  current: SpendingFigures;
  previous: SpendingFigures;
  change: Record<SpendingCategory | "total", SpendingChange>;
  lineCount: number;
  lastEventAt: number | null;
  employeePays: boolean;
} {
  const row = scope.sqlite
    .prepare(
      `select ${figures(thisMonth)},
         sum(case when m.billing_month = @previous then m.calls_charge else 0 end) as pCalls, sum(case when m.billing_month = @previous then m.sms_charge else 0 end) as pSms,
         sum(case when m.billing_month = @previous then m.data_charge else 0 end) as pData, sum(case when m.billing_month = @previous then m.roaming_charge else 0 end) as pRoaming,
         sum(case when m.billing_month = @previous then m.total_charge else 0 end) as pTotal, sum(case when m.billing_month = @previous then m.employee_charge else 0 end) as pEmployee,
         count(case when ${thisMonth} then 1 end) as lineCount, max(case when ${thisMonth} then m.last_event_at end) as lastEventAt
       ${monthRows}`,
    )
    .get(params(scope)) as Record<string, number | null>;
  const n = (key: string) => row[key] ?? 0;
  const current = { calls: n("calls"), sms: n("sms"), data: n("data"), roaming: n("roaming"), total: n("total"), employee: n("employee") };
  const previous = { calls: n("pCalls"), sms: n("pSms"), data: n("pData"), roaming: n("pRoaming"), total: n("pTotal"), employee: n("pEmployee") };
  const change = (key: SpendingCategory | "total") => compareSpending(current[key], previous[key]);
  return {
    current,
    previous,
    change: { calls: change("calls"), sms: change("sms"), data: change("data"), roaming: change("roaming"), total: change("total") },
    lineCount: n("lineCount"),
    lastEventAt: row.lastEventAt ?? null,
    // Whether to show who pays: only when some of the two months' usage was the employees' to pay.
    employeePays: n("employee") > 0 || n("pEmployee") > 0,
  };
}

/**
 * For the month under way: the previous month's usage charges over its first days, as many as
 * this month has had (today included), so that a month in progress can be compared fairly. Read
 * from the accounts' daily usage movements (the company's part in `amount`, the employees' in
 * `employee_amount`), a few rows per account; null for a month that is over.
 */
export function reportPreviousToDate(scope: ReportScope): { total: number; throughDay: number } | null {
  if (scope.month !== scope.currentMonth) return null;
  const zone = scope.region.timeZone;
  const daysInPrevious = Math.round((billingMonthStart(zone, scope.month) - billingMonthStart(zone, scope.previousMonth)) / 86_400_000);
  const throughDay = Math.min(scope.dayOfMonth, daysInPrevious);
  const end = throughDay >= daysInPrevious ? billingMonthStart(zone, scope.month) : billingDayStart(zone, scope.previousMonth * 100 + throughDay + 1);
  const total = scope.sqlite
    .prepare(
      `select coalesce(sum(employee_amount - amount), 0) from account_movements
       where account_id in (select id from accounts where company_id = @company and region_code = @region)
         and kind = 'usage' and billing_month = @previous and occurred_at < @end`,
    )
    .pluck()
    .get({ company: scope.companyId, region: scope.region.code, previous: scope.previousMonth, end }) as number;
  return { total, throughDay };
}

/** The billing months the company has usage in, newest first, and the current month even without any. */
export function reportMonths(scope: ReportScope): number[] {
  const months = scope.sqlite
    .prepare("select distinct billing_month from line_usage_months where company_id = ? order by billing_month desc")
    .pluck()
    .all(scope.companyId) as number[];
  return months.includes(scope.currentMonth) ? months : [scope.currentMonth, ...months].sort((a, b) => b - a);
}

/**
 * The spending report of a billing month (a calendar month in the region's time zone): the
 * company's usage charges by category, by department and by line (employee), each against the
 * previous month, and the top spenders. Read from the lines' month counters, which the rating
 * transaction keeps equal to the sum of the rated events' charges (a test holds them equal), so a
 * 5,000-line company's report is a few aggregate queries. The lines' table is paged.
 */
export function getSpendingReport(deps: Deps, actor: Actor, query: SpendingReportQuery = {}) {
  const scope = reportScope(deps, actor, query.month);
  const department = query.department;
  let departmentName: string | null = null;
  if (typeof department === "number") {
    const found = scope.sqlite.prepare("select name from departments where id = ? and company_id = ?").get(department, scope.companyId) as { name: string } | undefined;
    if (!found) throw new DomainError("not_found", "department not found");
    departmentName = found.name;
  }
  const sort = query.sort ?? "spending";
  const totals = reportTotals(scope);
  const toDate = reportPreviousToDate(scope);
  const departments = reportDepartments(scope);
  const lineTotal = scope.sqlite.prepare(`select count(distinct l.id) ${monthRows}${departmentClause(department)}`).pluck().get(params(scope, department)) as number;
  const pageCount = Math.max(1, Math.ceil(lineTotal / REPORT_LINES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pageCount);
  const lines = reportLines(scope, { sort, department, limit: REPORT_LINES_PAGE_SIZE, offset: (page - 1) * REPORT_LINES_PAGE_SIZE });
  // The default view's first page already holds the top spenders; any other view asks for them.
  const firstPageIsTop = sort === "spending" && department === undefined && page === 1;
  const topSpenders = (firstPageIsTop ? lines.slice(0, TOP_SPENDERS) : reportLines(scope, { sort: "spending", limit: TOP_SPENDERS })).filter((line) => line.current.total > 0);
  return {
    company: { id: scope.companyId, name: scope.companyName },
    region: scope.region,
    month: scope.month,
    previousMonth: scope.previousMonth,
    currentMonth: scope.currentMonth,
    months: reportMonths(scope),
    totals,
    previousToDate: toDate && { ...toDate, change: compareSpending(totals.current.total, toDate.total) },
    departments,
    topSpenders,
    lines: { sort, department: department ?? null, departmentName, total: lineTotal, page, pageCount, rows: lines },
    // The demo's large companies get their months of history in the background after start.
    historyPending: scope.sqlite.prepare("select 1 from demo_history_runs where company_id = ? and finished_at is null").pluck().get(scope.companyId) !== undefined,
  };
}

export type SpendingReport = ReturnType<typeof getSpendingReport>;
