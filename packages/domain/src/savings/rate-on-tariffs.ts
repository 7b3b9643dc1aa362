import type Database from "better-sqlite3";
import { billingMonthOf, billingMonthStart, nextBillingMonth, previousBillingMonth } from "../shared/billing-calendar.ts";
import { type AllowanceUse, rateEvent, type TariffPrices } from "../usage/rating-rules.ts";

/**
 * What a company's lines' real usage would have cost on each tariff of their region: the engine
 * of the savings advice. The figures equal re-rating every event of a line, month by month, in
 * the order the events happened (started_at, then id), with `rateEvent` — a test holds the two
 * equal on random data — but most of the work is one SQL aggregate of the usage rows.
 *
 * When the totals of a line-month are enough (rated as one merged event through `rateEvent`):
 * - SMS always: every SMS is one unit, so the SMS beyond the allowance each cost the same.
 * - Minutes (home and roaming) when the tariff's price is a whole number of kopecks per minute
 *   (`price_ck % 100 = 0`): each event's rounding to kopecks is then exact, so the sum of the
 *   events' charges is the charge of their total; also when the month stays within the allowance.
 * - Data (home and roaming) likewise when the price per KB is whole kopecks (`mb_price_ck % 102 400 = 0`),
 *   or when the month stays within the allowance.
 * When each event's rounding counts but no allowance splits the month (roaming; a home tariff with
 * nothing included), the same SQL pass sums the events' charges each rounded on its own, one
 * column per such price.
 * When each event must be re-rated in order: home calls or data at a fractional price on a tariff
 * whose allowance the month goes beyond — the event that exhausts the allowance is split and only
 * the events after it are charged, so which events are charged depends on the tariff. Those events
 * alone (home calls and data of those line-months) are read again in time order and rated one by one.
 *
 * Usage refused by a `block` spending limit (stored, never carried out) is left out; spending limits
 * are the company's choice, not the tariff's, so the re-rating applies none.
 */

/** How many full billing months the advice looks back at. */
export const ADVICE_MONTHS = 3;

/** The billing months the advice looks at: the last full ones before `now`, in the region's time zone. */
export interface AdviceWindow {
  /** yyyymm, oldest first. */
  months: number[];
  /** The instants (UTC ms) each month starts at, and the end of the last one: `months.length + 1` values. */
  bounds: number[];
}

export function adviceWindow(timeZone: string, now: number): AdviceWindow {
  const current = billingMonthOf(timeZone, now);
  const months: number[] = [];
  let month = current;
  for (let i = 0; i < ADVICE_MONTHS; i++) {
    month = previousBillingMonth(month);
    months.unshift(month);
  }
  const bounds = months.map((m) => billingMonthStart(timeZone, m));
  bounds.push(billingMonthStart(timeZone, nextBillingMonth(months[months.length - 1] as number)));
  return { months, bounds };
}

/** A tariff of the region that lines may move to (not archived), with the services it allows. */
export interface CandidateTariff extends TariffPrices {
  id: number;
  code: string;
  nameRu: string;
  nameEn: string;
  monthlyFee: number;
  allowedServiceIds: ReadonlySet<number>;
}

export interface LineOnTariffs {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  tariffId: number;
  /** Blocked now (any reason): its tariff cannot be changed until the block is lifted. */
  blocked: boolean;
  /** The full billing months of the window the line was live from their start: the months compared. */
  months: number;
  /** What those months cost: the usage as it was charged, and the monthly fee of the line's tariff, kopecks. */
  actualCost: number;
  /** Per candidate tariff (same order as `tariffs`): the same months re-rated on it, fee included; null if the line may not use it. */
  costs: (number | null)[];
}

export interface CompanyOnTariffs {
  window: AdviceWindow;
  tariffs: CandidateTariff[];
  lines: LineOnTariffs[];
  /** How the work went: line-months aggregated, and the events that had to be read again and rated one by one. */
  stats: { lineMonths: number; lineMonthsEventByEvent: number; eventsEventByEvent: number };
}

// Which usage a tariff's line-month re-rates event by event (bits of the pending masks).
const HOME_CALLS = 1;
const HOME_DATA = 2;

