import type Database from "better-sqlite3";
import { inTransaction } from "../db/open-database.ts";
import { type LimitPolicy, type UsageKind, usageKinds } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { EFFECTIVE_LIMIT_COLUMNS, EFFECTIVE_LIMIT_JOINS, warningThreshold } from "../limits/effective-limit.ts";
import { type PendingLimitNotice, sendLimitNotices } from "../limits/limit-notices.ts";
import { billingDayStart, billingInstant, billingMonthOf } from "../shared/billing-calendar.ts";
import { type RatedUnits, rateEvent, type TariffPrices } from "./rating-rules.ts";

/** A usage event as the feed delivers it (an import file's row, the simulator, the demo history). */
export interface UsageEventInput {
  /** The feed's unique id of the event: the same id rated again counts nothing twice. */
  eventId: string;
  /** The line's number, E.164. */
  msisdn: string;
  /** When the event started, UTC ms. */
  startedAt: number;
  kind: UsageKind;
  roaming: boolean;
  otherParty?: string | null;
  durationSeconds?: number | null;
  volumeBytes?: number | null;
}

export type UsageRefusalReason = "invalid" | "unknown_line" | "future";

export interface RatingOutcome {
  /** Events rated and stored now. */
  rated: number;
  /** Events rated before (same event id): skipped, nothing counted again. */
  duplicates: number;
  /** Events not rated, by their index in the batch. */
  refused: { index: number; eventId: string; reason: UsageRefusalReason }[];
  /** The sum of the charges of the events rated now, kopecks (the employees' part of them included). */
  charged: number;
  /**
   * Paid outgoing events stored as refused (charge 0): their line's `block` limit was reached that
   * month (limits/, decision 0xx). Counted in `rated` too.
   */
  limitRefused: number;
}

/** How far ahead of the clock an event may claim to be (clock skew between feed and us). */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;
const kinds = new Set<string>(usageKinds);

// line row: id, msisdn, activated_at, terminated_at, account_id, company_id, region_code, tariff_id, then its limit in
// force (limits/effective-limit.ts: amount, source, policy, warning percent, notify employee, ends_at) and block_mask
type LineRow = [number, string, number, number | null, number, number | null, string, number, number | null, string | null, string, number, number, number | null, number];
const L_LIMIT = 8, L_POLICY = 10, L_WARNING = 11, L_NOTIFY = 12, L_BLOCK_MASK = 14, LINE_WIDTH = 15;
const LIMIT_BLOCK_BIT = 4; // blockReasonBits.limit

