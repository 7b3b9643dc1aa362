import type BetterSqlite3 from "better-sqlite3";
import type { Actor } from "../auth/actor.ts";
import { blockReasonBits, type BlockReason, type LineStatus } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { billingMonthOf } from "../shared/billing-calendar.ts";
import { foldText } from "../shared/text-folding.ts";
import { actingCompany } from "./company-lines.ts";
import { lineStatusOf } from "./line-status.ts";

/** What the lines list can be narrowed to: every line, active ones, blocked ones, or blocked for one reason. */
export const lineStatusFilters = ["all", "active", "blocked", "loss", "voluntary", "limit"] as const;
export type LineStatusFilter = (typeof lineStatusFilters)[number];
export const lineSorts = ["number", "employee", "department", "spending"] as const;
export type LineSort = (typeof lineSorts)[number];
export const sortDirections = ["asc", "desc"] as const;
export type SortDirection = (typeof sortDirections)[number];

export const LINES_PAGE_SIZE = 50;
/** A search longer than any number or name is not a search someone typed. */
export const LINE_SEARCH_MAX = 100;

/** The lines list's filter, sort and page: what the page's URL holds. */
export interface LineListQuery {
  /** A number in any form people type (`8 (920) 600-10-05`, `600-10-05`), or part of an employee's name. */
  q?: string;
  status?: LineStatusFilter;
  tariffId?: number;
  departmentId?: number;
  sort?: LineSort;
  direction?: SortDirection;
  /** 1-based. */
  page?: number;
}

/** How a typed search is matched: digits contained in the number, or text contained in the folded name. */
export type LineSearch = { by: "none" } | { by: "number"; fragments: string[] } | { by: "name"; folded: string };

/**
 * Reads a search as people type it. Only digits and the signs of a written number → a number: its
 * digits must appear in the stored `+7…` form; a leading 8 or +7 is the trunk prefix of the whole
 * number, so `8 (920) 600-10-05` finds `+79206001005` (a leading 8 may also be a digit of the
 * number itself: `8 05` of `…600-10-05`, so both readings are tried). Anything else → a name, in
 * any case, with ё as е.
 */
export function parseLineSearch(input: string | undefined): LineSearch {
  const text = (input ?? "").trim().slice(0, LINE_SEARCH_MAX);
  if (text === "") return { by: "none" };
  if (/^[\d\s()+\-.]+$/.test(text) && /\d/.test(text)) {
    const digits = text.replace(/\D/g, "");
    if (text.startsWith("+")) return { by: "number", fragments: [`+${digits}`] };
    if (digits.startsWith("8") && digits.length > 1) return { by: "number", fragments: [digits, `+7${digits.slice(1)}`] };
    return { by: "number", fragments: [digits] };
  }
  const folded = foldText(text).trim();
  return folded === "" ? { by: "none" } : { by: "name", folded };
}

/** Every `block_mask` value that holds a reason (the index on the mask then serves the filter). */
function masksWith(reason: BlockReason): number[] {
  const bit = blockReasonBits[reason];
  return [1, 2, 3, 4, 5, 6, 7].filter((mask) => (mask & bit) !== 0);
}

export interface LineListWhere {
  sql: string;
  params: unknown[];
}

/**
 * The WHERE of a list query over `lines l`: the actor's company AND region, live lines, then the
 * filters. Shared by the page, its count and "all N lines matching this filter", so the selection
 * is exactly what the list showed.
 */
export function lineListWhere(actor: Actor, query: LineListQuery): LineListWhere {
  const companyId = actingCompany(actor);
  const parts = ["l.company_id = ?", "l.region_code = ?", "l.terminated_at is null"];
  const params: unknown[] = [companyId, actor.regionCode];
  switch (query.status ?? "all") {
    case "active":
      parts.push("l.block_mask = 0");
      break;
    case "blocked":
      parts.push("l.block_mask > 0");
      break;
    case "loss":
    case "voluntary":
    case "limit": {
      const masks = masksWith(query.status as BlockReason);
      parts.push(`l.block_mask in (${masks.join(",")})`);
      break;
    }
  }
  if (query.tariffId !== undefined) {
    parts.push("l.tariff_id = ?");
    params.push(query.tariffId);
  }
  if (query.departmentId !== undefined) {
    parts.push("l.department_id = ?");
    params.push(query.departmentId);
  }
  const search = parseLineSearch(query.q);
  if (search.by === "number") {
    parts.push(`(${search.fragments.map(() => "instr(l.msisdn, ?) > 0").join(" or ")})`);
    params.push(...search.fragments);
  } else if (search.by === "name") {
    parts.push("instr(l.employee_name_folded, ?) > 0");
    params.push(search.folded);
  }
  return { sql: parts.join(" and "), params };
}

/**
 * The ORDER BY of each sort. Every one ends on a unique key, so pages never overlap or skip a line.
 * Number and employee follow the company's indexes (no sorting of 100,000 rows); department and
 * spending have to sort, as any query returning that order would.
 */