/** The usage rows of each kind of charged unit (refused usage is left out before). */
const categoryCondition = {
  homeCalls: "e.roaming = 0 and e.kind = 'call_out'",
  homeData: "e.roaming = 0 and e.kind = 'data'",
  roamingCalls: "e.roaming = 1 and e.kind in ('call_out', 'call_in')",
  roamingData: "e.roaming = 1 and e.kind = 'data'",
} as const;
/**
 * One event's charge for all its units at a price, in SQL: the rounding of rating-rules.ts
 * (`kopecks`, `dataKopecks`), half up to whole kopecks per event. Integer division of non-negative
 * integers is a floor. The equivalence test against `rateEvent` holds the two the same.
 */
const roundedChargeSql = {
  homeCalls: (price: number) => `(e.units * ${price} + 50) / 100`,
  roamingCalls: (price: number) => `(e.units * ${price} + 50) / 100`,
  homeData: (price: number) => `(e.units * ${price} + 51200) / 102400`,
  roamingData: (price: number) => `(e.units * ${price} + 51200) / 102400`,
} as const;
/**
 * Reading a row through the (line, time) index costs a random page read; a scan of the whole table
 * reads its pages in order, about this many rows in the time of one read through the index
 * (measured: 2.3 million rows scanned in 0.65 s, 1.6 million of them read through the index in 19 s).
 */
const ROWS_SCANNED_PER_INDEX_READ = 30;
/** The first of those sums' columns in a month row. */
const FIRST_SUM_COLUMN = 10;

const NOTHING_USED: AllowanceUse = { minutesUsed: 0, smsUsed: 0, dataKbUsed: 0 };
const KOPECK_CK = 100;
const KB_PER_MB_CK = 102_400;

const mergedCall = (minutes: number, roaming: boolean) => ({ kind: "call_out" as const, roaming, durationSeconds: minutes * 60, volumeBytes: 0 });
const mergedData = (kb: number, roaming: boolean) => ({ kind: "data" as const, roaming, durationSeconds: 0, volumeBytes: kb * 1024 });
const oneSms = (roaming: boolean) => ({ kind: "sms_out" as const, roaming, durationSeconds: 0, volumeBytes: 0 });

/**
 * The window's usage rows of the company's live lines (the statement binds @from, @to, @company,
 * @region): through the (line, time) index line by line, or — `scan` — by one scan of the table in
 * its order (`not indexed`: SQLite would otherwise walk the index to save the GROUP BY's sort, and
 * read the table in random order), the lines' ids looked up in a set.
 */
function usageRowsOfCompany(scan: boolean, onlyLine: string): string {
  const companyLines = `l.company_id = @company and l.region_code = @region and l.terminated_at is null ${onlyLine}`;
  return scan
    ? `usage_events e not indexed where e.started_at >= @from and e.started_at < @to and e.refused = 0 and e.line_id in (select l.id from lines l where ${companyLines})`
    : `lines l join usage_events e on e.line_id = l.id and e.started_at >= @from and e.started_at < @to and e.refused = 0 where ${companyLines}`;
}

type LineRow = [number, string, string | null, number, number, number, string | null, number];
type MonthRow = [number, number, number, number, number, number, number, number, number, number, ...number[]];
type EventRow = [number, number, string, number, number | null, number | null];

/**
 * Every live line of the company (or the one line asked for) with what its last full months would
 * have cost on every candidate tariff of the region, and what they cost. Read in one snapshot.
 */
export function rateCompanyOnTariffs(
  sqlite: Database.Database,
  input: {
    companyId: number;
    regionCode: string;
    timeZone: string;
    now: number;
    lineId?: number;
    /** How the usage rows are read; chosen by the company's share of the table unless given (tests try both). */
    plan?: "scan" | "index";
  },
): CompanyOnTariffs {
  const window = adviceWindow(input.timeZone, input.now);
  return sqlite.transaction(() => rateInSnapshot(sqlite, input, window)).deferred();
}

