import type { Actor } from "../auth/actor.ts";
import type { LimitPolicy, LimitScope } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { actingCompany, findCompanyLine } from "../lines/company-lines.ts";
import { billingMonthOf, billingMonthStart, nextBillingMonth } from "../shared/billing-calendar.ts";
import { DEFAULT_WARNING_PERCENT, LIMIT_LIST_PAGE_SIZE_MAX, type EffectiveLimit, type LimitLinesPage, type LimitListShow, type LimitSetting, type LimitsOverview, type LimitSource, type LimitStanding, type LineLimitRow, type LineLimitView, limitListShows } from "./limit-types.ts";
import { EFFECTIVE_LIMIT_COLUMNS, EFFECTIVE_LIMIT_JOINS, warningThreshold } from "./effective-limit.ts";
import { untilDayOf } from "./set-limits.ts";

interface Scope {
  companyId: number;
  regionCode: string;
  timeZone: string;
  now: number;
  billingMonth: number;
}

function scopeOf(deps: Deps, actor: Actor): Scope {
  const companyId = actingCompany(actor);
  const timeZone = deps.db.$client.prepare("select time_zone from regions where code = ?").pluck().get(actor.regionCode) as string | undefined;
  if (!timeZone) throw new DomainError("not_found", "region not found");
  const now = deps.clock.now().getTime();
  return { companyId, regionCode: actor.regionCode, timeZone, now, billingMonth: billingMonthOf(timeZone, now) };
}

/** The company's live lines with their limit in force and this month's spending: one row each. */
const LINES_WITH_LIMITS = `
  select l.id, l.msisdn, l.employee_name, l.department_id, d.name as department_name, l.block_mask, ${EFFECTIVE_LIMIT_COLUMNS},
         coalesce(m.total_charge, 0) as total, coalesce(m.employee_charge, 0) as employee,
         coalesce(m.total_charge, 0) - coalesce(m.employee_charge, 0) as spent,
         m.limit_reached_at, m.last_event_at, coalesce(m.refused_events, 0) as refused_events
  from lines l ${EFFECTIVE_LIMIT_JOINS}
  left join departments d on d.id = l.department_id
  left join line_usage_months m on m.line_id = l.id and m.billing_month = @month
  where l.company_id = @company and l.region_code = @region and l.terminated_at is null`;

interface RawRow {
  id: number;
  msisdn: string;
  employee_name: string | null;
  department_id: number | null;
  department_name: string | null;
  block_mask: number;
  limit_amount: number | null;
  limit_source: Exclude<LimitSource, "none"> | null;
  limit_policy: LimitPolicy;
  limit_warning_percent: number;
  limit_notify_employee: number;
  limit_ends_at: number | null;
  total: number;
  employee: number;
  spent: number;
  limit_reached_at: number | null;
  last_event_at: number | null;
  refused_events: number;
}

/**
 * When the company's part of the month's spending reaches the limit at the pace so far: spending
 * grows in proportion to the time elapsed since the month began in the region, so it reaches the
 * limit at monthStart + elapsed × limit / spent. Null if nothing was spent yet, it is reached
 * already, or the date falls after the month's end (it will not be reached this month).
 */
export function projectLimitReach(input: { limit: number; spent: number; monthStart: number; monthEnd: number; now: number }): Date | null {
  const { limit, spent, monthStart, monthEnd, now } = input;
  if (spent <= 0 || spent >= limit || now <= monthStart) return null;
  const at = monthStart + ((now - monthStart) * limit) / spent;
  return at < monthEnd ? new Date(Math.floor(at)) : null;
}

function effectiveOf(row: RawRow, timeZone: string): EffectiveLimit | null {
  if (row.limit_amount === null || row.limit_source === null) return null;
  return {
    source: row.limit_source,
    amount: row.limit_amount,
    policy: row.limit_policy,
    warningPercent: row.limit_warning_percent,
    notifyEmployee: row.limit_notify_employee === 1,
    endsAt: row.limit_ends_at === null ? null : new Date(row.limit_ends_at),
    until: untilDayOf(row.limit_ends_at, timeZone),
  };
}

