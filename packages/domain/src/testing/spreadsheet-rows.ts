import ExcelJS from "exceljs";

/**
 * An XLSX file's cell values, sheet by sheet and row by row (tests of downloads read files back
 * with the same library that wrote them; the web app has no spreadsheet library of its own).
 */
export async function readSpreadsheetRows(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets[sheet.name] = rows;
  }
  return sheets;
}