function rateInSnapshot(
  sqlite: Database.Database,
  input: { companyId: number; regionCode: string; lineId?: number; plan?: "scan" | "index" },
  window: AdviceWindow,
): CompanyOnTariffs {
  const tariffs = candidateTariffs(sqlite, input.regionCode);
  const T = tariffs.length;
  const monthCount = window.months.length;
  const onlyLine = input.lineId === undefined ? "" : "and l.id = @lineId";
  const params = { company: input.companyId, region: input.regionCode, lineId: input.lineId ?? null };

  const lineRows = sqlite
    .prepare(
      `select l.id, l.msisdn, l.employee_name, l.tariff_id, l.activated_at, t.monthly_fee,
              (select group_concat(ls.service_id) from line_services ls where ls.line_id = l.id), l.block_mask
       from lines l join tariffs t on t.id = l.tariff_id
       where l.company_id = @company and l.region_code = @region and l.terminated_at is null ${onlyLine}
       order by l.id`,
    )
    .raw()
    .all(params) as LineRow[];

  const lineCount = lineRows.length;
  const indexOf = new Map<number, number>();
  const firstMonth = new Int8Array(lineCount);
  const actual = new Float64Array(lineCount);
  const costs = new Float64Array(lineCount * T);
  const eligible = new Uint8Array(lineCount * T);
  const eligibleBySet = new Map<string, Uint8Array>();
  for (let i = 0; i < lineCount; i++) {
    const [lineId, , , , activatedAt, , serviceList] = lineRows[i] as LineRow;
    indexOf.set(lineId, i);
    // A month counts when the line was live from its start (its fee was charged for it).
    let first = 0;
    while (first < monthCount && activatedAt > (window.bounds[first] as number)) first++;
    firstMonth[i] = first;
    const key = serviceList ?? "";
    let allowed = eligibleBySet.get(key);
    if (!allowed) {
      const serviceIds = key === "" ? [] : key.split(",").map(Number);
      allowed = Uint8Array.from(tariffs, (t) => (serviceIds.every((id) => t.allowedServiceIds.has(id)) ? 1 : 0));
      eligibleBySet.set(key, allowed);
    }
    eligible.set(allowed, i * T);
  }

  // One pass over the window's usage rows: per line and month, the totals the rating needs, and
  // for each fractional price charged from the first unit (roaming, or a home tariff with nothing
  // included) the sum of the events' charges each rounded on its own, as `rateEvent` rounds them.
  const monthCase = window.bounds
    .slice(1, -1)
    .map((bound, m) => `when e.started_at < ${bound} then ${m}`)
    .join(" ");
  // A company with a large share of the table's usage is read by one scan of the table in its
  // order; a small one through the index, line by line.
  const tableRows = (sqlite.prepare("select coalesce(max(id), 0) from usage_events").pluck().get() as number) || 1;
  const companyRows = sqlite
    .prepare("select coalesce(sum(event_count + refused_events), 0) from line_usage_months where company_id = ? and billing_month between ? and ?")
    .pluck()
    .get(input.companyId, window.months[0], window.months[monthCount - 1]) as number;
  const scan = input.plan ? input.plan === "scan" : input.lineId === undefined && companyRows * ROWS_SCANNED_PER_INDEX_READ > tableRows;
  const perEventSums = new Map<string, number>();
  const sums: string[] = [];
  const perEventSum = (category: string, price: number) => {
    const key = `${category}:${price}`;
    if (perEventSums.has(key)) return;
    perEventSums.set(key, FIRST_SUM_COLUMN + sums.length);
    sums.push(`sum(case when ${categoryCondition[category as keyof typeof categoryCondition]} then ${roundedChargeSql[category as keyof typeof roundedChargeSql](price)} else 0 end)`);
  };
  for (const tariff of tariffs) {
    if (tariff.includedMinutes === 0 && tariff.minutePriceCk % KOPECK_CK !== 0) perEventSum("homeCalls", tariff.minutePriceCk);
    if (tariff.includedMb === 0 && tariff.mbPriceCk % KB_PER_MB_CK !== 0) perEventSum("homeData", tariff.mbPriceCk);
    if (tariff.roamingMinutePriceCk % KOPECK_CK !== 0) perEventSum("roamingCalls", tariff.roamingMinutePriceCk);
    if (tariff.roamingMbPriceCk % KB_PER_MB_CK !== 0) perEventSum("roamingData", tariff.roamingMbPriceCk);
  }
  const sumOf = (row: number[], category: string, price: number) => row[perEventSums.get(`${category}:${price}`) as number] as number;
  const monthRows = sqlite
    .prepare(
      `select e.line_id, case ${monthCase} else ${monthCount - 1} end as m,
              sum(case when ${categoryCondition.homeCalls} then e.units else 0 end),
              sum(case when e.roaming = 0 and e.kind = 'sms_out' then 1 else 0 end),
              sum(case when ${categoryCondition.homeData} then e.units else 0 end),
              sum(case when ${categoryCondition.roamingCalls} then e.units else 0 end),
              sum(case when e.roaming = 1 and e.kind = 'sms_out' then 1 else 0 end),
              sum(case when ${categoryCondition.roamingData} then e.units else 0 end),
              sum(e.charge), count(*) ${sums.map((sum) => `, ${sum}`).join("")}
       from ${usageRowsOfCompany(scan, onlyLine)}
       group by e.line_id, m`,
    )
    .raw()
    .all({ ...params, from: window.bounds[0], to: window.bounds[monthCount] }) as MonthRow[];

  // Per line-month and tariff, the kinds of usage still to be re-rated event by event: calls or data
  // at a fractional price that go beyond an allowance (the split event, and the events after it).
  const pending = new Uint8Array(lineCount * monthCount * T);
  const pendingLines = new Set<number>();
  const rowsOfLine = new Map<number, number>();
  const smsCharge = tariffs.map((t) => rateEvent(t, { minutesUsed: 0, smsUsed: t.includedSms, dataKbUsed: 0 }, oneSms(false)).charge);
  const roamingSmsCharge = tariffs.map((t) => rateEvent(t, NOTHING_USED, oneSms(true)).charge);
  for (const row of monthRows) {
    const [lineId, m, homeMinutes, homeSms, homeKb, roamingMinutes, roamingSms, roamingKb, charged, rows] = row;
    rowsOfLine.set(lineId, (rowsOfLine.get(lineId) ?? 0) + rows);
    const i = indexOf.get(lineId) as number;
    if (m < (firstMonth[i] as number)) continue;
    actual[i] = (actual[i] as number) + charged;
    for (let t = 0; t < T; t++) {
      if (eligible[i * T + t] === 0) continue;
      const tariff = tariffs[t] as CandidateTariff;
      let cost = Math.max(0, homeSms - tariff.includedSms) * (smsCharge[t] as number) + roamingSms * (roamingSmsCharge[t] as number);
      let mask = 0;
      if (homeMinutes <= tariff.includedMinutes || tariff.minutePriceCk % KOPECK_CK === 0) {
        if (homeMinutes > 0) cost += rateEvent(tariff, NOTHING_USED, mergedCall(homeMinutes, false)).charge;
      } else if (tariff.includedMinutes === 0) cost += sumOf(row, "homeCalls", tariff.minutePriceCk);
      else mask |= HOME_CALLS;
      if (homeKb <= tariff.includedMb * 1024 || tariff.mbPriceCk % KB_PER_MB_CK === 0) {
        if (homeKb > 0) cost += rateEvent(tariff, NOTHING_USED, mergedData(homeKb, false)).charge;
      } else if (tariff.includedMb === 0) cost += sumOf(row, "homeData", tariff.mbPriceCk);
      else mask |= HOME_DATA;
      if (tariff.roamingMinutePriceCk % KOPECK_CK === 0) {
        if (roamingMinutes > 0) cost += rateEvent(tariff, NOTHING_USED, mergedCall(roamingMinutes, true)).charge;
      } else cost += sumOf(row, "roamingCalls", tariff.roamingMinutePriceCk);
      if (tariff.roamingMbPriceCk % KB_PER_MB_CK === 0) {
        if (roamingKb > 0) cost += rateEvent(tariff, NOTHING_USED, mergedData(roamingKb, true)).charge;
      } else cost += sumOf(row, "roamingData", tariff.roamingMbPriceCk);
      costs[i * T + t] = (costs[i * T + t] as number) + cost;
      if (mask !== 0) {
        pending[(i * monthCount + m) * T + t] = mask;
        pendingLines.add(lineId);
      }
    }
  }

  let pendingRows = 0;
  for (const lineId of pendingLines) pendingRows += rowsOfLine.get(lineId) ?? 0;
  const eventsEventByEvent =
    pendingLines.size > 0
      ? rateEventByEvent(sqlite, {
          window,
          tariffs,
          indexOf,
          pending,
          costs,
          lineIds: [...pendingLines],
          scan: input.plan ? input.plan === "scan" : pendingRows * ROWS_SCANNED_PER_INDEX_READ > tableRows,
        })
      : 0;
  let lineMonthsEventByEvent = 0;
  for (let k = 0; k < pending.length; k += T) if (pending.subarray(k, k + T).some((mask) => mask !== 0)) lineMonthsEventByEvent++;

  // The monthly fees of the months compared.
  const lines: LineOnTariffs[] = new Array(lineCount);
  for (let i = 0; i < lineCount; i++) {
    const [lineId, msisdn, employeeName, tariffId, , currentFee, , blockMask] = lineRows[i] as LineRow;
    const months = monthCount - (firstMonth[i] as number);
    const lineCosts: (number | null)[] = new Array(T);
    for (let t = 0; t < T; t++) {
      lineCosts[t] = eligible[i * T + t] === 0 ? null : (costs[i * T + t] as number) + months * (tariffs[t] as CandidateTariff).monthlyFee;
    }
    lines[i] = { lineId, msisdn, employeeName, tariffId, blocked: blockMask !== 0, months, actualCost: (actual[i] as number) + months * currentFee, costs: lineCosts };
  }
  return { window, tariffs, lines, stats: { lineMonths: monthRows.length, lineMonthsEventByEvent, eventsEventByEvent } };
}

