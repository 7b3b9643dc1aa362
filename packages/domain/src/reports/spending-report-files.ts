import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import { spreadsheetText } from "../details/detailing-texts.ts";
import { csvPhoneNumber, formatMsisdn } from "../shared/phone-numbers.ts";
import {
  compareSpending,
  type DepartmentSpending,
  type LineSpending,
  type ReportScope,
  reportDepartments,
  reportLines,
  reportScope,
  reportTotals,
  type SpendingFigures,
} from "./spending-report.ts";

/** The words of a report file, in the reader's language (the web's catalogue supplies them). */
export interface SpendingReportLabels {
  number: string;
  employee: string;
  department: string;
  lineCount: string;
  calls: string;
  sms: string;
  data: string;
  roaming: string;
  total: string;
  previous: string;
  difference: string;
  percent: string;
  /** The split of a `split` spending limit, written only when some usage was the employees' to pay. */
  companyPays: string;
  employeePays: string;
  /** The first cell of the totals row. */
  allLines: string;
  noDepartment: string;
  /** Sheet names (at most 31 characters). */
  departmentsSheet: string;
  linesSheet: string;
}

export const spendingReportTables = ["lines", "departments"] as const;
export type SpendingReportTable = (typeof spendingReportTables)[number];

/** One table of the report as the files write it: header, rows and the totals row, money in kopecks. */
interface ReportTable {
  /** Whether the company's and the employees' parts have columns of their own. */
  split: boolean;
  header: string[];
  /** How many leading text columns come before the numbers. */
  textColumns: number;
  rows: { text: (string | number)[]; current: SpendingFigures; previous: number }[];
  totals: { text: (string | number)[]; current: SpendingFigures; previous: number };
}

const moneyHeader = (labels: SpendingReportLabels, split: boolean) => [
  labels.calls,
  labels.sms,
  labels.data,
  labels.roaming,
  labels.total,
  ...(split ? [labels.companyPays, labels.employeePays] : []),
  labels.previous,
  labels.difference,
  labels.percent,
];

/**
 * How a file writes text: a CSV cell that Excel would run as a formula (`+7 …`, a name starting
 * with `=`) is kept text the way the call details' CSV does (numbers `8 912 …`, others an
 * apostrophe); an XLSX string cell is never a formula.
 */
interface TextCells {
  number: (msisdn: string) => string;
  text: (value: string) => string;
}
const csvCells: TextCells = { number: csvPhoneNumber, text: spreadsheetText };
const xlsxCells: TextCells = { number: formatMsisdn, text: (value) => value };

function linesTable(lines: LineSpending[], totals: { current: SpendingFigures; previous: number }, labels: SpendingReportLabels, split: boolean, cells: TextCells): ReportTable {
  return {
    split,
    header: [labels.number, labels.employee, labels.department, ...moneyHeader(labels, split)],
    textColumns: 3,
    rows: lines.map((line) => ({
      text: [cells.number(line.msisdn), cells.text(line.employeeName ?? ""), cells.text(line.departmentName ?? labels.noDepartment)],
      current: line.current,
      previous: line.previous,
    })),
    totals: { text: [labels.allLines, "", ""], ...totals },
  };
}

function departmentsTable(
  departments: DepartmentSpending[],
  totals: { current: SpendingFigures; previous: number; lineCount: number },
  labels: SpendingReportLabels,
  split: boolean,
  cells: TextCells,
): ReportTable {
  return {
    split,
    header: [labels.department, labels.lineCount, ...moneyHeader(labels, split)],
    textColumns: 2,
    rows: departments.map((d) => ({ text: [cells.text(d.name ?? labels.noDepartment), d.lineCount], current: d.current, previous: d.previous })),
    totals: { text: [labels.allLines, totals.lineCount], current: totals.current, previous: totals.previous },
  };
}

function tableOf(scope: ReportScope, table: SpendingReportTable, labels: SpendingReportLabels, cells: TextCells): ReportTable {
  const totals = reportTotals(scope);
  const companyTotals = { current: totals.current, previous: totals.previous.total, lineCount: totals.lineCount };
  return table === "lines"
    ? linesTable(reportLines(scope, { sort: "spending" }), companyTotals, labels, totals.employeePays, cells)
    : departmentsTable(reportDepartments(scope), companyTotals, labels, totals.employeePays, cells);
}

