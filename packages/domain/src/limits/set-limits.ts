import { type AuditEntry, recordAuditEvents } from "../audit/record-audit-event.ts";
import { type Actor, can } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import { type LimitPolicy, type LimitScope, limitPolicies } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError, type FieldErrors } from "../errors.ts";
import { actingCompany, findCompanyLine } from "../lines/company-lines.ts";
import { type LineSelection, resolveLineSelection } from "../lines/line-selection.ts";
import { billingDayStart, billingInstant, billingMonthOf } from "../shared/billing-calendar.ts";
import { type AffectedLines, reevaluateLimits } from "./limit-reevaluation.ts";
import { LIMIT_AMOUNT_MAX, type LimitChangeResult, type LimitSettingInput } from "./limit-types.ts";

// Setting and removing spending limits: one function per use case. Each acts for the actor's
// company only (another company's line or department: DomainError not_found), audits every change
// with before and after, and re-evaluates the lines it affects in the same transaction: a limit
// raised above (or removed, or no longer `block`) unblocks a line blocked by its limit at once
// ("unblocked" notice); a `block` limit lowered to or below this month's spending blocks at once
// ("blocked" notice). Invalid input: DomainError "invalid" with field errors (amount, policy,
// warningPercent, until).

/** A limit as stored (checked, its last day turned into the instant it ends). */
export interface CleanLimit {
  amount: number;
  policy: LimitPolicy;
  warningPercent: number | null;
  notifyEmployee: boolean;
  endsAt: number | null;
}

/** A stored row as the audit shows it. */
interface AuditedLimit {
  amount: number | null;
  policy: LimitPolicy;
  warningPercent: number | null;
  notifyEmployee: boolean;
  endsAt: number | null;
}

interface Context {
  actor: Actor;
  companyId: number;
  regionCode: string;
  timeZone: string;
  now: number;
  billingMonth: number;
}

function manage(deps: Deps, actor: Actor): Context {
  const companyId = actingCompany(actor);
  if (!can(actor, "cabinet:manage")) throw new DomainError("forbidden", "may not change limits");
  const timeZone = deps.db.$client.prepare("select time_zone from regions where code = ?").pluck().get(actor.regionCode) as string | undefined;
  if (!timeZone) throw new DomainError("not_found", "region not found");
  const now = deps.clock.now().getTime();
  return { actor, companyId, regionCode: actor.regionCode, timeZone, now, billingMonth: billingMonthOf(timeZone, now) };
}

/** Checks a limit as a form or a file gives it; the last day of a temporary one becomes the instant it ends. */
export function cleanLimitInput(input: LimitSettingInput, timeZone: string, now: number): CleanLimit {
  const errors: FieldErrors = {};
  if (input.amount == null) errors.amount = { code: "required" };
  else if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > LIMIT_AMOUNT_MAX) errors.amount = { code: "limits.amount.range" };
  if (!(limitPolicies as readonly string[]).includes(input.policy)) errors.policy = { code: "limits.policy.unknown" };
  const warningPercent = input.warningPercent ?? null;
  if (warningPercent !== null && (!Number.isInteger(warningPercent) || warningPercent < 1 || warningPercent > 99)) {
    errors.warningPercent = { code: "limits.warning.range" };
  }
  let endsAt: number | null = null;
  if (input.until != null && input.until !== "") {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.until);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
      errors.until = { code: "limits.until.format" };
    } else {
      // It holds through its last day: it ends when the next day begins in the region.
      const next = new Date(date.getTime() + 86_400_000);
      endsAt = billingDayStart(timeZone, next.getUTCFullYear() * 10_000 + (next.getUTCMonth() + 1) * 100 + next.getUTCDate());
      if (endsAt <= now) errors.until = { code: "limits.until.past" };
    }
  }
  if (Object.keys(errors).length > 0) throw new DomainError("invalid", "invalid limit", errors);
  return { amount: input.amount, policy: input.policy, warningPercent, notifyEmployee: input.notifyEmployee === true, endsAt };
}

