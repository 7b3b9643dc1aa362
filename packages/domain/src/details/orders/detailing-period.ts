import type { FieldErrors } from "../../errors.ts";
import { billingDayStart, billingInstant, billingMonthOf, previousBillingMonth } from "../../shared/billing-calendar.ts";

/**
 * The period call details may be ordered for: the last six full billing months and the current one,
 * as calendar months and days in the region's time zone. The earliest allowed day is the first of
 * the month six months before the current one; the latest is today.
 */
export const DETAILING_FULL_MONTHS = 6;

export interface DetailingWindow {
  /** yyyy-mm-dd, the first day that may be ordered. */
  earliest: string;
  /** yyyy-mm-dd, today in the region. */
  latest: string;
}

/** yyyymmdd → yyyy-mm-dd */
export function dayIso(day: number): string {
  const year = Math.floor(day / 10_000);
  const month = Math.floor(day / 100) % 100;
  return `${year}-${String(month).padStart(2, "0")}-${String(day % 100).padStart(2, "0")}`;
}

/** yyyy-mm-dd → dd.mm.yyyy, as the messages name a date in either language. */
export function dayDotted(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

/** yyyy-mm-dd → yyyymmdd, or null when it is not a calendar date. */
export function dayNumberOf(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return year * 10_000 + month * 100 + day;
}

function nextDay(day: number): number {
  const date = new Date(Date.UTC(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, (day % 100) + 1));
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

export function detailingWindow(timeZone: string, now: Date): DetailingWindow {
  let month = billingMonthOf(timeZone, now.getTime());
  for (let i = 0; i < DETAILING_FULL_MONTHS; i++) month = previousBillingMonth(month);
  return { earliest: dayIso(month * 100 + 1), latest: dayIso(billingInstant(timeZone, now.getTime()).day) };
}

export interface DetailingPeriod {
  /** yyyy-mm-dd, inclusive */
  from: string;
  /** yyyy-mm-dd, inclusive */
  to: string;
  /** UTC ms: the start of `from` in the region. */
  fromMs: number;
  /** UTC ms: the start of the day after `to` in the region (exclusive). */
  toMs: number;
}

/**
 * Checks a period typed as two calendar days against the window, in the region's time zone.
 * Every refusal is a field message; one that is too early names the earliest allowed date.
 */
export function checkDetailingPeriod(
  timeZone: string,
  now: Date,
  input: { from: string; to: string },
): { ok: true; period: DetailingPeriod } | { ok: false; fieldErrors: FieldErrors } {
  const window = detailingWindow(timeZone, now);
  const earliest = dayNumberOf(window.earliest) as number;
  const latest = dayNumberOf(window.latest) as number;
  const fieldErrors: FieldErrors = {};
  const days: Record<"from" | "to", number | null> = { from: dayNumberOf(input.from), to: dayNumberOf(input.to) };
  for (const field of ["from", "to"] as const) {
    const day = days[field];
    if (day === null) fieldErrors[field] = { code: input[field] ? "details.period.date" : "required" };
    else if (day < earliest) fieldErrors[field] = { code: "details.period.tooEarly", params: { earliest: dayDotted(window.earliest) } };
    else if (day > latest) fieldErrors[field] = { code: "details.period.future", params: { latest: dayDotted(window.latest) } };
  }
  if (!fieldErrors.from && !fieldErrors.to && (days.to as number) < (days.from as number)) {
    fieldErrors.to = { code: "details.period.reversed" };
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const from = days.from as number;
  const to = days.to as number;
  return {
    ok: true,
    period: { from: dayIso(from), to: dayIso(to), fromMs: billingDayStart(timeZone, from), toMs: billingDayStart(timeZone, nextDay(to)) },
  };
}
