import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { usageKinds } from "../db/schema.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";
import type { DetailingLine } from "./detailing-rows.ts";
import { addToTotals, type DetailingRow, type DetailingTotals, emptyTotals } from "./detailing-scope.ts";
import { columnTitles, type DetailingTexts, durationOf, kindLabel, localWallClock, partyLabel, volumeKb } from "./detailing-texts.ts";
import { turn } from "./detailing-output.ts";

/**
 * The sheet rule: one sheet per line (named by its number) when the file covers at most this many
 * lines, which stays easy to move between in a spreadsheet's tabs; above it one sheet with the
 * number column, which a filter slices by number at least as easily as a thousand tabs would.
 */
export const XLSX_SHEET_PER_LINE_MAX_LINES = 50;
/** Excel's sheet holds 1,048,576 rows: a long single sheet continues on the next one. */
export const XLSX_MAX_ROWS_PER_SHEET = 1_000_000;
/** Rows written between looks at the sheet's backlog (see waitForSheetBacklog). */
const ROWS_PER_TURN = 128;
/** How much of a sheet's XML may wait for the ZIP deflate before the writer waits for it. */
const MAX_SHEET_BACKLOG_BYTES = 1 << 19;

const COLUMN_WIDTHS = [20, 18, 32, 24, 28, 20, 16, 12, 12];
const DATE_FORMAT = "dd.mm.yyyy hh:mm:ss";
const MONEY_FORMAT = "#,##0.00";

type Sheet = ExcelJS.Worksheet;

/** One style object per column, shared by every row (see the loop). */
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const ROW_STYLES: Partial<ExcelJS.Style>[] = [
  { numFmt: DATE_FORMAT },
  PLAIN_STYLE,
  PLAIN_STYLE,
  PLAIN_STYLE,
  PLAIN_STYLE,
  PLAIN_STYLE,
  PLAIN_STYLE,
  PLAIN_STYLE,
  { numFmt: MONEY_FORMAT },
];

/**
 * The call details as an XLSX workbook, written with exceljs's streaming writer: each row is
 * committed as it is produced. Real cells: the time is a date cell in the region's wall-clock time,
 * duration, volume and charge are numbers. Header bold and frozen. After the details a totals sheet:
 * per line and kind, per line, and for the file. Ends `out` (exceljs's ZIP ends it).
 */
export async function writeDetailingXlsx(
  rows: Iterable<DetailingRow>,
  lines: DetailingLine[],
  texts: DetailingTexts,
  timeZone: string,
  out: Writable,
  afterBatch: (done: number) => Promise<void>,
): Promise<DetailingTotals> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const perLine = lines.length <= XLSX_SHEET_PER_LINE_MAX_LINES;
  const usedNames = new Set<string>();
  const sheetName = (base: string) => {
    let name = base.replace(/[\\/?*[\]:]/g, " ").slice(0, 31);
    for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = `${base.slice(0, 25)} (${n})`;
    usedNames.add(name.toLowerCase());
    return name;
  };
  const newSheet = (name: string): Sheet => {
    const sheet = workbook.addWorksheet(sheetName(name), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = COLUMN_WIDTHS.map((width) => ({ width }));
    const header = sheet.addRow(columnTitles(texts));
    header.font = { bold: true };
    header.commit();
    return sheet;
  };

  const totals = emptyTotals();
  const byLine = new Map<number, DetailingTotals>();
  let sheet: Sheet | null = null;
  let sheetRows = 0;
  let sheetCount = 0;
  let lineId = -1;
  let number = "";
  let lineTotals = emptyTotals();
  for (const row of rows) {
    if (row.lineId !== lineId) {
      lineId = row.lineId;
      number = formatMsisdn(row.msisdn);
      lineTotals = emptyTotals();
      byLine.set(lineId, lineTotals);
      if (perLine) {
        sheet?.commit();
        sheet = newSheet(number);
        sheetRows = 0;
      }
    }
    if (!sheet || sheetRows === XLSX_MAX_ROWS_PER_SHEET) {
      sheet?.commit();
      sheetCount++;
      sheet = newSheet(sheetCount === 1 ? texts.detailsSheet : `${texts.detailsSheet} (${sheetCount})`);
      sheetRows = 0;
    }
    const added = sheet.addRow([
      localWallClock(row.startedAt, timeZone),
      number,
      row.employeeName ?? "",
      row.departmentName ?? "",
      kindLabel(texts, row),
      partyLabel(row.otherParty),
      durationOf(row),
      volumeKb(row),
      row.charge / 100,
    ]);
    // exceljs gives every cell a style object of its own and, at commit, looks each one up by its
    // value (a fifth of its time per row); a style object it has seen before is found by identity.
    for (let c = 0; c < ROW_STYLES.length; c++) added.getCell(c + 1).style = ROW_STYLES[c] as Partial<ExcelJS.Style>;
    added.commit();
    sheetRows++;
    addToTotals(totals, row);
    addToTotals(lineTotals, row);
    if (totals.rows % ROWS_PER_TURN === 0) {
      await waitForSheetBacklog(sheet, out);
      await afterBatch(totals.rows);
    }
  }
  // A file without a single event still has its (empty) details sheet with the header.
  if (!sheet) sheet = newSheet(texts.detailsSheet);
  sheet.commit();
  writeTotalsSheet(workbook.addWorksheet(sheetName(texts.totalsSheet), { views: [{ state: "frozen", ySplit: 1 }] }), lines, byLine, totals, texts);
  await workbook.commit();
  return totals;
}

