import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";
import type { BulkRefusalReason } from "./bulk-change-types.ts";
import { allBulkChangeLines, type BulkChangeLineRow, type CatalogueName, getBulkChange } from "./bulk-change-view.ts";

/** The report's words in the reader's language, given by the page (the domain holds no catalogue). */
export interface BulkReportTexts {
  locale: "ru" | "en";
  /** Row, number, employee, tariff before, tariff after, services before, services after, fee before, fee after, difference, outcome. */
  columns: readonly [string, string, string, string, string, string, string, string, string, string, string];
  /** What happened to a line that changes: changed (applied), to change (not yet), not changed (refused, failed or cancelled). */
  outcomes: { changed: string; pending: string; notChanged: string };
  reasons: Record<BulkRefusalReason, string>;
}

type Cell = string | number | null;

function reportRows(lines: BulkChangeLineRow[], texts: BulkReportTexts, lineOutcome: string): Cell[][] {
  const name = (item: CatalogueName | null) => (item == null ? "" : texts.locale === "en" ? item.nameEn : item.nameRu);
  const names = (items: CatalogueName[]) => items.map(name).join(", ");
  return lines.map((line) => {
    const reason = line.refusal == null ? lineOutcome : texts.reasons[line.refusal] + (line.refusalService ? ` (${name(line.refusalService)})` : "");
    return [
      line.sourceRow,
      line.msisdn ? formatMsisdn(line.msisdn) : (line.input ?? ""),
      line.employeeName ?? "",
      name(line.tariffBefore),
      line.refusal == null ? name(line.tariffAfter) : "",
      line.tariffBefore == null ? "" : names(line.servicesBefore),
      line.refusal == null ? names(line.servicesAfter) : "",
      line.feeBefore,
      line.refusal == null ? line.feeAfter : null,
      line.refusal == null && line.feeAfter != null && line.feeBefore != null ? line.feeAfter - line.feeBefore : null,
      reason,
    ];
  });
}

const MONEY_COLUMNS = new Set([7, 8, 9]);

/**
 * A bulk change's report: every line with its tariff and services before and after, the monthly
 * fees and their difference, and what happened to it (changed, to change, not changed, or why it
 * was refused). CSV as the movements export writes it (UTF-8 with a BOM, `;`, CRLF, roubles with a
 * decimal comma) or XLSX (exceljs's streaming writer; money as number cells).
 */
export async function bulkChangeReport(
  deps: Deps,
  actor: Actor,
  input: { bulkChangeId: number; format: "csv" | "xlsx"; texts: BulkReportTexts },
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const change = getBulkChange(deps, actor, input.bulkChangeId);
  const lines = allBulkChangeLines(deps, actor, input.bulkChangeId);
  const { texts } = input;
  const outcome = change.appliedAt ? texts.outcomes.changed : ["failed", "cancelled"].includes(change.status) ? texts.outcomes.notChanged : texts.outcomes.pending;
  const rows = reportRows(lines, texts, outcome);
  const baseName = `bulk-change-${change.id}`;
  if (input.format === "csv") {
    const roubles = (kopecks: number) => `${kopecks < 0 ? "-" : ""}${Math.floor(Math.abs(kopecks) / 100)},${String(Math.abs(kopecks) % 100).padStart(2, "0")}`;
    const csv = stringify(
      [texts.columns as unknown as string[], ...rows.map((row) => row.map((cell, i) => (cell == null ? "" : MONEY_COLUMNS.has(i) ? roubles(cell as number) : String(cell))))],
      { delimiter: ";", record_delimiter: "\r\n" },
    );
    return { fileName: `${baseName}.csv`, contentType: "text/csv; charset=utf-8", bytes: Buffer.from(`\uFEFF${csv}`, "utf8") };
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(texts.locale === "en" ? "Bulk change" : "Массовая смена", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [8, 20, 28, 22, 22, 36, 36, 14, 14, 14, 34].map((width, i) => ({ width, style: MONEY_COLUMNS.has(i) ? { numFmt: "#,##0.00" } : {} }));
  const header = sheet.addRow([...texts.columns]);
  header.font = { bold: true };
  header.commit();
  for (const row of rows) sheet.addRow(row.map((cell, column) => (MONEY_COLUMNS.has(column) && typeof cell === "number" ? cell / 100 : cell))).commit();
  sheet.commit();
  await workbook.commit();
  await finished;
  return { fileName: `${baseName}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: Buffer.concat(chunks) };
}
