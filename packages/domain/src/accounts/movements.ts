import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import { inTransaction } from "../db/open-database.ts";
import { accountMovements, accounts, type MovementKind, movementKinds } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findRegion } from "../regions/regions.ts";
import { billingMonthOf, billingMonthStart } from "../shared/billing-calendar.ts";

export interface NewMovement {
  accountId: number;
  kind: MovementKind;
  /** Signed kopecks: positive puts money on the account, negative takes it. */
  amount: number;
  occurredAt: Date;
  description: string;
  /** Makes the movement happen once: a second one with the same key changes nothing. */
  dedupeKey?: string;
  createdByUserId?: number | null;
}

/**
 * Adds a movement and moves the account's running balance by the same amount, in the caller's
 * transaction. Returns false when a movement with the same dedupe key already exists.
 */
export function recordMovement(tx: Db, movement: NewMovement, now: Date): boolean {
  if (!Number.isSafeInteger(movement.amount)) throw new DomainError("invalid", "amount must be whole kopecks");
  const account = tx.select({ regionCode: accounts.regionCode }).from(accounts).where(eq(accounts.id, movement.accountId)).get();
  if (!account) throw new DomainError("not_found", "account not found");
  const region = findRegionZone(tx, account.regionCode);
  const inserted = tx
    .insert(accountMovements)
    .values({
      accountId: movement.accountId,
      regionCode: account.regionCode,
      kind: movement.kind,
      amount: movement.amount,
      occurredAt: movement.occurredAt.getTime(),
      billingMonth: billingMonthOf(region, movement.occurredAt.getTime()),
      description: movement.description,
      dedupeKey: movement.dedupeKey ?? null,
      createdByUserId: movement.createdByUserId ?? null,
      createdAt: now.getTime(),
    })
    .onConflictDoNothing()
    .run();
  if (inserted.changes === 0) return false;
  tx.update(accounts)
    .set({ balance: sql`${accounts.balance} + ${movement.amount}` })
    .where(eq(accounts.id, movement.accountId))
    .run();
  return true;
}

function findRegionZone(tx: Db, regionCode: string): string {
  const row = tx.$client.prepare("select time_zone from regions where code = ?").pluck().get(regionCode);
  if (typeof row !== "string") throw new DomainError("not_found", "region not found");
  return row;
}

/** A payment received on an account (from the operator's payment feed; the demo makes some). */
export function recordPayment(deps: Deps, input: { accountId: number; amount: number; receivedAt: Date; reference: string }): boolean {
  if (input.amount <= 0) throw new DomainError("invalid", "a payment is positive");
  return inTransaction(deps.db, (tx) =>
    recordMovement(
      tx,
      { accountId: input.accountId, kind: "payment", amount: input.amount, occurredAt: input.receivedAt, description: `Платёж ${input.reference}`, dedupeKey: `payment:${input.reference}` },
      deps.clock.now(),
    ),
  );
}

/**
 * Charges each account of a region the monthly fees of a billing month, once: the tariff fees of
 * the lines live at the month's start, and the fees of the services those lines have. One
 * movement per account and kind; running it again changes nothing. Set-based: a few statements
 * however many lines.
 */
