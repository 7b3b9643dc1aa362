import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { issueLines } from "../lines/issue-lines.ts";
import { tariffOf } from "../usage/usage-test-fixtures.ts";
import { collector, detailingFixture } from "./detailing-test-fixtures.ts";
import { XLSX_SHEET_PER_LINE_MAX_LINES } from "./detailing-xlsx.ts";
import { writeDetailing } from "./write-detailing.ts";

async function readBack(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows below the header as plain values. */
function valuesOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe("call details as XLSX", () => {
  it("opens in a reader: one sheet per line, real date and number cells, a bold frozen header, and totals equal to the rated usage", async () => {
    const { deps, scope, expected, ratedCharge } = detailingFixture();
    const out = collector();
    const result = await writeDetailing(deps, scope, { format: "xlsx", zip: false, locale: "ru" }, out.stream);
    expect(result).toMatchObject({ fileName: "detailing-20261101-20261124.xlsx", bytes: out.bytes().byteLength, charge: ratedCharge() });
    const workbook = await readBack(out.bytes());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["+7 912 000-00-01", "+7 912 000-00-02", "Итого"]);

    const first = workbook.getWorksheet("+7 912 000-00-01") as ExcelJS.Worksheet;
    expect(first.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(first.getRow(1).values).toEqual([undefined, "Дата и время", "Номер", "Сотрудник", "Отдел", "Вид", "Другая сторона", "Длительность, с", "Объём, КБ", "Сумма, ₽"]);
    expect(first.getRow(1).getCell(1).font?.bold).toBe(true);
    // The first instant of 1 November in Yekaterinburg, as a date cell holding the local wall-clock time.
    const cell = first.getRow(2).getCell(1);
    expect(cell.value).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(cell.numFmt).toBe("dd.mm.yyyy hh:mm:ss");
    expect(first.getRow(2).getCell(9).numFmt).toBe("#,##0.00");

    const rows = [...valuesOf(first), ...valuesOf(workbook.getWorksheet("+7 912 000-00-02") as ExcelJS.Worksheet)];
    const want = expected();
    expect(rows).toHaveLength(want.length);
    rows.forEach((row, i) => {
      const event = want[i] as (typeof want)[number];
      expect(Math.round((row[8] as number) * 100)).toBe(event.charge);
      expect(typeof row[8]).toBe("number");
      if (event.kind.startsWith("call")) expect(row[6]).toBe(event.durationSeconds);
      if (event.kind === "data") expect(row[7]).toBe(event.units);
    });
    const charged = rows.reduce((sum: number, row) => sum + Math.round((row[8] as number) * 100), 0);
    expect(charged).toBe(ratedCharge());

    const totals = valuesOf(workbook.getWorksheet("Итого") as ExcelJS.Worksheet);
    const grand = totals.at(-1) as unknown[];
    expect(grand[3]).toBe("Итого");
    expect(grand[4]).toBe(want.length);
    expect(Math.round((grand[5] as number) * 100)).toBe(ratedCharge());
    const lineTotals = totals.filter((row) => row[3] === "Итого по номеру");
    expect(lineTotals.map((row) => row[0])).toEqual(["+7 912 000-00-01", "+7 912 000-00-02"]);
    expect(lineTotals.reduce((sum: number, row) => sum + Math.round((row[5] as number) * 100), 0)).toBe(ratedCharge());
  });

  it(`puts every line on one sheet with the number column above ${XLSX_SHEET_PER_LINE_MAX_LINES} lines`, async () => {
    const { deps, scope, ural, expected, ratedCharge } = detailingFixture();
    const tariff = tariffOf(deps, "ural", "biz-start");
    const more = issueLines(deps.db, {
      accountId: ural.accountId,
      activatedAt: new Date("2026-01-01T00:00:00Z"),
      lines: Array.from({ length: XLSX_SHEET_PER_LINE_MAX_LINES }, (_, i) => ({ msisdn: `+7912100${String(i).padStart(4, "0")}`, tariffId: tariff.id })),
    });
    const out = collector();
    await writeDetailing(deps, { ...scope, lineIds: [...scope.lineIds, ...more] }, { format: "xlsx", zip: true, locale: "en" }, out.stream);
    const { unzipSync } = await import("fflate");
    const entries = unzipSync(new Uint8Array(out.bytes()));
    const workbook = await readBack(Buffer.from(entries["detailing-20261101-20261124.xlsx"] as Uint8Array));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Details", "Totals"]);
    const rows = valuesOf(workbook.getWorksheet("Details") as ExcelJS.Worksheet);
    expect(rows.map((row) => row[1])).toEqual(expected().map((e) => (e.msisdn === "+79120000001" ? "+7 912 000-00-01" : "+7 912 000-00-02")));
    expect(rows.reduce((sum: number, row) => sum + Math.round((row[8] as number) * 100), 0)).toBe(ratedCharge());
    // Lines without usage in the period are in the totals, with nothing.
    const totals = valuesOf(workbook.getWorksheet("Totals") as ExcelJS.Worksheet).filter((row) => row[3] === "Line total");
    expect(totals).toHaveLength(2 + XLSX_SHEET_PER_LINE_MAX_LINES);
  });
});
