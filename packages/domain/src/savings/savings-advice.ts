import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import { DomainError } from "../errors.ts";
import { enqueueJob } from "../jobs/jobs.ts";
import type { JobHandler, RunningJob } from "../jobs/job-types.ts";
import { actingCompany, findCompanyLine } from "../lines/company-lines.ts";
import { findRegion } from "../regions/regions.ts";
import type Database from "better-sqlite3";
import { adviceWindow, type CandidateTariff, type CompanyOnTariffs, type LineOnTariffs, rateCompanyOnTariffs } from "./rate-on-tariffs.ts";

export const SAVINGS_PAGE_SIZE = 50;

export interface AdvisedTariff {
  id: number;
  code: string;
  nameRu: string;
  nameEn: string;
  monthlyFee: number;
}

/** One line's advice: the cheapest tariff it may use, and what a month would have saved on it. */
export interface LineAdvice {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  currentTariff: AdvisedTariff | null;
  recommendedTariff: AdvisedTariff;
  /** Averages over the months compared, kopecks: what a month cost, what it would have cost, the difference. */
  actualMonthly: number;
  recommendedMonthly: number;
  monthlySaving: number;
  months: number;
}

export interface SavingsGroup {
  tariff: AdvisedTariff;
  lines: number;
  monthlySaving: number;
}

const advisedTariff = ({ id, code, nameRu, nameEn, monthlyFee }: CandidateTariff): AdvisedTariff => ({ id, code, nameRu, nameEn, monthlyFee });

/**
 * The cheapest tariff a line may use, judged on its last full months (null: none cheaper than what
 * it paid, or no full month to judge by). Ties go to the line's own tariff, then to the lower fee.
 */
export function adviseLine(line: LineOnTariffs, tariffs: readonly CandidateTariff[]): LineAdvice | null {
  if (line.months === 0) return null;
  let best = -1;
  for (let t = 0; t < tariffs.length; t++) {
    const cost = line.costs[t];
    if (cost == null) continue;
    const bestCost = best < 0 ? Number.POSITIVE_INFINITY : (line.costs[best] as number);
    if (cost < bestCost || (cost === bestCost && (tariffs[t] as CandidateTariff).id === line.tariffId)) best = t;
  }
  if (best < 0) return null;
  const recommended = tariffs[best] as CandidateTariff;
  const cheapest = line.costs[best] as number;
  if (recommended.id === line.tariffId || cheapest >= line.actualCost) return null;
  const current = tariffs.find((t) => t.id === line.tariffId);
  return {
    lineId: line.lineId,
    msisdn: line.msisdn,
    employeeName: line.employeeName,
    currentTariff: current ? advisedTariff(current) : null,
    recommendedTariff: advisedTariff(recommended),
    actualMonthly: Math.round(line.actualCost / line.months),
    recommendedMonthly: Math.round(cheapest / line.months),
    monthlySaving: Math.round((line.actualCost - cheapest) / line.months),
    months: line.months,
  };
}

