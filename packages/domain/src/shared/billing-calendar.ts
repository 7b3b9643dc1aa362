import { TZDate } from "@date-fns/tz";

/**
 * Billing months and days: calendar months and days in a region's time zone. A billing month is
 * written `yyyymm` (202611), a day `yyyymmdd`. The rating path asks this for every event, so the
 * zone's offset is looked up once per zone and UTC hour and the rest is arithmetic.
 */
const HOUR_MS = 3_600_000;
const offsets = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const hour = Math.floor(at / HOUR_MS);
  let offset = zone.get(hour);
  if (offset === undefined) {
    // Every zone's transitions fall on whole hours of UTC (true of all Russian zones, past and present).
    offset = -new TZDate(hour * HOUR_MS, timeZone).getTimezoneOffset() * 60_000;
    zone.set(hour, offset);
  }
  return offset;
}

export interface BillingInstant {
  /** yyyymm */
  month: number;
  /** yyyymmdd */
  day: number;
}

export function billingInstant(timeZone: string, at: number): BillingInstant {
  const local = new Date(at + zoneOffsetMs(timeZone, at));
  const month = local.getUTCFullYear() * 100 + local.getUTCMonth() + 1;
  return { month, day: month * 100 + local.getUTCDate() };
}

export function billingMonthOf(timeZone: string, at: number): number {
  return billingInstant(timeZone, at).month;
}

/** The instant (UTC ms) a billing month starts at in the zone. */
export function billingMonthStart(timeZone: string, month: number): number {
  return new TZDate(Math.floor(month / 100), (month % 100) - 1, 1, timeZone).getTime();
}

/** The instant (UTC ms) a day (yyyymmdd) starts at in the zone. */
export function billingDayStart(timeZone: string, day: number): number {
  return new TZDate(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, day % 100, timeZone).getTime();
}

export function nextBillingMonth(month: number): number {
  return month % 100 === 12 ? (Math.floor(month / 100) + 1) * 100 + 1 : month + 1;
}

export function previousBillingMonth(month: number): number {
  return month % 100 === 1 ? (Math.floor(month / 100) - 1) * 100 + 12 : month - 1;
}