export function chargeMonthlyFees(deps: Pick<Deps, "db" | "clock">, input: { regionCode: string; month: number }): { accountsCharged: number } {
  const zone = findRegionZone(deps.db, input.regionCode);
  const start = billingMonthStart(zone, input.month);
  const now = deps.clock.now().getTime();
  const label = `${String(input.month % 100).padStart(2, "0")}.${Math.floor(input.month / 100)}`;
  return inTransaction(deps.db, (tx) => {
    const sqlite = tx.$client;
    const live = "l.region_code = @region and l.activated_at <= @start and (l.terminated_at is null or l.terminated_at > @start)";
    const charged = new Map<number, number>();
    const insert = (kind: "monthly_fee" | "service_fee", amounts: string, description: string) => {
      const rows = sqlite
        .prepare(
          `insert into account_movements (account_id, region_code, kind, amount, occurred_at, billing_month, description, dedupe_key, created_at)
           select account_id, @region, '${kind}', -fee, @start, @month, @description, '${kind}:' || account_id || ':' || @month, @now
           from (${amounts}) where fee > 0 order by account_id
           on conflict (dedupe_key) do nothing
           returning account_id, amount`,
        )
        .raw()
        .all({ region: input.regionCode, start, month: input.month, now, description }) as [number, number][];
      for (const [accountId, amount] of rows) charged.set(accountId, (charged.get(accountId) ?? 0) + amount);
    };
    insert("monthly_fee", `select l.account_id, sum(t.monthly_fee) as fee from lines l join tariffs t on t.id = l.tariff_id where ${live} group by l.account_id`, `Абонентская плата за ${label}`);
    insert(
      "service_fee",
      `select l.account_id, sum(s.monthly_fee) as fee from lines l join line_services ls on ls.line_id = l.id join services s on s.id = ls.service_id
       where ${live} and ls.activated_at <= @start group by l.account_id`,
      `Услуги за ${label}`,
    );
    // The running balances follow exactly the movements just written.
    const addToBalance = sqlite.prepare("update accounts set balance = balance + ? where id = ?");
    for (const [accountId, amount] of charged) addToBalance.run(amount, accountId);
    return { accountsCharged: charged.size };
  });
}

/** Accounts whose running balance differs from the sum of their movements (there should be none). */
export function balanceDiscrepancies(db: Db): { accountId: number; balance: number; sum: number }[] {
  return db.$client
    .prepare(
      `select a.id as accountId, a.balance as balance, coalesce((select sum(amount) from account_movements m where m.account_id = a.id), 0) as sum
       from accounts a where a.balance <> coalesce((select sum(amount) from account_movements m where m.account_id = a.id), 0)`,
    )
    .all() as { accountId: number; balance: number; sum: number }[];
}

/** The balance of the actor's company: the sum over its accounts, kopecks. */
export function getCompanyBalance(deps: Deps, actor: Actor): { balance: number; accounts: { accountNumber: string; balance: number }[] } {
  const companyId = requireCompany(actor);
  const rows = deps.db
    .select({ accountNumber: accounts.accountNumber, balance: accounts.balance })
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), eq(accounts.regionCode, actor.regionCode)))
    .orderBy(accounts.accountNumber)
    .all();
  return { balance: rows.reduce((sum, a) => sum + a.balance, 0), accounts: rows };
}

/** The company's movements in a period (newest first), optionally of some kinds only. */
export function listCompanyMovements(
  deps: Deps,
  actor: Actor,
  input: { from: Date; to: Date; kinds?: MovementKind[]; limit?: number; offset?: number },
) {
  const companyId = requireCompany(actor);
  const region = findRegion(deps, actor.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  const kinds = (input.kinds ?? []).filter((k) => (movementKinds as readonly string[]).includes(k));
  const accountIds = deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.companyId, companyId), eq(accounts.regionCode, actor.regionCode)))
    .all()
    .map((a) => a.id);
  if (accountIds.length === 0) return [];
  return deps.db
    .select({
      id: accountMovements.id,
      accountId: accountMovements.accountId,
      kind: accountMovements.kind,
      amount: accountMovements.amount,
      occurredAt: accountMovements.occurredAt,
      description: accountMovements.description,
    })
    .from(accountMovements)
    .where(
      and(
        inArray(accountMovements.accountId, accountIds),
        gte(accountMovements.occurredAt, input.from.getTime()),
        lt(accountMovements.occurredAt, input.to.getTime()),
        kinds.length > 0 ? inArray(accountMovements.kind, kinds) : undefined,
      ),
    )
    .orderBy(desc(accountMovements.occurredAt), desc(accountMovements.id))
    .limit(Math.min(Math.max(1, input.limit ?? 100), 1000))
    .offset(Math.max(0, input.offset ?? 0))
    .all();
}

function requireCompany(actor: Actor): number {
  if (!can(actor, "cabinet:view") || actor.companyId == null) throw new DomainError("forbidden", "not a company administrator");
  return actor.companyId;
}