/** The last day of a temporary limit, `yyyy-mm-dd` in the region's calendar. */
export function untilDayOf(endsAt: number | null, timeZone: string): string | null {
  if (endsAt === null) return null;
  const day = billingInstant(timeZone, endsAt - 1).day;
  return `${Math.floor(day / 10_000)}-${String(Math.floor(day / 100) % 100).padStart(2, "0")}-${String(day % 100).padStart(2, "0")}`;
}

const audited = (row: AuditedLimit | null | undefined, timeZone: string) =>
  row
    ? { amount: row.amount, policy: row.policy, warningPercent: row.warningPercent, notifyEmployee: row.notifyEmployee, until: untilDayOf(row.endsAt, timeZone) }
    : null;

function auditEntry(ctx: Context, action: string, targetType: string, targetId: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditEntry {
  return {
    at: new Date(ctx.now),
    actorUserId: ctx.actor.userId,
    actorLabel: ctx.actor.login,
    regionCode: ctx.regionCode,
    companyId: ctx.companyId,
    action,
    targetType,
    targetId,
    clientAddress: ctx.actor.clientAddress ?? null,
    before,
    after,
  };
}

const rowColumns = "amount, policy, warning_percent as warningPercent, notify_employee as notifyEmployee, ends_at as endsAt";
function toAudited(row: (Omit<AuditedLimit, "notifyEmployee"> & { notifyEmployee: number }) | undefined): AuditedLimit | null {
  return row ? { ...row, notifyEmployee: row.notifyEmployee === 1 } : null;
}

/**
 * Sets (limit) or removes (null) the own limits of lines already known to be the company's live
 * lines, audited one event per line whose limit changed. Returns the ids of the lines changed.
 */
function writeLineLimits(tx: Db, ctx: Context, items: readonly { lineId: number; msisdn: string; limit: CleanLimit | null }[]): number[] {
  const sqlite = tx.$client;
  const ids = JSON.stringify(items.map((item) => item.lineId));
  const before = new Map(
    (
      sqlite.prepare(`select line_id as lineId, ${rowColumns} from spending_limits where line_id in (select value from json_each(?))`).all(ids) as ({
        lineId: number;
        notifyEmployee: number;
      } & Omit<AuditedLimit, "notifyEmployee">)[]
    ).map((row) => [row.lineId, toAudited(row)]),
  );
  const upserts: unknown[][] = [];
  const removals: number[] = [];
  const entries: AuditEntry[] = [];
  for (const { lineId, msisdn, limit } of items) {
    const old = before.get(lineId) ?? null;
    const next: AuditedLimit | null = limit;
    const a = audited(old, ctx.timeZone);
    const b = audited(next, ctx.timeZone);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (limit) upserts.push([lineId, limit.amount, limit.policy, limit.warningPercent, limit.notifyEmployee ? 1 : 0, limit.endsAt]);
    else removals.push(lineId);
    entries.push(auditEntry(ctx, limit ? "limit.set" : "limit.removed", "line", lineId, { msisdn, limit: a }, { msisdn, limit: b }));
  }
  if (upserts.length > 0) {
    sqlite
      .prepare(
        `insert into spending_limits (company_id, scope, line_id, amount, policy, warning_percent, notify_employee, ends_at, updated_at, updated_by_user_id)
         select @company, 'line', value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, @now, @user from json_each(@rows) where true
         on conflict (line_id) do update set amount = excluded.amount, policy = excluded.policy, warning_percent = excluded.warning_percent,
           notify_employee = excluded.notify_employee, ends_at = excluded.ends_at, updated_at = excluded.updated_at, updated_by_user_id = excluded.updated_by_user_id`,
      )
      .run({ company: ctx.companyId, now: ctx.now, user: ctx.actor.userId, rows: JSON.stringify(upserts) });
  }
  if (removals.length > 0) {
    sqlite
      .prepare("delete from spending_limits where scope = 'line' and company_id = ? and line_id in (select value from json_each(?))")
      .run(ctx.companyId, JSON.stringify(removals));
  }
  recordAuditEvents(tx, entries);
  return entries.map((entry) => entry.targetId as number);
}

function lineNumbers(tx: Db, ctx: Context, lineIds: readonly number[]): Map<number, string> {
  return new Map(
    tx.$client
      .prepare(
        `select id, msisdn from lines where id in (select value from json_each(?)) and company_id = ? and region_code = ? and terminated_at is null`,
      )
      .raw()
      .all(JSON.stringify(lineIds), ctx.companyId, ctx.regionCode) as [number, string][],
  );
}

function finish(tx: Db, deps: Deps, ctx: Context, affected: AffectedLines, lines: number, dropped = 0): LimitChangeResult {
  const outcome = reevaluateLimits(tx, deps, { companyId: ctx.companyId, regionCode: ctx.regionCode, billingMonth: ctx.billingMonth }, affected);
  return { lines, dropped, blocked: outcome.blocked, unblocked: outcome.unblocked };
}

/** The line's own limit (its page). */
export function setLineLimit(deps: Deps, actor: Actor, input: { lineId: number; limit: LimitSettingInput }): LimitChangeResult {
  const ctx = manage(deps, actor);
  const limit = cleanLimitInput(input.limit, ctx.timeZone, ctx.now);
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    writeLineLimits(tx, ctx, [{ lineId: line.id, msisdn: line.msisdn, limit }]);
    return finish(tx, deps, ctx, { lineIds: [line.id] }, 1);
  });
}