function toRow(row: RawRow, scope: Scope): LineLimitRow {
  const limit = effectiveOf(row, scope.timeZone);
  let standing: LimitStanding = "none";
  if (limit) standing = row.spent >= limit.amount ? "reached" : row.spent >= warningThreshold(limit.amount, limit.warningPercent) ? "warning" : "ok";
  return {
    lineId: row.id,
    msisdn: row.msisdn,
    employeeName: row.employee_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    limit,
    source: limit ? limit.source : "none",
    billingMonth: scope.billingMonth,
    spent: { total: row.total, company: row.spent, employee: row.employee },
    share: limit ? row.spent / limit.amount : null,
    standing,
    blockedByLimit: (row.block_mask & 4) !== 0,
    reachedAt: limit && standing === "reached" && row.limit_reached_at !== null ? new Date(row.limit_reached_at) : null,
    projectedReachAt: limit
      ? projectLimitReach({
          limit: limit.amount,
          spent: row.spent,
          monthStart: billingMonthStart(scope.timeZone, scope.billingMonth),
          monthEnd: billingMonthStart(scope.timeZone, nextBillingMonth(scope.billingMonth)),
          now: scope.now,
        })
      : null,
    ratedUntil: row.last_event_at === null ? null : new Date(row.last_event_at),
    refusedEvents: row.refused_events,
  };
}

const settingColumns =
  "id, scope, amount, policy, warning_percent as warningPercent, notify_employee as notifyEmployee, ends_at as endsAt, updated_at as updatedAt";
type RawSetting = { id: number; scope: LimitScope; amount: number | null; policy: LimitPolicy; warningPercent: number | null; notifyEmployee: number; endsAt: number | null; updatedAt: number };

function toSetting(row: RawSetting | undefined, timeZone: string): LimitSetting | null {
  if (!row) return null;
  return {
    id: row.id,
    scope: row.scope,
    amount: row.amount,
    policy: row.policy,
    warningPercent: row.warningPercent,
    notifyEmployee: row.notifyEmployee === 1,
    endsAt: row.endsAt === null ? null : new Date(row.endsAt),
    until: untilDayOf(row.endsAt, timeZone),
    updatedAt: new Date(row.updatedAt),
  };
}

const holds = (setting: LimitSetting | null, now: number) => setting !== null && setting.amount !== null && (setting.endsAt === null || setting.endsAt.getTime() > now);

/** One line's limit, where it comes from, and this month's spending against it (the line's page). */
export function getLineLimit(deps: Deps, actor: Actor, lineId: number): LineLimitView {
  const scope = scopeOf(deps, actor);
  const line = findCompanyLine(deps.db, actor, lineId);
  const sqlite = deps.db.$client;
  const row = sqlite
    .prepare(`${LINES_WITH_LIMITS} and l.id = @line`)
    .get({ company: scope.companyId, region: scope.regionCode, month: scope.billingMonth, now: scope.now, line: line.id }) as RawRow;
  const own = toSetting(sqlite.prepare(`select ${settingColumns} from spending_limits where line_id = ?`).get(line.id) as RawSetting | undefined, scope.timeZone);
  const department =
    line.departmentId === null
      ? null
      : toSetting(sqlite.prepare(`select ${settingColumns} from spending_limits where department_id = ?`).get(line.departmentId) as RawSetting | undefined, scope.timeZone);
  const company = toSetting(
    sqlite.prepare(`select ${settingColumns} from spending_limits where scope = 'company' and company_id = ?`).get(scope.companyId) as RawSetting | undefined,
    scope.timeZone,
  );
  const companyWarning = company?.warningPercent ?? DEFAULT_WARNING_PERCENT;
  const inheritedSetting = holds(department, scope.now) ? department : holds(company, scope.now) ? company : null;
  const inherited: EffectiveLimit | null = inheritedSetting
    ? {
        source: inheritedSetting.scope === "department" ? "department" : "company",
        amount: inheritedSetting.amount as number,
        policy: inheritedSetting.policy,
        warningPercent: inheritedSetting.warningPercent ?? companyWarning,
        notifyEmployee: inheritedSetting.notifyEmployee,
        endsAt: inheritedSetting.endsAt,
        until: inheritedSetting.until,
      }
    : null;
  return { ...toRow(row, scope), timeZone: scope.timeZone, own: holds(own, scope.now) ? own : null, inherited };
}

const showCondition: Record<LimitListShow, string> = {
  attention: "limit_amount is not null and spent * 100 >= limit_amount * limit_warning_percent",
  near: "limit_amount is not null and spent * 100 >= limit_amount * limit_warning_percent and spent < limit_amount",
  reached: "limit_amount is not null and spent >= limit_amount",
  without: "limit_amount is null",
  all: "true",
};
const showOrder: Record<LimitListShow, string> = {
  attention: "spent * 1.0 / limit_amount desc, msisdn",
  near: "spent * 1.0 / limit_amount desc, msisdn",
  reached: "spent * 1.0 / limit_amount desc, msisdn",
  without: "msisdn",
  all: "msisdn",
};

/**
 * A page of the company's live lines with their limits: `attention` (near or reached, the largest
 * share first), `near`, `reached`, `without` (no limit applies; by number) or `all` (by number).
 * `pageSize` at most LIMIT_LIST_PAGE_SIZE_MAX (default 50); `page` from 1.
 */