interface LegacyStreamState {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

/**
 * exceljs's streaming writer does not wait for anybody: each committed row's XML goes into the
 * sheet's buffer (a StreamBuf) and on into the PassThrough that archiver reads the ZIP entry from,
 * ignoring that stream's backpressure, so a writer that commits rows in a loop piles the whole sheet
 * up in memory while zlib deflates behind it (20,000 rows: 5 MB). Hence, every few hundred rows, wait
 * until what is waiting for the deflate (and, behind it, for `out`) is under a megabyte. The
 * buffers are exceljs 4.4.0's internals (the `stream` getter and StreamBuf's `pipes`); if a later
 * version changes them the backlog reads as 0 and the writer still yields a turn.
 */
async function waitForSheetBacklog(sheet: Sheet, out: Writable): Promise<void> {
  await turn();
  // The output gone (disk full, the caller's failure) would leave the backlog waiting forever.
  if (out.destroyed) throw out.errored ?? new Error("the detailing output was closed");
  const pipes = (sheet as unknown as { stream?: { pipes?: LegacyStreamState[] } }).stream?.pipes ?? [];
  const backlog = () => pipes.reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0), 0);
  while (backlog() > MAX_SHEET_BACKLOG_BYTES) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (out.destroyed) throw out.errored ?? new Error("the detailing output was closed");
  }
}

function writeTotalsSheet(sheet: Sheet, lines: DetailingLine[], byLine: Map<number, DetailingTotals>, totals: DetailingTotals, texts: DetailingTexts): void {
  const c = texts.columns;
  sheet.columns = [20, 32, 24, 28, 12, 14].map((width, i) => (i === 5 ? { width, style: { numFmt: MONEY_FORMAT } } : { width }));
  const header = sheet.addRow([c.number, c.employee, c.department, c.kind, texts.totals.rows, texts.totals.charge]);
  header.font = { bold: true };
  header.commit();
  for (const line of lines) {
    const lineTotals = byLine.get(line.lineId) ?? emptyTotals();
    const number = formatMsisdn(line.msisdn);
    for (const kind of usageKinds) {
      const k = lineTotals.byKind[kind];
      if (k.rows > 0) sheet.addRow([number, line.employeeName ?? "", line.departmentName ?? "", texts.kinds[kind], k.rows, k.charge / 100]).commit();
    }
    const sum = sheet.addRow([number, line.employeeName ?? "", line.departmentName ?? "", texts.totals.lineTotal, lineTotals.rows, lineTotals.charge / 100]);
    sum.font = { bold: true };
    sum.commit();
  }
  for (const kind of usageKinds) {
    const k = totals.byKind[kind];
    if (k.rows > 0) sheet.addRow(["", "", "", texts.kinds[kind], k.rows, k.charge / 100]).commit();
  }
  const grand = sheet.addRow(["", "", "", texts.totals.grandTotal, totals.rows, totals.charge / 100]);
  grand.font = { bold: true };
  grand.commit();
  sheet.commit();
}
