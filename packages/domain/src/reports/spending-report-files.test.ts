import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvPhoneNumber, formatMsisdn } from "../shared/phone-numbers.ts";
import { ratedCharges, reportFixture, splitHalfOfCharges } from "./report-test-fixtures.ts";
import { exportSpendingReportCsv, exportSpendingReportXlsx, type SpendingReportLabels } from "./spending-report-files.ts";
import { getSpendingReport, reportLines, reportScope } from "./spending-report.ts";

const labels: SpendingReportLabels = {
  number: "Номер",
  employee: "Сотрудник",
  department: "Отдел",
  lineCount: "Номеров",
  calls: "Звонки, ₽",
  sms: "SMS, ₽",
  data: "Интернет, ₽",
  roaming: "Роуминг, ₽",
  total: "Итого, ₽",
  previous: "Прошлый месяц, ₽",
  difference: "Разница, ₽",
  percent: "Разница, %",
  companyPays: "Платит компания, ₽",
  employeePays: "Платит сотрудник, ₽",
  allLines: "Итого",
  noDepartment: "Без отдела",
  departmentsSheet: "Отделы",
  linesSheet: "Сотрудники",
};

/** `1234,50` → 123450 kopecks, exactly (no floating point on the way). */
const kopecksOf = (text: string) => {
  const match = /^(-?)(\d+),(\d\d)$/.exec(text);
  if (!match) throw new Error(`not money: ${text}`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
};

describe("the spending report's files", () => {
  it("CSV: BOM, semicolons, CRLF; every line's row and the totals equal the rated events to the kopeck", () => {
    const { deps, company } = reportFixture();
    const file = exportSpendingReportCsv(deps, company.admin, { month: 202611, table: "lines" }, labels);
    expect(file.fileName).toBe("spending-lines-2026-11.csv");
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString("utf8");
    expect(text).toContain("\r\n");
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    const rows = parse(file.bytes, { bom: true, delimiter: ";", record_delimiter: "\r\n" }) as string[][];
    expect(rows[0]).toEqual(["Номер", "Сотрудник", "Отдел", "Звонки, ₽", "SMS, ₽", "Интернет, ₽", "Роуминг, ₽", "Итого, ₽", "Прошлый месяц, ₽", "Разница, ₽", "Разница, %"]);
    const body = rows.slice(1, -1);
    const totals = rows.at(-1) as string[];
    const rated = ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", 202611);
    const previous = ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", 202610);
    const lines = reportLines(reportScope(deps, company.admin, 202611), { sort: "spending" });
    expect(body).toHaveLength(lines.length);
    for (const [index, row] of body.entries()) {
      const line = lines[index];
      if (!line) throw new Error("row without a line");
      expect(row[0]).toBe(csvPhoneNumber(line.msisdn));
      expect(row[0]).toMatch(/^8 9\d\d \d{3}-\d\d-\d\d$/);
      expect(row[1]).toBe(line.employeeName);
      expect(kopecksOf(row[7] as string)).toBe(rated.byLine.get(line.lineId) ?? 0);
      expect(kopecksOf(row[8] as string)).toBe(previous.byLine.get(line.lineId) ?? 0);
      expect(kopecksOf(row[9] as string)).toBe(kopecksOf(row[7] as string) - kopecksOf(row[8] as string));
      expect(row.slice(3, 7).reduce((sum, cell) => sum + kopecksOf(cell), 0)).toBe(kopecksOf(row[7] as string));
    }
    // Largest first, as the page's default.
    const spent = body.map((row) => kopecksOf(row[7] as string));
    expect(spent).toEqual([...spent].sort((a, b) => b - a));
    expect(totals[0]).toBe("Итого");
    expect(totals.slice(3, 8).map(kopecksOf)).toEqual([rated.byCategory.calls, rated.byCategory.sms, rated.byCategory.data, rated.byCategory.roaming, rated.byCategory.total]);
    expect(kopecksOf(totals[8] as string)).toBe(previous.byCategory.total);
    expect(body.reduce((sum, row) => sum + kopecksOf(row[7] as string), 0)).toBe(rated.byCategory.total);
    const percent = ((rated.byCategory.total - previous.byCategory.total) / previous.byCategory.total) * 100;
    expect(totals[10]).toBe(percent.toFixed(1).replace(".", ","));
  });

  it("CSV of departments: one row per department, lines without one named, totals equal the company's", () => {
    const { deps, company } = reportFixture();
    const file = exportSpendingReportCsv(deps, company.admin, { month: 202610, table: "departments" }, labels);
    const rows = parse(file.bytes, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]?.slice(0, 2)).toEqual(["Отдел", "Номеров"]);
    expect(rows.slice(1, -1).map((row) => row[0]).sort()).toEqual(["Без отдела", "Бухгалтерия", "Продажи"]);
    const rated = ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", 202610);
    expect(rows.slice(1, -1).reduce((sum, row) => sum + kopecksOf(row[6] as string), 0)).toBe(rated.byCategory.total);
    expect(rows.at(-1)?.slice(0, 2)).toEqual(["Итого", "8"]);
    expect(kopecksOf(rows.at(-1)?.[6] as string)).toBe(rated.byCategory.total);
  });

  it("XLSX: two sheets with a frozen bold header, money as number cells in roubles, percent cells, totals to the kopeck", async () => {
    const { deps, company, neighbour } = reportFixture();
    const file = await exportSpendingReportXlsx(deps, company.admin, { month: 202611 }, labels);
    expect(file.fileName).toBe("spending-2026-11.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Отделы", "Сотрудники"]);
    const rated = ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", 202611);
    const report = getSpendingReport(deps, company.admin, { month: 202611 });
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.getCell("A1").value).toBe(sheet.name === "Отделы" ? "Отдел" : "Номер");
    }
    const lines = workbook.getWorksheet("Сотрудники") as ExcelJS.Worksheet;
    const lastRow = lines.rowCount;
    expect(lastRow).toBe(1 + 8 + 1);
    const totalColumn = 8; // H: this month's total
    let sum = 0;
    for (let r = 2; r < lastRow; r++) {
      const cell = lines.getRow(r).getCell(totalColumn);
      expect(typeof cell.value).toBe("number");
      expect(cell.numFmt).toContain("#,##0.00");
      sum += Math.round((cell.value as number) * 100);
    }
    expect(sum).toBe(rated.byCategory.total);
    const totals = lines.getRow(lastRow);
    expect(totals.getCell(1).value).toBe("Итого");
    expect(totals.font?.bold).toBe(true);
    expect(Math.round((totals.getCell(totalColumn).value as number) * 100)).toBe(rated.byCategory.total);
    expect(totals.getCell(11).numFmt).toBe("0.0%");
    expect(totals.getCell(11).value).toBeCloseTo((report.totals.current.total - report.totals.previous.total) / report.totals.previous.total, 10);
    const departments = workbook.getWorksheet("Отделы") as ExcelJS.Worksheet;
    expect(departments.rowCount).toBe(1 + report.departments.length + 1);
    expect(Math.round((departments.getRow(departments.rowCount).getCell(7).value as number) * 100)).toBe(rated.byCategory.total);
    // Nothing of the neighbour's in the file.
    const numbers = new Set<string>();
    lines.eachRow((row) => numbers.add(String(row.getCell(1).value)));
    for (const lineId of neighbour.lineIds) {
      const msisdn = deps.db.$client.prepare("select msisdn from lines where id = ?").pluck().get(lineId) as string;
      expect(numbers.has(formatMsisdn(msisdn))).toBe(false);
    }
  });

  it("a month without usage gives files with the header and a totals row of zeros", async () => {
    const { deps, company } = reportFixture();
    const rows = parse(exportSpendingReportCsv(deps, company.admin, { month: 202601, table: "lines" }, labels).bytes, { bom: true, delimiter: ";" }) as string[][];
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(["Итого", "", "", "0,00", "0,00", "0,00", "0,00", "0,00", "0,00", "0,00", ""]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportSpendingReportXlsx(deps, company.admin, { month: 202601 }, labels)).bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet("Сотрудники")?.rowCount).toBe(2);
  });

  it("writes the company's and the employees' parts when a split limit left some usage to the employees", async () => {
    const { deps, company } = reportFixture();
    splitHalfOfCharges(deps, company.lineIds[1] as number, "Asia/Yekaterinburg", new Date("2026-11-01T00:00:00Z").getTime());
    const rated = ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", 202611);
    const rows = parse(exportSpendingReportCsv(deps, company.admin, { month: 202611, table: "departments" }, labels).bytes, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]?.slice(6, 9)).toEqual(["Итого, ₽", "Платит компания, ₽", "Платит сотрудник, ₽"]);
    const totals = rows.at(-1) as string[];
    expect(kopecksOf(totals[8] as string)).toBe(rated.byCategory.employee);
    expect(kopecksOf(totals[7] as string)).toBe(rated.byCategory.total - rated.byCategory.employee);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportSpendingReportXlsx(deps, company.admin, { month: 202611 }, labels)).bytes as unknown as ArrayBuffer);
    const lines = workbook.getWorksheet("Сотрудники") as ExcelJS.Worksheet;
    expect(lines.getCell("J1").value).toBe("Платит сотрудник, ₽");
    expect(Math.round((lines.getRow(lines.rowCount).getCell(10).value as number) * 100)).toBe(rated.byCategory.employee);
  });

  it("keeps names that Excel would run as formulas as text in the CSV, and as they are in the XLSX", async () => {
    const { deps, company } = reportFixture();
    deps.db.$client.prepare("update lines set employee_name = '=HYPERLINK(\"x\")' where id = ?").run(company.lineIds[0]);
    deps.db.$client.prepare("update departments set name = '@Отдел' where company_id = ? and name = 'Продажи'").run(company.companyId);
    const lines = parse(exportSpendingReportCsv(deps, company.admin, { month: 202611, table: "lines" }, labels).bytes, { bom: true, delimiter: ";" }) as string[][];
    expect(lines.some((row) => row[1] === `'=HYPERLINK("x")` && row[2] === "'@Отдел")).toBe(true);
    const departments = parse(exportSpendingReportCsv(deps, company.admin, { month: 202611, table: "departments" }, labels).bytes, { bom: true, delimiter: ";" }) as string[][];
    expect(departments.some((row) => row[0] === "'@Отдел")).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportSpendingReportXlsx(deps, company.admin, { month: 202611 }, labels)).bytes as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.getWorksheet("Сотрудники")?.eachRow((row) => values.push(row.getCell(2).value));
    expect(values).toContain('=HYPERLINK("x")');
  });
});
