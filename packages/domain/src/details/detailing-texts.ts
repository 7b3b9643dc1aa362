import type { UsageKind } from "../db/schema.ts";
import { zoneOffsetMs } from "../shared/billing-calendar.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";
import type { DetailingLocale, DetailingRow } from "./detailing-scope.ts";

/**
 * The words inside the files. They are produced in the background (a job, possibly in a worker
 * thread) where the web app's catalogues are not at hand, so the two languages live here.
 */
export interface DetailingTexts {
  columns: {
    dateTime: string;
    number: string;
    employee: string;
    department: string;
    kind: string;
    otherParty: string;
    durationSeconds: string;
    volumeKb: string;
    charge: string;
  };
  kinds: Record<UsageKind, string>;
  roaming: string;
  /** XLSX sheet names. */
  detailsSheet: string;
  totalsSheet: string;
  totals: { rows: string; charge: string; lineTotal: string; grandTotal: string };
  pdf: {
    title: string;
    period: string;
    company: string;
    page: (page: number, pages: number) => string;
    generatedAt: string;
    noUsage: string;
  };
}

export const detailingTexts: Record<DetailingLocale, DetailingTexts> = {
  ru: {
    columns: {
      dateTime: "Дата и время",
      number: "Номер",
      employee: "Сотрудник",
      department: "Отдел",
      kind: "Вид",
      otherParty: "Другая сторона",
      durationSeconds: "Длительность, с",
      volumeKb: "Объём, КБ",
      charge: "Сумма, ₽",
    },
    kinds: {
      call_out: "Исходящий звонок",
      call_in: "Входящий звонок",
      sms_out: "Исходящее SMS",
      sms_in: "Входящее SMS",
      data: "Мобильный интернет",
    },
    roaming: "роуминг",
    detailsSheet: "Детализация",
    totalsSheet: "Итого",
    totals: { rows: "Событий", charge: "Сумма, ₽", lineTotal: "Итого по номеру", grandTotal: "Итого" },
    pdf: {
      title: "Детализация звонков, SMS и мобильного интернета",
      period: "Период",
      company: "Организация",
      page: (page, pages) => `Страница ${page} из ${pages}`,
      generatedAt: "Сформировано",
      noUsage: "За период нет звонков, SMS и сессий интернета.",
    },
  },
  en: {
    columns: {
      dateTime: "Date and time",
      number: "Number",
      employee: "Employee",
      department: "Department",
      kind: "Kind",
      otherParty: "Other party",
      durationSeconds: "Duration, s",
      volumeKb: "Volume, KB",
      charge: "Charge, ₽",
    },
    kinds: {
      call_out: "Outgoing call",
      call_in: "Incoming call",
      sms_out: "Outgoing SMS",
      sms_in: "Incoming SMS",
      data: "Mobile data",
    },
    roaming: "roaming",
    detailsSheet: "Details",
    totalsSheet: "Totals",
    totals: { rows: "Events", charge: "Charge, ₽", lineTotal: "Line total", grandTotal: "Total" },
    pdf: {
      title: "Call, SMS and mobile data details",
      period: "Period",
      company: "Company",
      page: (page, pages) => `Page ${page} of ${pages}`,
      generatedAt: "Produced",
      noUsage: "No calls, SMS or data sessions in the period.",
    },
  },
};

export function columnTitles(texts: DetailingTexts): string[] {
  const c = texts.columns;
  return [c.dateTime, c.number, c.employee, c.department, c.kind, c.otherParty, c.durationSeconds, c.volumeKb, c.charge];
}

export function kindLabel(texts: DetailingTexts, row: Pick<DetailingRow, "kind" | "roaming">): string {
  return row.roaming ? `${texts.kinds[row.kind]}, ${texts.roaming}` : texts.kinds[row.kind];
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `dd.mm.yyyy HH:mm:ss` in the zone. Called for every row of a file of hundreds of thousands, so
 * the zone's offset comes from the billing calendar's per-hour cache rather than a formatter.
 */
export function localDateTime(at: number, timeZone: string): string {
  const d = new Date(at + zoneOffsetMs(timeZone, at));
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** The local wall-clock time as a Date whose UTC fields are the zone's (what a spreadsheet cell holds). */
export function localWallClock(at: number, timeZone: string): Date {
  return new Date(at + zoneOffsetMs(timeZone, at));
}

/** Kopecks as roubles with a decimal comma, as the movements CSV writes them: `-12,05`. */
export function roubles(kopecks: number): string {
  const abs = Math.abs(kopecks);
  const rest = abs % 100;
  return `${kopecks < 0 ? "-" : ""}${Math.floor(abs / 100)},${rest < 10 ? `0${rest}` : rest}`;
}

/** A number in the written form (`+7 912 345-67-89`: also kept as text by spreadsheets); short codes and APNs as they are. */
export function partyLabel(value: string | null): string {
  return value === null ? "" : formatMsisdn(value);
}

/**
 * Text typed by people (employee, department) as a spreadsheet must not take it: a value starting
 * with `=`, `+`, `-` or `@` would be run as a formula by Excel opening the CSV, so it gets a leading
 * apostrophe. No real name starts so; the XLSX needs none (its strings are never formulas).
 */
export function spreadsheetText(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Data sessions in kilobytes as billed (started KB); calls and SMS have none. */
export function volumeKb(row: Pick<DetailingRow, "volumeBytes">): number | null {
  return row.volumeBytes === null ? null : Math.ceil(row.volumeBytes / 1024);
}

export function durationOf(row: Pick<DetailingRow, "kind" | "durationSeconds">): number | null {
  return row.kind === "call_out" || row.kind === "call_in" ? (row.durationSeconds ?? 0) : null;
}
