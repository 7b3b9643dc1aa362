import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { chargeMonthlyFees, recordMovement } from "../accounts/movements.ts";
import type { Actor } from "../auth/actor.ts";
import { inTransaction } from "../db/open-database.ts";
import { accounts, demoHistoryRuns } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { actingCompany } from "../lines/company-lines.ts";
import { billingMonthOf, billingMonthStart, nextBillingMonth, previousBillingMonth } from "../shared/billing-calendar.ts";
import { rateDemoTraffic, type TrafficProfile, trafficProfile } from "./demo-usage.ts";
import { seededRandom } from "./employee-names.ts";

const DAY_MS = 86_400_000;

/**
 * Plans a company's demo history: `months` full billing months before the current one and the
 * current one up to now. Charges the monthly fees of those months at once; the usage is rated by
 * `continueDemoHistory`, a day at a time.
 */
export function planDemoHistory(deps: Pick<Deps, "db" | "clock">, input: { companyId: number; regionCode: string; months: number; seed: number }): void {
  const now = deps.clock.now().getTime();
  const zone = timeZoneOf(deps, input.regionCode);
  const currentMonth = billingMonthOf(zone, now);
  let firstMonth = currentMonth;
  for (let i = 0; i < input.months; i++) firstMonth = previousBillingMonth(firstMonth);
  const fromAt = billingMonthStart(zone, firstMonth);
  for (let month = firstMonth; month <= currentMonth; month = nextBillingMonth(month)) chargeMonthlyFees(deps, { regionCode: input.regionCode, month });
  deps.db
    .insert(demoHistoryRuns)
    .values({ companyId: input.companyId, regionCode: input.regionCode, seed: input.seed, fromAt, toAt: now, ratedThrough: fromAt })
    .onConflictDoNothing()
    .run();
}

/**
 * Rates the next `maxDays` days — or about `maxEvents` events of one company — of the planned demo
 * histories (all of them when neither is given; of the given companies only, if any) and returns
 * whether any of them is still unfinished. Safe to stop at any point: a day rated twice
 * counts nothing twice (the same event ids), and the next call goes on where this one stopped.
 */
export function continueDemoHistory(
  deps: Pick<Deps, "db" | "clock">,
  options: { maxDays?: number; maxEvents?: number; companyIds?: number[]; intensity?: number; onProgress?: (rated: number) => void } = {},
): boolean {
  let daysLeft = options.maxDays ?? Number.POSITIVE_INFINITY;
  for (;;) {
    const run = deps.db
      .select()
      .from(demoHistoryRuns)
      .where(and(isNull(demoHistoryRuns.finishedAt), options.companyIds ? inArray(demoHistoryRuns.companyId, options.companyIds) : undefined))
      .orderBy(asc(demoHistoryRuns.companyId))
      .get();
    if (!run) return false;
    if (daysLeft <= 0) return true;
    const zone = timeZoneOf(deps, run.regionCode);
    const profiles = companyProfiles(deps, run.companyId, zone, run.seed, run.fromAt, run.toAt);
    // About `maxEvents` events (110 a line and month), never less than a quarter of a day.
    const byEvents = options.maxEvents === undefined ? daysLeft : Math.max(0.25, options.maxEvents / Math.max(1, profiles.length * 3.7 * (options.intensity ?? 1)));
    const days = Math.min(daysLeft, byEvents, Math.ceil((run.toAt - run.ratedThrough) / DAY_MS));
    const to = Math.min(run.toAt, run.ratedThrough + days * DAY_MS);
    const outcome = rateDemoTraffic(deps, profiles, {
      from: run.ratedThrough,
      to,
      seed: run.seed,
      idPrefix: `demo-${run.companyId}`,
      ...(options.intensity === undefined ? {} : { intensity: options.intensity }),
    });
    options.onProgress?.(outcome.rated);
    daysLeft -= days;
    if (options.maxEvents !== undefined) daysLeft = 0;
    deps.db.update(demoHistoryRuns).set({ ratedThrough: to }).where(eq(demoHistoryRuns.companyId, run.companyId)).run();
    if (to >= run.toAt) finishRun(deps, run, zone);
  }
}