function orderBy(sort: LineSort, direction: SortDirection): string {
  const dir = direction === "desc" ? "desc" : "asc";
  switch (sort) {
    case "employee":
      return `l.employee_name_folded ${dir}, l.id ${dir}`;
    case "department":
      return `d.name_folded ${dir}, l.msisdn ${dir}`;
    case "spending":
      return `spending ${dir}, l.msisdn ${dir}`;
    default:
      return `l.msisdn ${dir}`;
  }
}

export interface CompanyLineRow {
  id: number;
  msisdn: string;
  employeeName: string | null;
  department: { id: number; name: string } | null;
  tariff: { id: number; nameRu: string; nameEn: string };
  status: LineStatus;
  /** Kopecks charged this billing month so far (the region's calendar month). */
  monthSpending: number;
}

export interface CompanyLinesPage {
  lines: CompanyLineRow[];
  /** Lines matching the filter, on every page. */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** yyyymm: the billing month the spending is of. */
  billingMonth: number;
  /** The query as applied (defaults filled in, page within range). */
  query: Required<Omit<LineListQuery, "tariffId" | "departmentId">> & Pick<LineListQuery, "tariffId" | "departmentId">;
  /** What the filter offers: the region's tariffs and the company's departments. */
  tariffs: { id: number; nameRu: string; nameEn: string }[];
  departments: { id: number; name: string }[];
}

type RawRow = {
  id: number;
  msisdn: string;
  employee_name: string | null;
  department_id: number | null;
  department_name: string | null;
  tariff_id: number;
  tariff_name_ru: string;
  tariff_name_en: string;
  block_mask: number;
  spending: number;
};

/** The SELECT of one page; exported for the benchmark, which times it bare beside the function. */
export function lineListPageSql(where: string, sort: LineSort, direction: SortDirection): string {
  return `select l.id, l.msisdn, l.employee_name, l.department_id, d.name as department_name, l.tariff_id,
      t.name_ru as tariff_name_ru, t.name_en as tariff_name_en, l.block_mask, coalesce(m.total_charge, 0) as spending
    from lines l
    join tariffs t on t.id = l.tariff_id
    left join departments d on d.id = l.department_id
    left join line_usage_months m on m.line_id = l.id and m.billing_month = ?
    where ${where}
    order by ${orderBy(sort, direction)}
    limit ? offset ?`;
}

type Sqlite = Deps["db"]["$client"];
type Statement = BetterSqlite3.Statement<unknown[]>;
const statementCache = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * A prepared statement of this connection, prepared once: the list's SQL has a few dozen shapes
 * (filters × sorts), and preparing one costs as much as running a small page of it.
 */
export function preparedStatement(sqlite: Sqlite, sql: string): Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** The region's time zone: billing months are its calendar months. */
function regionTimeZone(deps: Deps, regionCode: string): string {
  const row = preparedStatement(deps.db.$client, "select time_zone as timeZone from regions where code = ?").get(regionCode) as { timeZone: string } | undefined;
  return row?.timeZone ?? "UTC";
}

/**
 * A page of the actor's company's live lines in the actor's region: number, employee, department,
 * tariff, status and this month's spending, searched, filtered and sorted, with the total count.
 */
export function listCompanyLines(deps: Deps, actor: Actor, query: LineListQuery = {}): CompanyLinesPage {
  const where = lineListWhere(actor, query);
  const sqlite = deps.db.$client;
  const status = query.status ?? "all";
  const sort = query.sort ?? "number";
  const direction = query.direction ?? "asc";
  const billingMonth = billingMonthOf(regionTimeZone(deps, actor.regionCode), deps.clock.now().getTime());
  const { total } = preparedStatement(sqlite, `select count(*) as total from lines l where ${where.sql}`).get(...where.params) as { total: number };
  const pageCount = Math.max(1, Math.ceil(total / LINES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(query.page ?? 1) || 1), pageCount);
  const rows = preparedStatement(sqlite, lineListPageSql(where.sql, sort, direction))
    .all(billingMonth, ...where.params, LINES_PAGE_SIZE, (page - 1) * LINES_PAGE_SIZE) as RawRow[];
  const tariffs = preparedStatement(sqlite, "select id, name_ru as nameRu, name_en as nameEn from tariffs where region_code = ? order by monthly_fee, id")
    .all(actor.regionCode) as CompanyLinesPage["tariffs"];
  const departments = preparedStatement(sqlite, "select id, name from departments where company_id = ? order by name_folded")
    .all(actingCompany(actor)) as CompanyLinesPage["departments"];
  return {
    lines: rows.map((row) => ({
      id: row.id,
      msisdn: row.msisdn,
      employeeName: row.employee_name,
      department: row.department_id != null && row.department_name != null ? { id: row.department_id, name: row.department_name } : null,
      tariff: { id: row.tariff_id, nameRu: row.tariff_name_ru, nameEn: row.tariff_name_en },
      status: lineStatusOf(row.block_mask),
      monthSpending: row.spending,
    })),
    total,
    page,
    pageSize: LINES_PAGE_SIZE,
    pageCount,
    billingMonth,
    query: { q: query.q ?? "", status, sort, direction, page, tariffId: query.tariffId, departmentId: query.departmentId },
    tariffs,
    departments,
  };
}