/** Removes the line's own limit: it takes its department's or the company's again. */
export function removeLineLimit(deps: Deps, actor: Actor, input: { lineId: number }): LimitChangeResult {
  const ctx = manage(deps, actor);
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    writeLineLimits(tx, ctx, [{ lineId: line.id, msisdn: line.msisdn, limit: null }]);
    return finish(tx, deps, ctx, { lineIds: [line.id] }, 1);
  });
}

function selectionChange(deps: Deps, actor: Actor, selection: LineSelection, limit: CleanLimit | null, ctx: Context): LimitChangeResult {
  return inTransaction(deps.db, (tx) => {
    // Resolved inside the transaction: the lines as they are when the change is made.
    const resolved = resolveLineSelection({ ...deps, db: tx }, actor, selection);
    const numbers = lineNumbers(tx, ctx, resolved.lineIds);
    writeLineLimits(
      tx,
      ctx,
      resolved.lineIds.map((lineId) => ({ lineId, msisdn: numbers.get(lineId) ?? "", limit })),
    );
    return finish(tx, deps, ctx, { lineIds: resolved.lineIds }, resolved.lineIds.length, resolved.dropped);
  });
}

/** The same own limit for the selected lines, or every line matching a filter of the lines list. */
export function setSelectionLimit(deps: Deps, actor: Actor, input: { selection: LineSelection; limit: LimitSettingInput }): LimitChangeResult {
  const ctx = manage(deps, actor);
  return selectionChange(deps, actor, input.selection, cleanLimitInput(input.limit, ctx.timeZone, ctx.now), ctx);
}

/** Removes the own limits of the selected lines (or every line matching the filter). */
export function removeSelectionLimits(deps: Deps, actor: Actor, input: { selection: LineSelection }): LimitChangeResult {
  const ctx = manage(deps, actor);
  return selectionChange(deps, actor, input.selection, null, ctx);
}

/**
 * Many lines, each its own value (a limits file applied as previewed): `limit` null removes the
 * line's own limit. Lines not of the actor's company are refused as a whole (DomainError not_found).
 * An invalid value refuses the whole change (DomainError invalid, field `items.<index>.<field>`).
 */
