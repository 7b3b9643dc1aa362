import { recordAuditEvents } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import type { LimitPolicy, LimitScope } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { billingMonthOf } from "../shared/billing-calendar.ts";
import { type AffectedLines, reevaluateLimits } from "./limit-reevaluation.ts";
import { untilDayOf } from "./set-limits.ts";

export interface DueLimitChanges {
  /** Regions whose billing month changed and were handled now (once each, across processes). */
  monthChanges: { regionCode: string; billingMonth: number; unblocked: number }[];
  /** Temporary limits that ended and were removed now. */
  expired: number;
  blocked: number;
  unblocked: number;
}

/** 100 in yyyymm arithmetic: the same month a year before. */
const NOTICE_KEYS_KEPT_MONTHS_AS_YYYYMM = 100;

/** Temporary limits ended per transaction: each is its own small change. */
const EXPIRED_PER_ROUND = 100;

interface ExpiredRow {
  id: number;
  companyId: number;
  scope: LimitScope;
  lineId: number | null;
  departmentId: number | null;
  amount: number;
  policy: LimitPolicy;
  warningPercent: number | null;
  notifyEmployee: number;
  endsAt: number;
  regionCode: string;
  timeZone: string;
}

/**
 * The periodic task of limits (registered in jobs/job-handlers.ts): at the start of each region's
 * billing month (its own time zone: Vladivostok hours before Moscow) unblocks the lines blocked by
 * their limit whose new month's spending is below it; ends temporary limits whose day is over
 * (the line takes what it inherits, enforced at once). Catches up with what was missed while no
 * process ran, and does each change once even when several processes run it at the same time: a
 * region's month change is claimed by a `limit_month_changes` row written in the transaction that
 * does it, and a temporary limit's end by deleting its row in the transaction that enforces it.
 */
export async function runDueLimitChanges(deps: Deps): Promise<DueLimitChanges> {
  const result: DueLimitChanges = { monthChanges: [], expired: 0, blocked: 0, unblocked: 0 };
  const sqlite = deps.db.$client;
  const now = deps.clock.now().getTime();

  const regions = sqlite.prepare("select code, time_zone from regions").raw().all() as [string, string][];
  const done = sqlite.prepare("select 1 from limit_month_changes where region_code = ? and billing_month = ?").pluck();
  for (const [regionCode, timeZone] of regions) {
    const billingMonth = billingMonthOf(timeZone, now);
    if (done.get(regionCode, billingMonth)) continue; // the usual case: read only, no write lock
    inTransaction(deps.db, (tx) => {
      const claimed = tx.$client
        .prepare("insert into limit_month_changes (region_code, billing_month, done_at, unblocked_lines) values (?, ?, ?, 0) on conflict do nothing")
        .run(regionCode, billingMonth, now).changes;
      if (claimed === 0) return; // another process did it meanwhile
      const outcome = reevaluateLimits(tx, deps, { companyId: null, regionCode, billingMonth }, { limitBlocked: true });
      tx.$client.prepare("update limit_month_changes set unblocked_lines = ? where region_code = ? and billing_month = ?").run(outcome.unblocked, regionCode, billingMonth);
      // Notice keys matter only while their month's events can still arrive: a year of them is kept.
      tx.$client
        .prepare("delete from limit_notices where billing_month < ? and line_id in (select id from lines where region_code = ?)")
        .run(billingMonth - NOTICE_KEYS_KEPT_MONTHS_AS_YYYYMM, regionCode);
      result.monthChanges.push({ regionCode, billingMonth, unblocked: outcome.unblocked });
      result.blocked += outcome.blocked;
      result.unblocked += outcome.unblocked;
    });
    await Promise.resolve();
  }

  const due = sqlite.prepare(
    `select s.id, s.company_id as companyId, s.scope, s.line_id as lineId, s.department_id as departmentId, s.amount, s.policy,
            s.warning_percent as warningPercent, s.notify_employee as notifyEmployee, s.ends_at as endsAt, c.region_code as regionCode, r.time_zone as timeZone
     from spending_limits s join companies c on c.id = s.company_id join regions r on r.code = c.region_code
     where s.ends_at is not null and s.ends_at <= ? and s.amount is not null order by s.ends_at limit ${EXPIRED_PER_ROUND}`,
  );
  for (;;) {
    const rows = due.all(now) as ExpiredRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      inTransaction(deps.db, (tx) => {
        // Ended once: the row goes (a company row keeps its warning percent) in the transaction that enforces it.
        const removed =
          row.scope === "company" && row.warningPercent !== null
            ? tx.$client.prepare("update spending_limits set amount = null, ends_at = null, updated_at = ?, updated_by_user_id = null where id = ? and ends_at = ?").run(now, row.id, row.endsAt).changes
            : tx.$client.prepare("delete from spending_limits where id = ? and ends_at = ?").run(row.id, row.endsAt).changes;
        if (removed === 0) return;
        result.expired++;
        const targetId = row.scope === "line" ? (row.lineId as number) : row.scope === "department" ? (row.departmentId as number) : row.companyId;
        recordAuditEvents(tx, [
          {
            at: new Date(now),
            actorLabel: "system",
            regionCode: row.regionCode,
            companyId: row.companyId,
            action: "limit.expired",
            targetType: row.scope,
            targetId,
            before: {
              limit: {
                amount: row.amount,
                policy: row.policy,
                warningPercent: row.warningPercent,
                notifyEmployee: row.notifyEmployee === 1,
                until: untilDayOf(row.endsAt, row.timeZone),
              },
            },
            after: { limit: null },
          },
        ]);
        const affected: AffectedLines =
          row.scope === "line" ? { lineIds: [row.lineId as number] } : row.scope === "department" ? { departmentId: row.departmentId as number } : { wholeCompany: true };
        const outcome = reevaluateLimits(tx, deps, { companyId: row.companyId, regionCode: row.regionCode, billingMonth: billingMonthOf(row.timeZone, now) }, affected);
        result.blocked += outcome.blocked;
        result.unblocked += outcome.unblocked;
      });
      await Promise.resolve();
    }
    if (rows.length < EXPIRED_PER_ROUND) break;
  }
  return result;
}