export function listLimitLines(deps: Deps, actor: Actor, query: { show: LimitListShow; page?: number; pageSize?: number }): LimitLinesPage {
  const scope = scopeOf(deps, actor);
  const show: LimitListShow = (limitListShows as readonly string[]).includes(query.show) ? query.show : "attention";
  const pageSize = Math.min(LIMIT_LIST_PAGE_SIZE_MAX, Math.max(1, Math.floor(query.pageSize ?? 50)));
  const params = { company: scope.companyId, region: scope.regionCode, month: scope.billingMonth, now: scope.now };
  const sqlite = deps.db.$client;
  const total = sqlite.prepare(`select count(*) from (${LINES_WITH_LIMITS}) where ${showCondition[show]}`).pluck().get(params) as number;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
  const rows = sqlite
    .prepare(`select * from (${LINES_WITH_LIMITS}) where ${showCondition[show]} order by ${showOrder[show]} limit @limit offset @offset`)
    .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as RawRow[];
  return { rows: rows.map((row) => toRow(row, scope)), total, page, pageSize };
}

/**
 * The limits page's summary: the company default, counts of lines near/over/without a limit, and per
 * department the sums of its lines' limits and of their spending this month.
 */
export function getLimitsOverview(deps: Deps, actor: Actor): LimitsOverview {
  const scope = scopeOf(deps, actor);
  const sqlite = deps.db.$client;
  const params = { company: scope.companyId, region: scope.regionCode, month: scope.billingMonth, now: scope.now };
  const groups = sqlite
    .prepare(
      `select department_id as departmentId, count(*) as lines, count(limit_amount) as linesWithLimit, coalesce(sum(limit_amount), 0) as limitsSum,
              sum(total) as spent, sum(employee) as employeePaid,
              sum(limit_amount is not null and spent * 100 >= limit_amount * limit_warning_percent and spent < limit_amount) as near,
              sum(limit_amount is not null and spent >= limit_amount) as reached,
              sum((block_mask & 4) <> 0) as blockedByLimit
       from (${LINES_WITH_LIMITS}) group by department_id`,
    )
    .all(params) as { departmentId: number | null; lines: number; linesWithLimit: number; limitsSum: number; spent: number; employeePaid: number; near: number; reached: number; blockedByLimit: number }[];
  const byDepartment = new Map(groups.map((group) => [group.departmentId, group]));
  const departments = sqlite.prepare("select id, name from departments where company_id = ? order by name_folded").all(scope.companyId) as { id: number; name: string }[];
  const departmentLimits = new Map(
    (sqlite.prepare(`select department_id as departmentId, ${settingColumns} from spending_limits where scope = 'department' and company_id = ?`).all(scope.companyId) as (RawSetting & {
      departmentId: number;
    })[]).map((row) => [row.departmentId, toSetting(row, scope.timeZone)]),
  );
  const summaries: LimitsOverview["departments"] = departments.map((department) => {
    const group = byDepartment.get(department.id);
    return {
      departmentId: department.id,
      name: department.name,
      limit: departmentLimits.get(department.id) ?? null,
      lines: group?.lines ?? 0,
      linesWithLimit: group?.linesWithLimit ?? 0,
      limitsSum: group?.limitsSum ?? 0,
      spent: group?.spent ?? 0,
      employeePaid: group?.employeePaid ?? 0,
    };
  });
  const none = byDepartment.get(null);
  if (none) {
    const { lines, linesWithLimit, limitsSum, spent, employeePaid } = none;
    summaries.push({ departmentId: null, name: null, limit: null, lines, linesWithLimit, limitsSum, spent, employeePaid });
  }
  const sum = (key: "lines" | "linesWithLimit" | "near" | "reached" | "blockedByLimit") => groups.reduce((total, group) => total + group[key], 0);
  const companyDefault = toSetting(
    sqlite.prepare(`select ${settingColumns} from spending_limits where scope = 'company' and company_id = ?`).get(scope.companyId) as RawSetting | undefined,
    scope.timeZone,
  );
  return {
    billingMonth: scope.billingMonth,
    timeZone: scope.timeZone,
    companyDefault,
    warningPercent: companyDefault?.warningPercent ?? DEFAULT_WARNING_PERCENT,
    counts: {
      lines: sum("lines"),
      withLimit: sum("linesWithLimit"),
      withoutLimit: sum("lines") - sum("linesWithLimit"),
      near: sum("near"),
      reached: sum("reached"),
      blockedByLimit: sum("blockedByLimit"),
    },
    departments: summaries,
  };
}