/** Payments early in each month covering the month before; then the run is finished. */
function finishRun(deps: Pick<Deps, "db" | "clock">, run: typeof demoHistoryRuns.$inferSelect, zone: string) {
  inTransaction(deps.db, (tx) => {
    for (const { id } of tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.companyId, run.companyId)).all()) {
      recordDemoPayments(deps, id, zone, run.fromAt, run.toAt);
    }
    tx.update(demoHistoryRuns).set({ finishedAt: deps.clock.now().getTime() }).where(eq(demoHistoryRuns.companyId, run.companyId)).run();
  });
}

/**
 * An account's payments of the demo: early in each month after `fromAt` (up to `toAt`), what the
 * month before cost, rounded up to 1,000 ₽. Each once. Call inside a transaction.
 */
export function recordDemoPayments(deps: Pick<Deps, "db" | "clock">, accountId: number, zone: string, fromAt: number, toAt: number): void {
  const spentIn = deps.db.$client.prepare("select coalesce(-sum(amount), 0) from account_movements where account_id = ? and billing_month = ? and amount < 0").pluck();
  const firstMonth = billingMonthOf(zone, fromAt);
  const lastMonth = billingMonthOf(zone, toAt);
  for (let month = nextBillingMonth(firstMonth); month <= lastMonth; month = nextBillingMonth(month)) {
    const previous = previousBillingMonth(month);
    const spent = spentIn.get(accountId, previous) as number;
    const receivedAt = billingMonthStart(zone, month) + 4 * DAY_MS + 11 * 3_600_000;
    if (spent <= 0 || receivedAt > toAt) continue;
    recordMovement(
      deps.db,
      {
        accountId,
        kind: "payment",
        amount: Math.ceil(spent / 100_000) * 100_000,
        occurredAt: new Date(receivedAt),
        description: `Платёжное поручение за ${String(previous % 100).padStart(2, "0")}.${Math.floor(previous / 100)}`,
        dedupeKey: `demo-payment:${accountId}:${month}`,
      },
      deps.clock.now(),
    );
  }
}

function companyProfiles(deps: Pick<Deps, "db">, companyId: number, zone: string, seed: number, from: number, to: number): TrafficProfile[] {
  const random = seededRandom(seed);
  const lines = deps.db.$client
    .prepare("select l.msisdn, t.code from lines l join tariffs t on t.id = l.tariff_id where l.company_id = ? and l.terminated_at is null order by l.id")
    .raw()
    .all(companyId) as [string, string][];
  return lines.map(([msisdn, tariffCode]) => trafficProfile(random, { msisdn, timeZone: zone, tariffCode }, from, to));
}

function timeZoneOf(deps: Pick<Deps, "db">, regionCode: string): string {
  return deps.db.$client.prepare("select time_zone from regions where code = ?").pluck().get(regionCode) as string;
}

/**
 * For the pages: whether the demo history of the actor's company is still being generated, and up
 * to when it is there. `null` when the company has no demo history.
 */
export function demoHistoryStatus(deps: Deps, actor: Actor): { pending: boolean; ratedThrough: Date } | null {
  const companyId = actingCompany(actor);
  const run = deps.db
    .select()
    .from(demoHistoryRuns)
    .where(and(eq(demoHistoryRuns.companyId, companyId), eq(demoHistoryRuns.regionCode, actor.regionCode)))
    .get();
  return run ? { pending: run.finishedAt === null, ratedThrough: new Date(run.ratedThrough) } : null;
}

export interface DemoHistoryWorker {
  stop(): Promise<void>;
}

/**
 * Generates the pending demo histories in the background, about 8,000 events at a time with a
 * pause between, so that the portal keeps answering; stops by itself when nothing is pending.
 */
export function startDemoHistoryWorker(deps: Pick<Deps, "db" | "clock">, options: { pauseMs?: number; onError?: (error: unknown) => void } = {}): DemoHistoryWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = new Promise((resolve) => {
      try {
        // About 8,000 events at a time: a few tenths of a second of the event loop.
        if (!stopped && continueDemoHistory(deps, { maxEvents: 8_000 })) timer = setTimeout(tick, options.pauseMs ?? 50);
      } catch (error) {
        options.onError?.(error);
      }
      resolve();
    });
  };
  timer = setTimeout(tick, options.pauseMs ?? 50);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
