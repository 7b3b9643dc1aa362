import type { UsageKind } from "../db/schema.ts";

/**
 * How one usage event is rated: the rules the README's "Rating rules" section states.
 *
 * Units
 * - Calls are billed per started minute: `ceil(seconds / 60)`; a call of 0 seconds (not answered) is 0 minutes.
 * - SMS: each event is one SMS.
 * - Data is billed per started kilobyte of each session: `ceil(bytes / 1024)`; 1 MB = 1024 KB.
 *
 * At home
 * - Outgoing calls, outgoing SMS and data draw on the tariff's included minutes / SMS / MB of the
 *   billing month (a calendar month in the line's region's time zone) first; what is left over is
 *   charged at the tariff's per-unit price (data per KB, pro rata of the per-MB price). An event that
 *   exhausts the allowance is split: its included part is free, the rest is charged.
 * - Incoming calls and incoming SMS are free and draw on nothing.
 *
 * In roaming
 * - Nothing is included: every unit is charged at the tariff's roaming price, outgoing and incoming
 *   calls alike; outgoing SMS at the roaming SMS price, data per KB at the roaming per-MB price.
 *   Incoming SMS stay free. Roaming does not draw on the home allowance.
 *
 * Money
 * - Prices are in hundredths of a kopeck (ck). Each event's charge is rounded once, half up, to
 *   whole kopecks: `floor((units × price_ck + 50) / 100)`, for data
 *   `floor((kb × price_per_mb_ck + 51 200) / 102 400)`.
 */
export interface TariffPrices {
  includedMinutes: number;
  includedSms: number;
  includedMb: number;
  minutePriceCk: number;
  smsPriceCk: number;
  mbPriceCk: number;
  roamingMinutePriceCk: number;
  roamingSmsPriceCk: number;
  roamingMbPriceCk: number;
}

/** What the month has used so far of what the allowance covers (home outgoing usage). */
export interface AllowanceUse {
  minutesUsed: number;
  smsUsed: number;
  dataKbUsed: number;
}

/** Which month-to-date counter an event moves, and which charge column it adds to. */
export type UsageCounter = "minutes" | "sms" | "dataKb" | "roamingMinutes" | "roamingSms" | "roamingDataKb" | "none";
export type ChargeCategory = "calls" | "sms" | "data" | "roaming";

export interface RatedUnits {
  units: number;
  includedUnits: number;
  charge: number;
  counter: UsageCounter;
  category: ChargeCategory;
}

export function billedUnits(kind: UsageKind, durationSeconds: number, volumeBytes: number): number {
  switch (kind) {
    case "call_out":
    case "call_in":
      return Math.ceil(durationSeconds / 60);
    case "sms_out":
    case "sms_in":
      return 1;
    case "data":
      return Math.ceil(volumeBytes / 1024);
  }
}

const kopecks = (ck: number) => Math.floor((ck + 50) / 100);
const dataKopecks = (kb: number, mbPriceCk: number) => Math.floor((kb * mbPriceCk + 51_200) / 102_400);

export function rateEvent(
  tariff: TariffPrices,
  used: AllowanceUse,
  event: { kind: UsageKind; roaming: boolean; durationSeconds: number; volumeBytes: number },
): RatedUnits {
  const units = billedUnits(event.kind, event.durationSeconds, event.volumeBytes);
  const { kind } = event;
  if (kind === "sms_in") return { units, includedUnits: 0, charge: 0, counter: "none", category: "sms" };
  if (event.roaming) {
    if (kind === "data") return { units, includedUnits: 0, charge: dataKopecks(units, tariff.roamingMbPriceCk), counter: "roamingDataKb", category: "roaming" };
    if (kind === "sms_out") return { units, includedUnits: 0, charge: kopecks(units * tariff.roamingSmsPriceCk), counter: "roamingSms", category: "roaming" };
    return { units, includedUnits: 0, charge: kopecks(units * tariff.roamingMinutePriceCk), counter: "roamingMinutes", category: "roaming" };
  }
  if (kind === "call_in") return { units, includedUnits: 0, charge: 0, counter: "none", category: "calls" };
  if (kind === "call_out") {
    const included = Math.min(units, Math.max(0, tariff.includedMinutes - used.minutesUsed));
    return { units, includedUnits: included, charge: kopecks((units - included) * tariff.minutePriceCk), counter: "minutes", category: "calls" };
  }
  if (kind === "sms_out") {
    const included = Math.min(units, Math.max(0, tariff.includedSms - used.smsUsed));
    return { units, includedUnits: included, charge: kopecks((units - included) * tariff.smsPriceCk), counter: "sms", category: "sms" };
  }
  const included = Math.min(units, Math.max(0, tariff.includedMb * 1024 - used.dataKbUsed));
  return { units, includedUnits: included, charge: dataKopecks(units - included, tariff.mbPriceCk), counter: "dataKb", category: "data" };
}