function companyRegion(deps: Deps, actor: Actor) {
  const companyId = actingCompany(actor);
  const region = findRegion(deps, actor.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  return { companyId, region };
}

/**
 * A company with more live lines than this is re-rated by a "savings_advice" job, off the request
 * path: the re-rating takes about 2 ms a line (5,000 lines: 10–23 s), and it would hold up the web
 * server's event loop for everyone. Up to this many (about 2 s at most) it is computed in the request.
 */
export const SAVINGS_INLINE_LINES = 1_000;

export const SAVINGS_JOB_KIND = "savings_advice";

/**
 * The re-rated company, kept per connection for the next page of the same advice: only for speed
 * (the stored snapshot is the truth). Each request reads from the database what the figures depend
 * on — the usage counters of the window's months (a late event changes them), the company's live
 * lines with their versions (a tariff, a service, a name changed), the catalogue's prices — and uses
 * the snapshot only while that stamp is unchanged.
 */
const keptByConnection = new WeakMap<Database.Database, Map<string, { stamp: string; computedAt: number; result: CompanyOnTariffs }>>();
const KEPT_PER_CONNECTION = 8;

type AdviceRegion = { code: string; timeZone: string };

/** What the figures depend on (cheap: three aggregate reads), and the company's live lines in the region. */
function savingsStamp(sqlite: Database.Database, companyId: number, region: AdviceRegion, now: number): { stamp: string; liveLines: number } {
  const { months } = adviceWindow(region.timeZone, now);
  const lines = sqlite
    .prepare("select count(*), coalesce(sum(id), 0), coalesce(sum(version), 0), coalesce(sum(tariff_id), 0) from lines where company_id = ? and region_code = ? and terminated_at is null")
    .raw()
    .get(companyId, region.code) as [number, number, number, number];
  const stamp = JSON.stringify([
    months,
    sqlite
      .prepare(
        `select coalesce(sum(event_count + refused_events), 0), coalesce(max(last_event_at), 0), count(*) from line_usage_months
         where company_id = ? and billing_month between ? and ?`,
      )
      .raw()
      .get(companyId, months[0], months[months.length - 1]),
    lines,
    sqlite
      .prepare(
        `select group_concat(t.id || ':' || t.archived || ':' || t.monthly_fee || ':' || t.included_minutes || ':' || t.included_sms || ':' || t.included_mb || ':' ||
                t.minute_price_ck || ':' || t.sms_price_ck || ':' || t.mb_price_ck || ':' || t.roaming_minute_price_ck || ':' || t.roaming_sms_price_ck || ':' ||
                t.roaming_mb_price_ck || ':' || (select count(*) from tariff_services ts where ts.tariff_id = t.id) || ':' || t.name_ru || ':' || t.name_en, ';')
         from tariffs t where t.region_code = ?`,
      )
      .pluck()
      .get(region.code),
  ]);
  return { stamp, liveLines: lines[0] };
}

function keep(sqlite: Database.Database, key: string, snapshot: { stamp: string; computedAt: number; result: CompanyOnTariffs }) {
  let kept = keptByConnection.get(sqlite);
  if (!kept) {
    kept = new Map();
    keptByConnection.set(sqlite, kept);
  }
  kept.delete(key);
  kept.set(key, snapshot);
  if (kept.size > KEPT_PER_CONNECTION) kept.delete(kept.keys().next().value as string);
}

/**
 * Re-rates the company and stores the snapshot with its stamp. The stamp and the figures are read in
 * one read transaction, so the stamp says exactly what the figures saw.
 */
function rateAndStore(deps: Deps, companyId: number, region: AdviceRegion, finish?: (tx: Db, liveLines: number) => void) {
  const sqlite = deps.db.$client;
  const now = deps.clock.now().getTime();
  const { stamp, liveLines, result } = sqlite
    .transaction(() => ({ ...savingsStamp(sqlite, companyId, region, now), result: rateCompanyOnTariffs(sqlite, { companyId, regionCode: region.code, timeZone: region.timeZone, now }) }))
    .deferred();
  const json = JSON.stringify(result);
  inTransaction(deps.db, (tx) => {
    tx.$client
      .prepare(
        `insert into savings_snapshots (company_id, region_code, stamp, computed_at, result) values (?, ?, ?, ?, ?)
         on conflict (company_id) do update set region_code = excluded.region_code, stamp = excluded.stamp, computed_at = excluded.computed_at, result = excluded.result`,
      )
      .run(companyId, region.code, stamp, now, json);
    finish?.(tx, liveLines);
  });
  return { stamp, computedAt: now, result };
}

/** The stored snapshot of the company in the region, if any. */
function storedSnapshot(sqlite: Database.Database, companyId: number, regionCode: string, stamp?: string) {
  const row = sqlite.prepare("select stamp, computed_at, result from savings_snapshots where company_id = ? and region_code = ?").get(companyId, regionCode) as
    | { stamp: string; computed_at: number; result: string }
    | undefined;
  if (!row) return undefined;
  // Equal stamps: the caller wants it only if fresh, so the JSON is parsed only when it is.
  if (stamp !== undefined && row.stamp !== stamp) return { stamp: row.stamp, computedAt: row.computed_at, result: undefined };
  return { stamp: row.stamp, computedAt: row.computed_at, result: JSON.parse(row.result) as CompanyOnTariffs };
}

/**
 * Enqueues the company's re-rating unless one is queued or running: checked and enqueued in one write
 * transaction, so two requests at once enqueue one job.
 */
function enqueueSavingsJob(deps: Deps, companyId: number, regionCode: string, createdBy: number | null, liveLines: number) {
  inTransaction(deps.db, (tx) => {
    const pending = tx.$client
      .prepare("select 1 from jobs where kind = ? and company_id = ? and region_code = ? and status in ('queued', 'running') limit 1")
      .get(SAVINGS_JOB_KIND, companyId, regionCode);
    if (pending) return;
    enqueueJob(tx, deps.clock.now(), { kind: SAVINGS_JOB_KIND, companyId, regionCode, createdBy, payload: {}, progressTotal: liveLines });
  });
}

/** The "savings_advice" job: re-rates the company on its region's tariffs and stores the snapshot. */
export const savingsAdviceJobHandler: JobHandler<Record<string, never>> = {
  afterCrash: "retry",
  async run(deps: Deps, job: RunningJob<Record<string, never>>) {
    if (job.companyId == null || job.regionCode == null) throw new DomainError("not_found", "company not found");
    const region = findRegion(deps, job.regionCode);
    if (!region) throw new DomainError("not_found", "region not found");
    rateAndStore(deps, job.companyId, region, (tx, liveLines) => job.completeIn(tx, { lines: liveLines }));
  },
};

/**
 * The company's savings advice: for each live line, its real usage of the last three full billing
 * months (region's time zone) re-rated on every tariff of the region it may use (not archived, its
 * services allowed), fees included, against what those months cost; the lines that would save most
 * first, a page at a time, optionally those of one recommended tariff only; the groups by
 * recommended tariff and the company's possible saving per month. Blocked lines are left out (their
 * tariff cannot be changed while blocked). Only the actor's company's lines.
 *
 * The figures come from the company's stored snapshot while its stamp is unchanged ("ready"). Else a
 * company of up to SAVINGS_INLINE_LINES live lines is re-rated now; a larger one gets a job
 * (status "computing", `liveLines` being re-rated) and meanwhile the stale snapshot's figures with
 * their `computedAt`, or none (`computedAt` null). The caller pokes the job runner.
 */
export function getSavingsAdvice(deps: Deps, actor: Actor, input: { page?: number; tariffId?: number } = {}, options: { inlineLines?: number } = {}) {
  const { companyId, region } = companyRegion(deps, actor);
  const sqlite = deps.db.$client;
  const { stamp, liveLines } = savingsStamp(sqlite, companyId, region, deps.clock.now().getTime());
  const key = `${companyId}:${region.code}`;
  const hit = keptByConnection.get(sqlite)?.get(key);
  if (hit && hit.stamp === stamp) return adviceOf(hit.result, hit.computedAt, "ready", liveLines, region, input);
  const stored = storedSnapshot(sqlite, companyId, region.code, stamp);
  if (stored?.result) {
    keep(sqlite, key, stored as { stamp: string; computedAt: number; result: CompanyOnTariffs });
    return adviceOf(stored.result, stored.computedAt, "ready", liveLines, region, input);
  }
  if (liveLines <= (options.inlineLines ?? SAVINGS_INLINE_LINES)) {
    const fresh = rateAndStore(deps, companyId, region);
    keep(sqlite, key, fresh);
    return adviceOf(fresh.result, fresh.computedAt, "ready", liveLines, region, input);
  }
  enqueueSavingsJob(deps, companyId, region.code, actor.userId, liveLines);
  // The stale figures, if any, are shown with their date while the job computes the new ones.
  const stale = stored ? storedSnapshot(sqlite, companyId, region.code) : undefined;
  return adviceOf(stale?.result ?? null, stale?.computedAt ?? null, "computing", liveLines, region, input);
}

function adviceOf(
  company: CompanyOnTariffs | null,
  computedAt: number | null,
  status: "ready" | "computing",
  liveLines: number,
  region: { timeZone: string },
  input: { page?: number; tariffId?: number },
) {
  const common = { status, liveLines, computedAt: computedAt === null ? null : new Date(computedAt), timeZone: region.timeZone };
  if (!company) {
    return { ...common, months: [] as number[], linesCompared: 0, totalMonthlySaving: 0, advisedLines: 0, groups: [] as SavingsGroup[], tariffId: undefined, total: 0, page: 1, pageCount: 1, lines: [] as LineAdvice[] };
  }
  const advice: LineAdvice[] = [];
  // A blocked line's tariff cannot be changed (the bulk change refuses it): no advice until the block is lifted.
  const changeable = company.lines.filter((line) => !line.blocked);
  for (const line of changeable) {
    const advised = adviseLine(line, company.tariffs);
    if (advised && advised.monthlySaving > 0) advice.push(advised);
  }
  advice.sort((a, b) => b.monthlySaving - a.monthlySaving || (a.msisdn < b.msisdn ? -1 : 1));

  const groupsById = new Map<number, SavingsGroup>();
  for (const line of advice) {
    const group = groupsById.get(line.recommendedTariff.id);
    if (group) {
      group.lines++;
      group.monthlySaving += line.monthlySaving;
    } else groupsById.set(line.recommendedTariff.id, { tariff: line.recommendedTariff, lines: 1, monthlySaving: line.monthlySaving });
  }
  const groups = [...groupsById.values()].sort((a, b) => b.monthlySaving - a.monthlySaving || a.tariff.id - b.tariff.id);

  // A tariff no line is advised to move to shows the whole list rather than an empty one.
  const tariffId = input.tariffId !== undefined && groupsById.has(input.tariffId) ? input.tariffId : undefined;
  const listed = tariffId === undefined ? advice : advice.filter((line) => line.recommendedTariff.id === tariffId);
  const pageCount = Math.max(1, Math.ceil(listed.length / SAVINGS_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.trunc(input.page ?? 1) || 1));
  return {
    ...common,
    months: company.window.months,
    linesCompared: changeable.filter((line) => line.months > 0).length,
    totalMonthlySaving: advice.reduce((sum, line) => sum + line.monthlySaving, 0),
    advisedLines: advice.length,
    groups,
    tariffId,
    total: listed.length,
    page,
    pageCount,
    lines: listed.slice((page - 1) * SAVINGS_PAGE_SIZE, page * SAVINGS_PAGE_SIZE),
  };
}

/**
 * One line's costs on every tariff it may use over the same months, cheapest first, and its advice:
 * the line page's small "cheapest tariff" note. Another company's line is "not found".
 */
export function getLineSavings(deps: Deps, actor: Actor, input: { lineId: number }) {
  const line = findCompanyLine(deps.db, actor, input.lineId);
  const { companyId, region } = companyRegion(deps, actor);
  const rated = rateCompanyOnTariffs(deps.db.$client, {
    companyId,
    regionCode: region.code,
    timeZone: region.timeZone,
    now: deps.clock.now().getTime(),
    lineId: line.id,
  });
  const rows = rated.lines[0];
  if (!rows) throw new DomainError("not_found", "line not found");
  const options = rated.tariffs
    .map((tariff, t) => ({ tariff: advisedTariff(tariff), cost: rows.costs[t] }))
    .filter((option): option is { tariff: AdvisedTariff; cost: number } => option.cost != null)
    .map(({ tariff, cost }) => ({ tariff, monthly: rows.months > 0 ? Math.round(cost / rows.months) : 0, current: tariff.id === rows.tariffId }))
    .sort((a, b) => a.monthly - b.monthly || a.tariff.monthlyFee - b.tariff.monthlyFee);
  return {
    months: rated.window.months,
    monthsCompared: rows.months,
    actualMonthly: rows.months > 0 ? Math.round(rows.actualCost / rows.months) : 0,
    options,
    advice: adviseLine(rows, rated.tariffs),
  };
}