/**
 * The events of the line-months and kinds marked pending, read again in the order they happened
 * and rated one by one on each tariff that needs them, each tariff with its own allowance counters.
 */
function rateEventByEvent(
  sqlite: Database.Database,
  work: { window: AdviceWindow; tariffs: CandidateTariff[]; indexOf: Map<number, number>; pending: Uint8Array; costs: Float64Array; lineIds: number[]; scan: boolean },
): number {
  const { window, tariffs, indexOf, pending, costs } = work;
  const T = tariffs.length;
  const monthCount = window.months.length;
  const used: AllowanceUse[] = tariffs.map(() => ({ minutesUsed: 0, smsUsed: 0, dataKbUsed: 0 }));
  const events = sqlite
    .prepare(
      `select e.line_id, e.started_at, e.kind, e.roaming, e.duration_seconds, e.volume_bytes
       from usage_events e ${work.scan ? "not indexed" : ""}
       where e.line_id in (select value from json_each(@lines)) and e.started_at >= @from and e.started_at < @to and e.refused = 0
         and e.roaming = 0 and e.kind in ('call_out', 'data')
       order by e.line_id, e.started_at, e.id`,
    )
    .raw()
    .iterate({ lines: JSON.stringify(work.lineIds), from: window.bounds[0], to: window.bounds[monthCount] }) as IterableIterator<EventRow>;
  let currentLine = -1;
  let base = 0;
  let lineSlot = 0;
  let monthEnd = 0;
  let count = 0;
  for (const [lineId, startedAt, kind, roaming, durationSeconds, volumeBytes] of events) {
    if (lineId !== currentLine || startedAt >= monthEnd) {
      let m = 0;
      while (m < monthCount - 1 && startedAt >= (window.bounds[m + 1] as number)) m++;
      currentLine = lineId;
      monthEnd = window.bounds[m + 1] as number;
      const index = indexOf.get(lineId) as number;
      lineSlot = index * T;
      base = (index * monthCount + m) * T;
      for (const u of used) {
        u.minutesUsed = 0;
        u.dataKbUsed = 0;
      }
    }
    count++;
    const category = kind === "data" ? HOME_DATA : HOME_CALLS;
    const event = { kind: kind as "call_out" | "call_in" | "data", roaming: roaming === 1, durationSeconds: durationSeconds ?? 0, volumeBytes: volumeBytes ?? 0 };
    for (let t = 0; t < T; t++) {
      if (((pending[base + t] as number) & category) === 0) continue;
      const u = used[t] as AllowanceUse;
      const rated = rateEvent(tariffs[t] as CandidateTariff, u, event);
      costs[lineSlot + t] = (costs[lineSlot + t] as number) + rated.charge;
      if (rated.counter === "minutes") u.minutesUsed += rated.units;
      else if (rated.counter === "dataKb") u.dataKbUsed += rated.units;
    }
  }
  return count;
}

function candidateTariffs(sqlite: Database.Database, regionCode: string): CandidateTariff[] {
  const rows = sqlite
    .prepare(
      `select id, code, name_ru as nameRu, name_en as nameEn, monthly_fee as monthlyFee,
              included_minutes as includedMinutes, included_sms as includedSms, included_mb as includedMb,
              minute_price_ck as minutePriceCk, sms_price_ck as smsPriceCk, mb_price_ck as mbPriceCk,
              roaming_minute_price_ck as roamingMinutePriceCk, roaming_sms_price_ck as roamingSmsPriceCk, roaming_mb_price_ck as roamingMbPriceCk,
              (select group_concat(ts.service_id) from tariff_services ts where ts.tariff_id = tariffs.id) as allowed
       from tariffs where region_code = ? and archived = 0 order by monthly_fee, id`,
    )
    .all(regionCode) as (Omit<CandidateTariff, "allowedServiceIds"> & { allowed: string | null })[];
  return rows.map(({ allowed, ...t }) => ({ ...t, allowedServiceIds: new Set(allowed ? allowed.split(",").map(Number) : []) }));
}