interface MonthState {
  lineId: number;
  month: number;
  companyId: number | null;
  minutesUsed: number;
  smsUsed: number;
  dataKbUsed: number;
  totalCharge: number;
  /** Of `totalCharge`, the employee's part (split limit): the company's part is the difference. */
  employeeCharge: number;
  /** When the company's part reached the line's limit this month (as stored, or reached in this batch). */
  limitReachedAt: number | null;
  /** What this batch adds, in the column order of `addToCounters`. */
  delta: number[];
  /** Whether the row was there when the batch began (update) or is new (insert). */
  stored: boolean;
  lastEventAt: number;
}
// delta indexes
const D_MINUTES = 0, D_SMS = 1, D_DATA = 2, D_R_MINUTES = 3, D_R_SMS = 4, D_R_DATA = 5, D_CALLS_CHARGE = 6, D_SMS_CHARGE = 7, D_DATA_CHARGE = 8, D_ROAMING_CHARGE = 9, D_TOTAL = 10, D_EVENTS = 11, D_EMPLOYEE = 12, D_REFUSED = 13, DELTA_WIDTH = 14;
const counterDelta: Record<RatedUnits["counter"], number> = { minutes: D_MINUTES, sms: D_SMS, dataKb: D_DATA, roamingMinutes: D_R_MINUTES, roamingSms: D_R_SMS, roamingDataKb: D_R_DATA, none: -1 };
const chargeDelta: Record<RatedUnits["category"], number> = { calls: D_CALLS_CHARGE, sms: D_SMS_CHARGE, data: D_DATA_CHARGE, roaming: D_ROAMING_CHARGE };

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    // Every issuance of the batch's numbers, with its spending limit in force and its counters of the
    // months the batch can touch.
    linesByNumber: sqlite
      .prepare(
        `select l.id, l.msisdn, l.activated_at, l.terminated_at, l.account_id, l.company_id, l.region_code, l.tariff_id,
                ${EFFECTIVE_LIMIT_COLUMNS}, l.block_mask,
                m.billing_month, m.minutes_used, m.sms_used, m.data_kb_used, m.total_charge, m.employee_charge, m.limit_reached_at
         from lines l ${EFFECTIVE_LIMIT_JOINS}
         left join line_usage_months m on m.line_id = l.id and m.billing_month between @firstMonth and @lastMonth
         where l.msisdn in (select value from json_each(@numbers))`,
      )
      .raw(),
    tariffs: sqlite.prepare(
      `select id, included_minutes as includedMinutes, included_sms as includedSms, included_mb as includedMb,
              minute_price_ck as minutePriceCk, sms_price_ck as smsPriceCk, mb_price_ck as mbPriceCk,
              roaming_minute_price_ck as roamingMinutePriceCk, roaming_sms_price_ck as roamingSmsPriceCk,
              roaming_mb_price_ck as roamingMbPriceCk
       from tariffs where id in (select value from json_each(?))`,
    ),
    regions: sqlite.prepare("select code, time_zone from regions").raw(),
    insertEvent: sqlite.prepare(
      `insert into usage_events (event_key, line_id, started_at, kind, roaming, other_party, duration_seconds, volume_bytes, units, included_units, charge, employee_charge, refused)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_key) do nothing`,
    ),
    // Counters known to exist are updated by key; new ones inserted (no failed insert first).
    addToCounters: sqlite.prepare(
      `update line_usage_months set
         minutes_used = minutes_used + ?, sms_used = sms_used + ?, data_kb_used = data_kb_used + ?, roaming_minutes = roaming_minutes + ?,
         roaming_sms = roaming_sms + ?, roaming_data_kb = roaming_data_kb + ?, calls_charge = calls_charge + ?, sms_charge = sms_charge + ?,
         data_charge = data_charge + ?, roaming_charge = roaming_charge + ?, total_charge = total_charge + ?, event_count = event_count + ?,
         employee_charge = employee_charge + ?, refused_events = refused_events + ?,
         last_event_at = max(coalesce(last_event_at, 0), ?), limit_reached_at = coalesce(limit_reached_at, ?)
       where line_id = ? and billing_month = ?`,
    ),
    insertCounters: sqlite.prepare(
      `insert into line_usage_months (minutes_used, sms_used, data_kb_used, roaming_minutes, roaming_sms, roaming_data_kb, calls_charge,
         sms_charge, data_charge, roaming_charge, total_charge, event_count, employee_charge, refused_events, last_event_at, limit_reached_at,
         line_id, billing_month, company_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    writeUsageMovements: sqlite.prepare(
      `insert into account_movements (account_id, region_code, kind, amount, occurred_at, billing_month, description, dedupe_key, created_at, employee_amount)
       select value ->> 0, value ->> 1, 'usage', value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
       from json_each(?) where true
       on conflict (dedupe_key) do update set amount = amount + excluded.amount, employee_amount = employee_amount + excluded.employee_amount`,
    ),
    blockForLimit: sqlite.prepare("insert into line_blocks (line_id, reason, blocked_at, blocked_by_user_id) values (?, 'limit', ?, null) on conflict do nothing"),
    addToBalance: sqlite.prepare("update accounts set balance = balance + ? where id = ?"),
  };
}

/**
 * Rates a batch of usage events as they arrive, in one transaction: finds each event's line (the
 * issuance of the number live at the event's time), applies the tariff's allowance of the line's
 * billing month and then its prices (see rating-rules.ts), stores each event with its charge, and
 * adds to the line's month-to-date counters and the account's usage movement of the day (and so
 * its balance). An event id already rated is skipped. Events are rated in the order given.
 *
 * Per event the work is one INSERT; the lines, tariffs and counters a batch touches are read with
 * one statement each and written back once per line and month, so larger batches rate faster.
 */
export function rateUsageEvents(deps: Pick<Deps, "db" | "clock"> & Partial<Pick<Deps, "config">>, events: readonly UsageEventInput[]): RatingOutcome {
  const outcome: RatingOutcome = { rated: 0, duplicates: 0, refused: [], charged: 0, limitRefused: 0 };
  if (events.length === 0) return outcome;
  const sqlite = deps.db.$client;
  let statements = statementCache.get(sqlite);
  if (!statements) {
    statements = prepare(sqlite);
    statementCache.set(sqlite, statements);
  }
  const s = statements;
  const latestAllowed = deps.clock.now().getTime() + FUTURE_TOLERANCE_MS;
  const nowMs = deps.clock.now().getTime();

  return inTransaction(deps.db, () => {
    // The lines of the batch's numbers (every issuance) and their counters, in one statement.
    const numbers = new Set<string>();
    let earliest = Number.POSITIVE_INFINITY;
    let latest = 0;
    for (const event of events) {
      numbers.add(event.msisdn);
      if (!Number.isSafeInteger(event.startedAt) || event.startedAt < 0) continue; // refused below
      if (event.startedAt < earliest) earliest = event.startedAt;
      if (event.startedAt > latest) latest = event.startedAt;
    }
    const linesByNumber = new Map<string, LineRow[]>();
    const states = new Map<number, MonthState>();
    const rows = s.linesByNumber.all({
      numbers: JSON.stringify([...numbers]),
      // Wide enough for any zone on Earth; the exact month is each event's own.
      firstMonth: Number.isFinite(earliest) ? billingMonthOf("UTC", Math.max(0, earliest - 14 * 3_600_000)) : 0,
      lastMonth: billingMonthOf("UTC", Math.max(0, latest + 14 * 3_600_000)),
      now: nowMs,
    }) as (LineRow & (number | null)[])[];
    for (const row of rows) {
      const lineId = row[0];
      let list = linesByNumber.get(row[1]);
      if (!list) {
        list = [];
        linesByNumber.set(row[1], list);
      }
      if (!list.some((known) => known[0] === lineId)) list.push(row.slice(0, LINE_WIDTH) as LineRow);
      const month = row[LINE_WIDTH];
      if (month != null) {
        states.set(lineId * 1_000_000 + month, {
          lineId, month, companyId: row[5], minutesUsed: row[LINE_WIDTH + 1] as number, smsUsed: row[LINE_WIDTH + 2] as number,
          dataKbUsed: row[LINE_WIDTH + 3] as number, totalCharge: row[LINE_WIDTH + 4] as number, employeeCharge: row[LINE_WIDTH + 5] as number,
          limitReachedAt: row[LINE_WIDTH + 6] as number | null, delta: new Array(DELTA_WIDTH).fill(0), lastEventAt: 0, stored: true,
        });
      }
    }
    const timeZones = new Map((s.regions.all() as [string, string][]).map(([code, zone]) => [code, zone]));
    const tariffIds = new Set<number>();
    for (const list of linesByNumber.values()) for (const row of list) tariffIds.add(row[7]);
    const tariffs = new Map((s.tariffs.all(JSON.stringify([...tariffIds])) as (TariffPrices & { id: number })[]).map((t) => [t.id, t]));

    // Each event's line and billing month (the month in the line's region).
    const resolved: (LineRow | null)[] = new Array(events.length);
    const stateOf: (MonthState | null)[] = new Array(events.length);
    const days = new Int32Array(events.length);
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as UsageEventInput;
      resolved[index] = null;
      stateOf[index] = null;
      const reason = invalidReason(event, latestAllowed);
      if (reason) {
        outcome.refused.push({ index, eventId: String(event.eventId), reason });
        continue;
      }
      const line = liveLineAt(linesByNumber.get(event.msisdn), event.startedAt);
      if (!line) {
        outcome.refused.push({ index, eventId: event.eventId, reason: "unknown_line" });
        continue;
      }
      resolved[index] = line;
      const { month, day } = billingInstant(timeZones.get(line[6]) as string, event.startedAt);
      days[index] = day;
      const key = line[0] * 1_000_000 + month;
      let state = states.get(key);
      if (!state) {
        state = {
          lineId: line[0], month, companyId: line[5], minutesUsed: 0, smsUsed: 0, dataKbUsed: 0, totalCharge: 0, employeeCharge: 0,
          limitReachedAt: null, delta: new Array(DELTA_WIDTH).fill(0), lastEventAt: 0, stored: false,
        };
        states.set(key, state);
      }
      stateOf[index] = state;
    }

    // Rate and store, in arrival order.
    const dayCharges = new Map<string, { accountId: number; regionCode: string; day: number; amount: number; employee: number }>();
    // Limits act (block, notices) in the region's current billing month and after, not on late events of a past one.
    const currentMonths = new Map<string, number>();
    const currentMonthOf = (regionCode: string) => {
      let month = currentMonths.get(regionCode);
      if (month === undefined) {
        month = billingMonthOf(timeZones.get(regionCode) as string, nowMs);
        currentMonths.set(regionCode, month);
      }
      return month;
    };
    const notices: PendingLimitNotice[] = [];
    for (let index = 0; index < events.length; index++) {
      const line = resolved[index];
      if (!line) continue;
      const event = events[index] as UsageEventInput;
      const state = stateOf[index] as MonthState;
      const tariff = tariffs.get(line[7]) as TariffPrices;
      const durationSeconds = event.durationSeconds ?? 0;
      const volumeBytes = event.volumeBytes ?? 0;
      const rated = rateEvent(tariff, state, { kind: event.kind, roaming: event.roaming, durationSeconds, volumeBytes });
      // The spending limit decides here, in this transaction, on the company's part of the month so
      // far: allow; allow and cross a threshold (warn, reach, block); split the charge with the
      // employee; or refuse a paid outgoing event once a `block` limit was reached (README "Limits").
      const limit = line[L_LIMIT];
      let employeePart = 0;
      let refused = false;
      let crossed: "warning" | "limit" | null = null;
      if (limit !== null && rated.charge > 0) {
        const companyBefore = state.totalCharge - state.employeeCharge;
        const policy = line[L_POLICY];
        if (companyBefore >= limit) {
          // Incoming calls (charged in roaming only) go on: the line cannot refuse them.
          if (policy === "block" && event.kind !== "call_in") refused = true;
          else if (policy === "split") employeePart = rated.charge;
        } else if (companyBefore + rated.charge >= limit) {
          crossed = "limit";
          if (policy === "split") employeePart = companyBefore + rated.charge - limit;
        } else {
          const threshold = warningThreshold(limit, line[L_WARNING]);
          if (companyBefore < threshold && companyBefore + rated.charge >= threshold) crossed = "warning";
        }
      }
      const charge = refused ? 0 : rated.charge;
      const inserted = s.insertEvent.run(
        event.eventId,
        line[0],
        event.startedAt,
        event.kind,
        event.roaming ? 1 : 0,
        event.otherParty ?? null,
        event.kind === "call_out" || event.kind === "call_in" ? durationSeconds : null,
        event.kind === "data" ? volumeBytes : null,
        rated.units,
        refused ? 0 : rated.includedUnits,
        charge,
        employeePart,
        refused ? 1 : 0,
      ).changes;
      if (inserted === 0) {
        outcome.duplicates++;
        continue;
      }
      outcome.rated++;
      const delta = state.delta;
      if (event.startedAt > state.lastEventAt) state.lastEventAt = event.startedAt;
      if (refused) {
        // Recorded as refused: no charge, no allowance, no counter but its own.
        outcome.limitRefused++;
        delta[D_REFUSED] = (delta[D_REFUSED] as number) + 1;
        continue;
      }
      outcome.charged += charge;
      if (crossed !== null && state.month >= currentMonthOf(line[6])) {
        const policy = line[L_POLICY] as LimitPolicy;
        const companySpent = state.totalCharge - state.employeeCharge + charge - employeePart;
        notices.push({
          lineId: line[0], billingMonth: state.month, kind: crossed === "warning" ? "warning" : policy === "block" ? "blocked" : "reached",
          limitAmount: limit as number, spent: companySpent, policy, warningPercent: line[L_WARNING], notifyEmployee: line[L_NOTIFY] === 1,
        });
        if (crossed === "limit" && policy === "block" && (line[L_BLOCK_MASK] & LIMIT_BLOCK_BIT) === 0) {
          s.blockForLimit.run(line[0], nowMs);
          line[L_BLOCK_MASK] |= LIMIT_BLOCK_BIT;
        }
      }
      if (crossed === "limit" && state.limitReachedAt === null) state.limitReachedAt = event.startedAt;
      const counter = counterDelta[rated.counter];
      if (counter >= 0) delta[counter] = (delta[counter] as number) + rated.units;
      if (rated.counter === "minutes") state.minutesUsed += rated.units;
      else if (rated.counter === "sms") state.smsUsed += rated.units;
      else if (rated.counter === "dataKb") state.dataKbUsed += rated.units;
      delta[D_EVENTS] = (delta[D_EVENTS] as number) + 1;
      if (charge > 0) {
        const category = chargeDelta[rated.category];
        delta[category] = (delta[category] as number) + charge;
        delta[D_TOTAL] = (delta[D_TOTAL] as number) + charge;
        state.totalCharge += charge;
        if (employeePart > 0) {
          delta[D_EMPLOYEE] = (delta[D_EMPLOYEE] as number) + employeePart;
          state.employeeCharge += employeePart;
        }
        // The company's account pays the company's part; the employee's is shown beside it.
        const dayKey = `${line[4]}:${days[index]}`;
        const day = dayCharges.get(dayKey);
        if (day) {
          day.amount += charge - employeePart;
          day.employee += employeePart;
        } else {
          dayCharges.set(dayKey, { accountId: line[4], regionCode: line[6], day: days[index] as number, amount: charge - employeePart, employee: employeePart });
        }
      }
    }

    // Write back once per line and month, once per account and day.
    for (const m of states.values()) {
      if ((m.delta[D_EVENTS] as number) === 0 && (m.delta[D_REFUSED] as number) === 0) continue;
      if (m.stored) s.addToCounters.run(...m.delta, m.lastEventAt, m.limitReachedAt, m.lineId, m.month);
      else s.insertCounters.run(...m.delta, m.lastEventAt, m.limitReachedAt, m.lineId, m.month, m.companyId);
    }
    if (dayCharges.size > 0) {
      const balances = new Map<number, number>();
      const movementRows = [...dayCharges.values()].map(({ accountId, regionCode, day, amount, employee }) => {
        balances.set(accountId, (balances.get(accountId) ?? 0) + amount);
        const zone = timeZones.get(regionCode) as string;
        return [accountId, regionCode, -amount, billingDayStart(zone, day), Math.floor(day / 100), usageDescription(day), `usage:${accountId}:${day}`, nowMs, employee];
      });
      s.writeUsageMovements.run(JSON.stringify(movementRows));
      for (const [accountId, amount] of balances) if (amount !== 0) s.addToBalance.run(-amount, accountId);
    }
    sendLimitNotices(deps.db, deps, notices);
    return outcome;
  });
}

function usageDescription(day: number): string {
  const dd = String(day % 100).padStart(2, "0");
  const mm = String(Math.floor(day / 100) % 100).padStart(2, "0");
  return `Услуги связи за ${dd}.${mm}.${Math.floor(day / 10_000)}`;
}

function liveLineAt(candidates: LineRow[] | undefined, at: number): LineRow | null {
  if (!candidates) return null;
  for (const line of candidates) {
    if (line[2] <= at && (line[3] === null || at < line[3])) return line;
  }
  return null;
}

function invalidReason(event: UsageEventInput, latestAllowed: number): UsageRefusalReason | null {
  if (typeof event.eventId !== "string" || event.eventId.length === 0 || event.eventId.length > 100) return "invalid";
  if (!kinds.has(event.kind) || typeof event.msisdn !== "string") return "invalid";
  if (!Number.isSafeInteger(event.startedAt) || event.startedAt < 0) return "invalid";
  const isCall = event.kind === "call_out" || event.kind === "call_in";
  const amount = isCall ? event.durationSeconds : event.kind === "data" ? event.volumeBytes : 0;
  if (!Number.isSafeInteger(amount ?? 0) || (amount ?? 0) < 0) return "invalid";
  if ((isCall || event.kind === "data") && amount == null) return "invalid";
  if (event.startedAt > latestAllowed) return "future";
  return null;
}
