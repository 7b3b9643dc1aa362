import { DEFAULT_WARNING_PERCENT } from "./limit-types.ts";

/**
 * A line's limit in force, resolved in SQL beside the line itself: the line's own limit, else its
 * department's, else the company's default — each only while it has not ended (`ends_at` > @now).
 * Three left joins on unique keys, so the rating's one statement for a batch's lines resolves their
 * limits too, with no statement per event. Use with the line's table aliased `l` and a named
 * parameter `@now` (UTC ms); select `EFFECTIVE_LIMIT_COLUMNS` in this order.
 */
export const EFFECTIVE_LIMIT_JOINS = `
  left join spending_limits ll on ll.line_id = l.id and (ll.ends_at is null or ll.ends_at > @now)
  left join spending_limits dl on dl.department_id = l.department_id and (dl.ends_at is null or dl.ends_at > @now)
  left join spending_limits cl on cl.company_id = l.company_id and cl.scope = 'company'`;

/** The company row's amount while it holds (the row may outlive it: it also keeps the warning percent). */
const companyAmount = "(case when cl.ends_at is null or cl.ends_at > @now then cl.amount end)";
const winner = (column: string, companyColumn = `cl.${column}`) =>
  `(case when ll.id is not null then ll.${column} when dl.id is not null then dl.${column} else ${companyColumn} end)`;

/** amount (null: no limit), source ('line' | 'department' | 'company' | null), policy, warning percent, notify employee, ends_at. */
export const EFFECTIVE_LIMIT_COLUMNS = `
  coalesce(ll.amount, dl.amount, ${companyAmount}) as limit_amount,
  (case when ll.id is not null then 'line' when dl.id is not null then 'department' when ${companyAmount} is not null then 'company' end) as limit_source,
  ${winner("policy")} as limit_policy,
  coalesce(${winner("warning_percent", "null")}, cl.warning_percent, ${DEFAULT_WARNING_PERCENT}) as limit_warning_percent,
  ${winner("notify_employee")} as limit_notify_employee,
  ${winner("ends_at")} as limit_ends_at`;

/** The amount at which the one warning goes out: the share of the limit, rounded up to the kopeck. */
export function warningThreshold(amount: number, warningPercent: number): number {
  return Math.ceil((amount * warningPercent) / 100);
}
