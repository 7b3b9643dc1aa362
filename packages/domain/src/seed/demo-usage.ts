import type { UsageKind } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { zoneOffsetMs } from "../shared/billing-calendar.ts";
import { type RatingOutcome, rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { seededRandom } from "./employee-names.ts";

const DAY_MS = 86_400_000;

/** How a line is used: its tariff's kind and how busy its employee is. */
export interface TrafficProfile {
  msisdn: string;
  timeZone: string;
  /** 0.2 (a quiet line) … 3 (always on the phone). */
  activity: number;
  /** A device (telemetry, modem): data and SMS only. */
  device: "phone" | "modem" | "sensor";
  /** Days (UTC day numbers) the employee spends abroad. */
  roamingDays: Set<number>;
}

/** Events per active day of an average phone line, by kind: about 110 a month. */
const phoneDaily: readonly [UsageKind, number][] = [
  ["call_out", 1.3],
  ["call_in", 1.1],
  ["sms_out", 0.2],
  ["sms_in", 0.35],
  ["data", 1.0],
];
const modemDaily: readonly [UsageKind, number][] = [["data", 2.5]];
const sensorDaily: readonly [UsageKind, number][] = [
  ["data", 1.0],
  ["sms_out", 0.3],
];

/** Draws a line's profile from its tariff code, deterministically. */
export function trafficProfile(random: () => number, line: { msisdn: string; timeZone: string; tariffCode: string }, from: number, to: number): TrafficProfile {
  const device = line.tariffCode === "biz-iot" ? "sensor" : line.tariffCode === "biz-data" ? "modem" : "phone";
  const activity = Math.min(3, Math.max(0.2, Math.exp((random() - 0.5) * 2.2)));
  const roamingDays = new Set<number>();
  if (device === "phone" && random() < 0.06) {
    const firstDay = Math.floor(from / DAY_MS);
    const days = Math.max(1, Math.floor((to - from) / DAY_MS));
    const start = firstDay + Math.floor(random() * days);
    const length = 2 + Math.floor(random() * 6);
    for (let d = start; d < start + length; d++) roamingDays.add(d);
  }
  return { msisdn: line.msisdn, timeZone: line.timeZone, activity, device, roamingDays };
}

/** One event of a line: a call of a minute or two with a long tail (one in eight unanswered), a data session, an SMS. */
export function makeUsageEvent(random: () => number, line: TrafficProfile, kind: UsageKind, startedAt: number, eventId: string, roaming: boolean): UsageEventInput {
  const event: UsageEventInput = { eventId, msisdn: line.msisdn, startedAt, kind, roaming };
  if (kind === "call_out" || kind === "call_in") {
    event.durationSeconds = random() < 0.12 ? 0 : Math.min(5400, Math.max(3, Math.round(lognormal(random, 85, 1.0))));
    event.otherParty = `+79${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
  } else if (kind === "data") {
    const medianMb = line.device === "sensor" ? 0.4 : line.device === "modem" ? 180 : 45;
    event.volumeBytes = Math.max(1, Math.round(lognormal(random, medianMb, 1.1) * 1_048_576));
    event.otherParty = "internet";
  } else {
    event.otherParty = random() < 0.3 ? String(900 + Math.floor(random() * 99)) : `+79${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
  }
  return event;
}

/** The kinds of events a line makes in a day, with their mean counts. */
export function dailyMix(line: TrafficProfile): readonly [UsageKind, number][] {
  return line.device === "sensor" ? sensorDaily : line.device === "modem" ? modemDaily : phoneDaily;
}

export function poisson(random: () => number, mean: number): number {
  // Knuth's method: fine for the small means of a line's day.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function lognormal(random: () => number, median: number, sigma: number): number {
  const u = Math.max(1e-12, random());
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * normal);
}

/**
 * Realistic events of the given lines between `from` and `to` (UTC ms), in time order, day by
 * day: more on working days and in working hours (the line's local time), calls of a minute or
 * two with a long tail, a daily data session or a few, some employees abroad for a few days.
 * `onDay` gets each day's events sorted by time. Deterministic by seed; ids `<idPrefix>-<UTC day>-<n>`.
 */
export function generateTraffic(
  profiles: readonly TrafficProfile[],
  options: { from: number; to: number; seed: number; idPrefix: string; intensity?: number },
  onDay: (events: UsageEventInput[]) => void,
): number {
  const intensity = options.intensity ?? 1;
  let total = 0;
  for (let dayStart = Math.floor(options.from / DAY_MS) * DAY_MS; dayStart < options.to; dayStart += DAY_MS) {
    const events: UsageEventInput[] = [];
    const dayNumber = dayStart / DAY_MS;
    // Each UTC day from its own seed: a day can be generated again alone, with the same event ids.
    const random = seededRandom((options.seed * 100_003 + dayNumber) >>> 0);
    let sequence = 0;
    for (const line of profiles) {
      const offset = zoneOffsetMs(line.timeZone, dayStart);
      const weekday = new Date(dayStart + offset + 12 * 3_600_000).getUTCDay();
      const working = weekday !== 0 && weekday !== 6;
      const roaming = line.roamingDays.has(dayNumber);
      const daily = dailyMix(line);
      const dayFactor = line.device === "sensor" ? 1 : working ? 1 : 0.35;
      for (const [kind, mean] of daily) {
        const count = poisson(random, mean * line.activity * dayFactor * intensity);
        for (let i = 0; i < count; i++) {
          // Local working hours mostly: 8:00–20:00 with a few evening events.
          const localHour = line.device === "sensor" ? random() * 24 : random() < 0.85 ? 8 + random() * 12 : 20 + random() * 3.9;
          const startedAt = Math.floor(dayStart - offset + localHour * 3_600_000);
          // Made and numbered before the cut to [from, to): a day generated in pieces draws the same
          // random numbers in the same order, so its events and their ids are the same.
          sequence++;
          const event = makeUsageEvent(random, line, kind, startedAt, `${options.idPrefix}-${dayNumber}-${sequence}`, roaming);
          if (startedAt >= options.from && startedAt < options.to) events.push(event);
        }
      }
    }
    events.sort((a, b) => a.startedAt - b.startedAt);
    total += events.length;
    onDay(events);
  }
  return total;
}

/**
 * Generates and rates the history of the given lines, in large batches (few transactions): the
 * demo data's months of usage. The events go through `rateUsageEvents`, the function that rates
 * the import and the simulator, in time order.
 */
export function rateDemoTraffic(
  deps: Pick<Deps, "db" | "clock">,
  profiles: readonly TrafficProfile[],
  options: { from: number; to: number; seed: number; idPrefix: string; batchSize?: number; intensity?: number },
): RatingOutcome {
  const total: RatingOutcome = { rated: 0, duplicates: 0, refused: [], charged: 0, limitRefused: 0 };
  const batchSize = options.batchSize ?? 200_000;
  let batch: UsageEventInput[] = [];
  const flush = () => {
    const outcome = rateUsageEvents(deps, batch);
    total.rated += outcome.rated;
    total.duplicates += outcome.duplicates;
    total.charged += outcome.charged;
    total.limitRefused += outcome.limitRefused;
    total.refused.push(...outcome.refused.slice(0, 10));
    batch = [];
  };
  generateTraffic(profiles, options, (events) => {
    for (const event of events) batch.push(event);
    if (batch.length >= batchSize) flush();
  });
  if (batch.length > 0) flush();
  return total;
}