export function setLineLimits(deps: Deps, actor: Actor, input: { items: { lineId: number; limit: LimitSettingInput | null }[] }): LimitChangeResult {
  const ctx = manage(deps, actor);
  const cleaned = input.items.map((item, index) => {
    try {
      return { lineId: item.lineId, limit: item.limit ? cleanLimitInput(item.limit, ctx.timeZone, ctx.now) : null };
    } catch (error) {
      if (error instanceof DomainError && error.fieldErrors) {
        const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, value]) => [`items.${index}.${field}`, value]));
        throw new DomainError("invalid", "invalid limit", fields);
      }
      throw error;
    }
  });
  const lineIds = [...new Set(cleaned.map((item) => item.lineId))];
  if (lineIds.length !== cleaned.length) throw new DomainError("invalid", "a line given twice");
  if (!lineIds.every((id) => Number.isSafeInteger(id) && id > 0)) throw new DomainError("invalid", "not a line id");
  return inTransaction(deps.db, (tx) => {
    const numbers = lineNumbers(tx, ctx, lineIds);
    if (numbers.size !== lineIds.length) throw new DomainError("not_found", "line not found");
    writeLineLimits(
      tx,
      ctx,
      cleaned.map((item) => ({ ...item, msisdn: numbers.get(item.lineId) as string })),
    );
    return finish(tx, deps, ctx, { lineIds }, lineIds.length);
  });
}

interface ScopeRow extends AuditedLimit {
  id: number;
}

function readScopeRow(tx: Db, scope: LimitScope, ctx: Context, departmentId?: number): ScopeRow | null {
  const row = (
    scope === "department"
      ? tx.$client.prepare(`select id, ${rowColumns} from spending_limits where scope = 'department' and department_id = ? and company_id = ?`).get(departmentId, ctx.companyId)
      : tx.$client.prepare(`select id, ${rowColumns} from spending_limits where scope = 'company' and company_id = ?`).get(ctx.companyId)
  ) as (Omit<ScopeRow, "notifyEmployee"> & { notifyEmployee: number }) | undefined;
  return row ? { ...row, notifyEmployee: row.notifyEmployee === 1 } : null;
}