/** `202611` → `2026-11`, for file names. */
const monthText = (month: number) => `${Math.floor(month / 100)}-${String(month % 100).padStart(2, "0")}`;

// Money as the movements CSV writes it: roubles with a decimal comma, no grouping (Excel in a
// Russian locale reads it as a number).
const roubles = (kopecks: number) => `${kopecks < 0 ? "-" : ""}${Math.floor(Math.abs(kopecks) / 100)},${String(Math.abs(kopecks) % 100).padStart(2, "0")}`;
const percentText = (percent: number | null) => (percent === null ? "" : percent.toFixed(1).replace(".", ","));

function moneyCells(current: SpendingFigures, previous: number, split: boolean) {
  const change = compareSpending(current.total, previous);
  const parts = split ? [current.total - current.employee, current.employee] : [];
  return { money: [current.calls, current.sms, current.data, current.roaming, current.total, ...parts, previous, change.difference], percent: change.percent };
}

/**
 * One table of a month's spending report (the lines, or the departments) as CSV that Excel in a
 * Russian locale opens as it is: UTF-8 with a BOM, `;`, CRLF, numbers `8 912 345-67-89` (a cell
 * starting with `+` would be a formula), money in roubles with a decimal
 * comma, the change in percent with one decimal (empty when the previous month had nothing), and a
 * last row of the company's totals. Every line with usage in either month, largest first.
 */
export function exportSpendingReportCsv(
  deps: Deps,
  actor: Actor,
  query: { month?: number; table: SpendingReportTable },
  labels: SpendingReportLabels,
): { fileName: string; bytes: Buffer } {
  const scope = reportScope(deps, actor, query.month);
  const table = tableOf(scope, query.table, labels, csvCells);
  const record = (text: (string | number)[], current: SpendingFigures, previous: number) => {
    const { money, percent } = moneyCells(current, previous, table.split);
    return [...text.map(String), ...money.map(roubles), percentText(percent)];
  };
  const csv = stringify([table.header, ...table.rows.map((row) => record(row.text, row.current, row.previous)), record(table.totals.text, table.totals.current, table.totals.previous)], {
    delimiter: ";",
    record_delimiter: "\r\n",
  });
  return { fileName: `spending-${query.table}-${monthText(scope.month)}.csv`, bytes: Buffer.from(`\uFEFF${csv}`, "utf8") };
}

const MONEY_FORMAT = '#,##0.00 "₽"';
const PERCENT_FORMAT = "0.0%";

/**
 * The month's spending report as an XLSX workbook: a sheet of departments and a sheet of lines,
 * each with a bold header row frozen in place, money as number cells in roubles (formatted
 * `1 234,50 ₽` by Excel in the reader's locale), the change as a percent cell, and a totals row.
 * Written with exceljs's streaming writer row by row, so a 100,000-line company's file does not
 * hold a workbook in memory.
 */
export async function exportSpendingReportXlsx(deps: Deps, actor: Actor, query: { month?: number }, labels: SpendingReportLabels): Promise<{ fileName: string; bytes: Buffer }> {
  const scope = reportScope(deps, actor, query.month);
  const tables: [string, ReportTable][] = [
    [labels.departmentsSheet, tableOf(scope, "departments", labels, xlsxCells)],
    [labels.linesSheet, tableOf(scope, "lines", labels, xlsxCells)],
  ];
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on("end", resolve);
    output.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  for (const [name, table] of tables) {
    const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.header.map((header, index) => ({
      header,
      width: index < table.textColumns ? (index === 0 ? 24 : 18) : 16,
      style: index < table.textColumns ? {} : { numFmt: index === table.header.length - 1 ? PERCENT_FORMAT : MONEY_FORMAT },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    const write = (text: (string | number)[], current: SpendingFigures, previous: number, bold: boolean) => {
      const { money, percent } = moneyCells(current, previous, table.split);
      const row = sheet.addRow([...text, ...money.map((kopecks) => kopecks / 100), percent === null ? null : percent / 100]);
      if (bold) row.font = { bold: true };
      row.commit();
    };
    for (const row of table.rows) write(row.text, row.current, row.previous, false);
    write(table.totals.text, table.totals.current, table.totals.previous, true);
    sheet.commit();
  }
  await workbook.commit();
  await finished;
  return { fileName: `spending-${monthText(scope.month)}.xlsx`, bytes: Buffer.concat(chunks) };
}
