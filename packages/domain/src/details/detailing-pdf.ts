import type { Writable } from "node:stream";
import { type DetailingPdfLine, type DetailingPdfTotal, renderDetailingPdf } from "@cabinet/pdf";
import { usageKinds } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";
import type { DetailingLine } from "./detailing-rows.ts";
import { addToTotals, type DetailingLocale, type DetailingRow, type DetailingScope, type DetailingTotals, emptyTotals } from "./detailing-scope.ts";
import { type DetailingTexts, kindLabel, localDateTime, partyLabel } from "./detailing-texts.ts";
import { turn, writeWithBackpressure } from "./detailing-output.ts";

const PDF_TEXTS = {
  ru: { continued: "(продолжение)", columns: ["Дата и время", "Вид", "Другая сторона", "Длит. / объём", "Сумма, ₽"], mb: "МБ", decimal: "," },
  en: { continued: "(continued)", columns: ["Date and time", "Kind", "Other party", "Duration / volume", "Charge, ₽"], mb: "MB", decimal: "." },
} as const;

/** `1 234,56` (ru) or `1,234.56` (en): money as people read it on paper. */
function moneyText(kopecks: number, locale: DetailingLocale): string {
  const abs = Math.abs(kopecks);
  const whole = Math.floor(abs / 100).toLocaleString(locale === "ru" ? "ru-RU" : "en-GB");
  return `${kopecks < 0 ? "-" : ""}${whole}${PDF_TEXTS[locale].decimal}${String(abs % 100).padStart(2, "0")}`;
}

function durationText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const sec = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

function amountText(row: DetailingRow, locale: DetailingLocale): string {
  if (row.kind === "call_out" || row.kind === "call_in") return durationText(row.durationSeconds ?? 0);
  if (row.kind === "data") return `${((row.volumeBytes ?? 0) / 1_048_576).toFixed(2).replace(".", PDF_TEXTS[locale].decimal)} ${PDF_TEXTS[locale].mb}`;
  return "";
}

function totalsOf(totals: DetailingTotals, texts: DetailingTexts, locale: DetailingLocale): DetailingPdfTotal[] {
  return usageKinds
    .filter((kind) => totals.byKind[kind].rows > 0)
    .map((kind) => ({ label: texts.kinds[kind], count: `${texts.totals.rows}: ${totals.byKind[kind].rows}`, charge: moneyText(totals.byKind[kind].charge, locale) }));
}

/**
 * The call details as a PDF (at most DETAILING_PDF_MAX_ROWS rows, checked by the caller): the rows
 * are gathered, formatted and handed to the renderer of @cabinet/pdf, whose document pdf-lib keeps
 * in memory anyway; the bytes are then written to `out`, which is ended.
 */
export async function writeDetailingPdf(
  deps: Deps,
  scope: DetailingScope,
  rows: Iterable<DetailingRow>,
  lines: DetailingLine[],
  texts: DetailingTexts,
  locale: DetailingLocale,
  timeZone: string,
  out: Writable,
  afterBatch: (done: number) => Promise<void>,
): Promise<DetailingTotals> {
  const totals = emptyTotals();
  const byLine = new Map<number, { line: DetailingPdfLine; totals: DetailingTotals }>();
  let current: { line: DetailingPdfLine; totals: DetailingTotals } | undefined;
  for (const row of rows) {
    if (current === undefined || !byLine.has(row.lineId)) {
      current = {
        line: { number: formatMsisdn(row.msisdn), employee: row.employeeName ?? "", department: row.departmentName ?? "", rows: [], totals: [], total: { label: "", count: "", charge: "" } },
        totals: emptyTotals(),
      };
      byLine.set(row.lineId, current);
    }
    current.line.rows.push([localDateTime(row.startedAt, timeZone), kindLabel(texts, row), partyLabel(row.otherParty), amountText(row, locale), moneyText(row.charge, locale)]);
    addToTotals(current.totals, row);
    addToTotals(totals, row);
    if (totals.rows % 2_000 === 0) await afterBatch(totals.rows);
  }
  // Lines asked for but silent in the period are listed at the end of the totals only (no empty tables).
  const pdfLines = lines.flatMap((line) => {
    const found = byLine.get(line.lineId);
    if (!found) return [];
    found.line.totals = totalsOf(found.totals, texts, locale);
    found.line.total = { label: texts.totals.lineTotal, count: `${texts.totals.rows}: ${found.totals.rows}`, charge: moneyText(found.totals.charge, locale) };
    return [found.line];
  });
  const company = deps.db.$client.prepare("select name from companies where id = ?").pluck().get(scope.companyId) as string | undefined;
  const lastDay = localDateTime(Math.max(scope.from, scope.to - 1), timeZone).slice(0, 10);
  await turn();
  const bytes = await renderDetailingPdf({
    texts: {
      title: texts.pdf.title,
      company: texts.pdf.company,
      period: texts.pdf.period,
      generatedAt: texts.pdf.generatedAt,
      columns: [...PDF_TEXTS[locale].columns],
      employee: texts.columns.employee,
      department: texts.columns.department,
      continued: PDF_TEXTS[locale].continued,
      lineTotal: texts.totals.lineTotal,
      grandTotal: texts.totals.grandTotal,
      rows: texts.totals.rows,
      noUsage: texts.pdf.noUsage,
      page: texts.pdf.page,
    },
    companyName: company ?? "",
    periodText: `${localDateTime(scope.from, timeZone).slice(0, 10)} — ${lastDay} (${timeZone})`,
    generatedAtText: localDateTime(deps.clock.now().getTime(), timeZone).slice(0, 16),
    lines: pdfLines,
    totals: totalsOf(totals, texts, locale),
    total: { label: texts.totals.grandTotal, count: `${texts.totals.rows}: ${totals.rows}`, charge: moneyText(totals.charge, locale) },
  });
  await writeWithBackpressure(out, bytes);
  out.end();
  return totals;
}