function writeScopeRow(tx: Db, ctx: Context, scope: "department" | "company", existing: ScopeRow | null, next: AuditedLimit | null, departmentId?: number) {
  const sqlite = tx.$client;
  if (next === null) {
    if (existing) sqlite.prepare("delete from spending_limits where id = ?").run(existing.id);
    return;
  }
  const values = [next.amount, next.policy, next.warningPercent, next.notifyEmployee ? 1 : 0, next.endsAt, ctx.now, ctx.actor.userId];
  if (existing) {
    sqlite
      .prepare(
        "update spending_limits set amount = ?, policy = ?, warning_percent = ?, notify_employee = ?, ends_at = ?, updated_at = ?, updated_by_user_id = ? where id = ?",
      )
      .run(...values, existing.id);
  } else {
    sqlite
      .prepare(
        `insert into spending_limits (amount, policy, warning_percent, notify_employee, ends_at, updated_at, updated_by_user_id, company_id, scope, department_id)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values, ctx.companyId, scope, departmentId ?? null);
  }
}

function findDepartment(tx: Db, ctx: Context, departmentId: number): { id: number; name: string } {
  const department = Number.isSafeInteger(departmentId)
    ? (tx.$client.prepare("select id, name from departments where id = ? and company_id = ?").get(departmentId, ctx.companyId) as { id: number; name: string } | undefined)
    : undefined;
  if (!department) throw new DomainError("not_found", "department not found");
  return department;
}

function countLines(tx: Db, ctx: Context, departmentId?: number): number {
  return tx.$client
    .prepare(
      `select count(*) from lines where company_id = ? and region_code = ? and terminated_at is null ${departmentId === undefined ? "" : "and department_id = ?"}`,
    )
    .pluck()
    .get(...[ctx.companyId, ctx.regionCode, ...(departmentId === undefined ? [] : [departmentId])]) as number;
}

function departmentChange(deps: Deps, departmentId: number, limit: CleanLimit | null, ctx: Context): LimitChangeResult {
  return inTransaction(deps.db, (tx) => {
    const department = findDepartment(tx, ctx, departmentId);
    const existing = readScopeRow(tx, "department", ctx, department.id);
    const before = audited(existing, ctx.timeZone);
    const after = audited(limit, ctx.timeZone);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      writeScopeRow(tx, ctx, "department", existing, limit, department.id);
      recordAuditEvents(tx, [
        auditEntry(ctx, limit ? "limit.set" : "limit.removed", "department", department.id, { name: department.name, limit: before }, { name: department.name, limit: after }),
      ]);
    }
    return finish(tx, deps, ctx, { departmentId: department.id }, countLines(tx, ctx, department.id));
  });
}

/** A department's limit: applies to its lines without a limit of their own. */
export function setDepartmentLimit(deps: Deps, actor: Actor, input: { departmentId: number; limit: LimitSettingInput }): LimitChangeResult {
  const ctx = manage(deps, actor);
  return departmentChange(deps, input.departmentId, cleanLimitInput(input.limit, ctx.timeZone, ctx.now), ctx);
}

export function removeDepartmentLimit(deps: Deps, actor: Actor, input: { departmentId: number }): LimitChangeResult {
  const ctx = manage(deps, actor);
  return departmentChange(deps, input.departmentId, null, ctx);
}

function companyChange(deps: Deps, ctx: Context, change: (existing: ScopeRow | null) => AuditedLimit | null): LimitChangeResult {
  return inTransaction(deps.db, (tx) => {
    const existing = readScopeRow(tx, "company", ctx);
    const next = change(existing);
    const before = audited(existing, ctx.timeZone);
    const after = audited(next, ctx.timeZone);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      writeScopeRow(tx, ctx, "company", existing, next);
      recordAuditEvents(tx, [auditEntry(ctx, next?.amount != null ? "limit.set" : "limit.removed", "company", ctx.companyId, { limit: before }, { limit: after })]);
    }
    return finish(tx, deps, ctx, { wholeCompany: true }, countLines(tx, ctx));
  });
}

/** The company's default limit: applies to lines with neither their own nor a department's. */
export function setCompanyDefaultLimit(deps: Deps, actor: Actor, input: { limit: LimitSettingInput }): LimitChangeResult {
  const ctx = manage(deps, actor);
  const limit = cleanLimitInput(input.limit, ctx.timeZone, ctx.now);
  // The company row also holds the company's warning percent: a default limit set without one
  // (`undefined`) keeps it; an explicit null resets it to 80.
  return companyChange(deps, ctx, (existing) =>
    input.limit.warningPercent === undefined && existing ? { ...limit, warningPercent: existing.warningPercent } : limit,
  );
}

/** Removes the company's default limit (its default warning percent stays). */
export function removeCompanyDefaultLimit(deps: Deps, actor: Actor): LimitChangeResult {
  const ctx = manage(deps, actor);
  return companyChange(deps, ctx, (existing) =>
    existing?.warningPercent != null ? { amount: null, policy: existing.policy, warningPercent: existing.warningPercent, notifyEmployee: false, endsAt: null } : null,
  );
}

/** The company's default warning percent (1 … 99; 80 until changed), for limits that do not set their own. */
export function setCompanyWarningPercent(deps: Deps, actor: Actor, input: { warningPercent: number }): LimitChangeResult {
  const ctx = manage(deps, actor);
  const { warningPercent } = input;
  if (!Number.isInteger(warningPercent) || warningPercent < 1 || warningPercent > 99) {
    throw new DomainError("invalid", "invalid warning percent", { warningPercent: { code: "limits.warning.range" } });
  }
  return companyChange(deps, ctx, (existing) =>
    existing ? { ...existing, warningPercent } : { amount: null, policy: "notify", warningPercent, notifyEmployee: false, endsAt: null },
  );
}
