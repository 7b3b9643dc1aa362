import type { Db } from "../db/open-database.ts";
import type { LimitPolicy } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { EFFECTIVE_LIMIT_COLUMNS, EFFECTIVE_LIMIT_JOINS } from "./effective-limit.ts";
import { type PendingLimitNotice, sendLimitNotices } from "./limit-notices.ts";

const LIMIT_BLOCK_BIT = 4; // blockReasonBits.limit

/** Which live lines of a company (in its region) a change of limits may have changed the limit of. */
export type AffectedLines = { lineIds: readonly number[] } | { departmentId: number } | { wholeCompany: true } | { limitBlocked: true };

interface Row {
  id: number;
  blockMask: number;
  limit_amount: number | null;
  limit_policy: LimitPolicy;
  limit_warning_percent: number;
  limit_notify_employee: number | null;
  total: number | null;
  employee: number | null;
  reachedAt: number | null;
}

/**
 * Brings lines in line with their limit in force now, against their spending of `billingMonth`
 * (the region's current month): a line whose `block` limit is reached is blocked, a line blocked by
 * its limit that no longer is reached (raised, removed, another policy, a new month) is unblocked —
 * each with its notice, once. The month's "reached" mark follows. Call inside the transaction of
 * the change. Returns how many lines it looked at, blocked and unblocked.
 */
export function reevaluateLimits(
  tx: Db,
  deps: Pick<Deps, "clock"> & Partial<Pick<Deps, "config">>,
  scope: { companyId: number | null; regionCode: string; billingMonth: number },
  affected: AffectedLines,
): { lines: number; blocked: number; unblocked: number } {
  const now = deps.clock.now().getTime();
  const conditions = ["l.region_code = @region", "l.terminated_at is null"];
  const params: Record<string, unknown> = { region: scope.regionCode, month: scope.billingMonth, now };
  if (scope.companyId !== null) {
    conditions.push("l.company_id = @company");
    params.company = scope.companyId;
  } else {
    conditions.push("l.company_id is not null");
  }
  if ("lineIds" in affected) {
    conditions.push("l.id in (select value from json_each(@ids))");
    params.ids = JSON.stringify(affected.lineIds);
  } else if ("departmentId" in affected) {
    conditions.push("l.department_id = @department");
    params.department = affected.departmentId;
  } else if ("limitBlocked" in affected) {
    conditions.push("l.id in (select line_id from line_blocks where reason = 'limit')");
  }
  const rows = tx.$client
    .prepare(
      `select l.id, l.block_mask as blockMask, ${EFFECTIVE_LIMIT_COLUMNS}, m.total_charge as total, m.employee_charge as employee,
              m.limit_reached_at as reachedAt
       from lines l ${EFFECTIVE_LIMIT_JOINS}
       left join line_usage_months m on m.line_id = l.id and m.billing_month = @month
       where ${conditions.join(" and ")}`,
    )
    .all(params) as Row[];

  const block = tx.$client.prepare("insert into line_blocks (line_id, reason, blocked_at, blocked_by_user_id) values (?, 'limit', ?, null) on conflict do nothing");
  const unblock = tx.$client.prepare("delete from line_blocks where line_id = ? and reason = 'limit'");
  const markReached = tx.$client.prepare("update line_usage_months set limit_reached_at = ? where line_id = ? and billing_month = ?");
  const notices: PendingLimitNotice[] = [];
  let blocked = 0;
  let unblocked = 0;
  for (const row of rows) {
    const amount = row.limit_amount;
    const policy = row.limit_policy;
    const spent = (row.total ?? 0) - (row.employee ?? 0);
    const reached = amount !== null && spent >= amount;
    const shouldBlock = reached && policy === "block";
    const isBlocked = (row.blockMask & LIMIT_BLOCK_BIT) !== 0;
    const notice = (kind: PendingLimitNotice["kind"]) =>
      notices.push({
        lineId: row.id,
        billingMonth: scope.billingMonth,
        kind,
        limitAmount: amount ?? 0,
        spent,
        policy,
        warningPercent: row.limit_warning_percent,
        notifyEmployee: row.limit_notify_employee === 1,
      });
    if (shouldBlock && !isBlocked) {
      block.run(row.id, now);
      blocked++;
      notice("blocked");
    } else if (!shouldBlock && isBlocked) {
      unblock.run(row.id);
      unblocked++;
      notice("unblocked");
    }
    if (reached && row.reachedAt === null && row.total !== null) markReached.run(now, row.id, scope.billingMonth);
    else if (!reached && row.reachedAt !== null) markReached.run(null, row.id, scope.billingMonth);
  }
  sendLimitNotices(tx, deps, notices);
  return { lines: rows.length, blocked, unblocked };
}
