import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { accounts, companies } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { actingCompany } from "../lines/company-lines.ts";
import { lineStatusOf } from "../lines/line-status.ts";
import { findRegion } from "../regions/regions.ts";
import { billingInstant, billingMonthStart, nextBillingMonth, previousBillingMonth } from "../shared/billing-calendar.ts";

/** How many departments the chart names; the rest are summed as one bar. */
export const DEPARTMENTS_CHARTED = 8;

export interface DaySpending {
  /** Day of the month, 1…31, in the region's calendar. */
  day: number;
  /** Kopecks spent on usage that day; null for days of this month still to come. */
  thisMonth: number | null;
  lastMonth: number | null;
}

/**
 * The start page's summaries, a handful of aggregate queries however many lines the company has:
 * balance, month-to-date spending, lines by status, usage spending by day (this billing month
 * against the last, in the region's time zone) and by department this month. Every query is scoped
 * by the actor's company.
 */
export function getSpendingSummary(deps: Deps, actor: Actor) {
  const companyId = actingCompany(actor);
  const company = deps.db
    .select({ id: companies.id, name: companies.name, ownerName: companies.ownerName, regionCode: companies.regionCode })
    .from(companies)
    .where(and(eq(companies.id, companyId), eq(companies.regionCode, actor.regionCode)))
    .get();
  if (!company) throw new DomainError("not_found", "company not found");
  const region = findRegion(deps, company.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  const sqlite = deps.db.$client;
  const now = deps.clock.now().getTime();
  const today = billingInstant(region.timeZone, now);
  const thisMonth = today.month;
  const lastMonth = previousBillingMonth(thisMonth);

  const companyAccounts = deps.db
    .select({ id: accounts.id, accountNumber: accounts.accountNumber, balance: accounts.balance })
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), eq(accounts.regionCode, actor.regionCode)))
    .orderBy(accounts.accountNumber)
    .all();

  const statusCounts = { active: 0, blocked_loss: 0, blocked_voluntary: 0, blocked_limit: 0 };
  const masks = sqlite
    .prepare("select block_mask, count(*) from lines where company_id = ? and region_code = ? and terminated_at is null group by block_mask")
    .raw()
    .all(companyId, actor.regionCode) as [number, number][];
  for (const [mask, n] of masks) statusCounts[lineStatusOf(mask)] += n;
  const lineCount = Object.values(statusCounts).reduce((a, b) => a + b, 0);

  // Movements are per account: the company's accounts, in the two months charted.
  const movementsOf = `account_id in (select id from accounts where company_id = @company and region_code = @region)`;
  const monthToDate = sqlite
    .prepare(`select coalesce(-sum(amount), 0) from account_movements where ${movementsOf} and billing_month = @month and amount < 0`)
    .pluck()
    .get({ company: companyId, region: actor.regionCode, month: thisMonth }) as number;
  const lastMonthTotal = sqlite
    .prepare(`select coalesce(-sum(amount), 0) from account_movements where ${movementsOf} and billing_month = @month and amount < 0`)
    .pluck()
    .get({ company: companyId, region: actor.regionCode, month: lastMonth }) as number;

  // A day's usage is one movement per account, dated at the start of that day in the region.
  const daily = sqlite
    .prepare(
      `select billing_month, occurred_at, -sum(amount) from account_movements
       where ${movementsOf} and kind = 'usage' and billing_month in (@this, @last) group by billing_month, occurred_at`,
    )
    .raw()
    .all({ company: companyId, region: actor.regionCode, this: thisMonth, last: lastMonth }) as [number, number, number][];
  const daysIn = (month: number) => Math.round((billingMonthStart(region.timeZone, nextBillingMonth(month)) - billingMonthStart(region.timeZone, month)) / 86_400_000);
  const dayCount = Math.max(daysIn(thisMonth), daysIn(lastMonth));
  const todayOfMonth = today.day % 100;
  const days: DaySpending[] = Array.from({ length: dayCount }, (_, i) => ({
    day: i + 1,
    thisMonth: i + 1 <= todayOfMonth ? 0 : null,
    lastMonth: i + 1 <= daysIn(lastMonth) ? 0 : null,
  }));
  for (const [month, occurredAt, amount] of daily) {
    const entry = days[(billingInstant(region.timeZone, occurredAt).day % 100) - 1];
    if (!entry) continue;
    if (month === thisMonth && entry.thisMonth != null) entry.thisMonth += amount;
    if (month === lastMonth && entry.lastMonth != null) entry.lastMonth += amount;
  }

  const departmentRows = sqlite
    .prepare(
      `select d.name, sum(m.total_charge) as spent from line_usage_months m
       join lines l on l.id = m.line_id left join departments d on d.id = l.department_id and d.company_id = m.company_id
       where m.company_id = ? and m.billing_month = ? and l.company_id = m.company_id
       group by l.department_id order by spent desc, d.name is null, d.name`,
    )
    .raw()
    .all(companyId, thisMonth) as [string | null, number][];
  const charted = departmentRows.slice(0, DEPARTMENTS_CHARTED).map(([name, spent]) => ({ name, spent, rest: false }));
  const rest = departmentRows.slice(DEPARTMENTS_CHARTED).reduce((sum, [, spent]) => sum + spent, 0);
  if (rest > 0) charted.push({ name: null, spent: rest, rest: true });

  const historyPending =
    sqlite.prepare("select 1 from demo_history_runs where company_id = ? and finished_at is null").pluck().get(companyId) !== undefined;

  return {
    company: { id: company.id, name: company.name, ownerName: company.ownerName },
    region: { code: region.code, nameRu: region.nameRu, nameEn: region.nameEn, timeZone: region.timeZone },
    accounts: companyAccounts.map(({ accountNumber, balance }) => ({ accountNumber, balance })),
    balance: companyAccounts.reduce((sum, a) => sum + a.balance, 0),
    lineCount,
    statusCounts,
    thisMonth,
    lastMonth,
    monthToDate,
    lastMonthTotal,
    days,
    departments: charted,
    historyPending,
  };
}
