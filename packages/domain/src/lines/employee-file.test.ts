import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { listCompanyAuditEvents } from "../audit/company-audit.ts";
import { DomainError } from "../errors.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { createDepartment, listDepartments } from "./departments.ts";
import { applyEmployeeImport, exportEmployeeFile, getEmployeeImport, previewEmployeeFile } from "./employee-file.ts";
import { updateLineEmployee } from "./employees.ts";
import { getLineDetails } from "./line-details.ts";

const utf8 = (text: string, bom = false) => Buffer.from((bom ? "\uFEFF" : "") + text, "utf8");
const cp1251 = (text: string) => iconv.encode(text, "win1251");

/** What a person would see in the exported file, row by row. */
function exportedRows(deps: ReturnType<typeof usageFixture>["deps"], actor: ReturnType<typeof usageFixture>["ural"]["admin"]) {
  const bytes = exportEmployeeFile(deps, actor);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
}

describe("the employee file", () => {
  it("exports the company's lines only, UTF-8 with BOM and `;`, with a Russian header", () => {
    const { deps, ural } = usageFixture();
    expect(exportedRows(deps, ural.admin)).toEqual(["Номер;Сотрудник;Отдел", "8 912 000-00-01;;", "8 912 000-00-02;;"]);
  });

  it.each([
    ["UTF-8 with BOM, `;`", utf8("Номер;Сотрудник;Отдел\r\n+7 912 000-00-01;Ёлкина Анна;Продажи\r\n8 (912) 000-00-02;\"Петров; Пётр\";\"Отдел \"\"Склад\"\"\"\r\n", true), "utf-8", ";"],
    ["UTF-8 without BOM, `,`", utf8('Номер,Сотрудник,Отдел\n79120000001,Ёлкина Анна,Продажи\n9120000002,"Петров; Пётр","Отдел ""Склад"""\n'), "utf-8", ","],
    ["Windows-1251, `;`", cp1251("Номер;Сотрудник;Отдел\r\n+79120000001;Ёлкина Анна;Продажи\r\n912-000-00-02;\"Петров; Пётр\";\"Отдел \"\"Склад\"\"\"\r\n"), "windows-1251", ";"],
    ["Windows-1251, `,`", cp1251('Номер,Сотрудник,Отдел\r\n+7 (912) 000 00 01,Ёлкина Анна,Продажи\r\n8-912-000-00-02,"Петров; Пётр","Отдел ""Склад"""\r\n'), "windows-1251", ","],
  ])("reads %s with quoted fields and numbers in any common form, then applies exactly the preview", (_name, bytes, encoding, delimiter) => {
    const { deps, ural } = usageFixture();
    const { token, preview } = previewEmployeeFile(deps, ural.admin, { fileName: "staff.csv", bytes });
    expect(preview).toMatchObject({ encoding, delimiter, rowCount: 2, refused: [], unchangedCount: 0, newDepartments: ["Продажи", 'Отдел "Склад"'] });
    expect(preview.changes.map((c) => [c.row, c.msisdn, c.before, c.after])).toEqual([
      [2, "+79120000001", { employeeName: null, department: null }, { employeeName: "Ёлкина Анна", department: "Продажи" }],
      [3, "+79120000002", { employeeName: null, department: null }, { employeeName: "Петров; Пётр", department: 'Отдел "Склад"' }],
    ]);
    expect(applyEmployeeImport(deps, ural.admin, { token })).toEqual({ changed: 2, departmentsCreated: 2 });
    expect(exportedRows(deps, ural.admin)).toEqual([
      "Номер;Сотрудник;Отдел",
      "8 912 000-00-01;Ёлкина Анна;Продажи",
      '8 912 000-00-02;Петров; Пётр;"Отдел ""Склад"""'.replace("Петров; Пётр", '"Петров; Пётр"'),
    ]);
    // Exported again and read back, nothing changes.
    const again = previewEmployeeFile(deps, ural.admin, { fileName: "again.csv", bytes: exportEmployeeFile(deps, ural.admin) });
    expect(again.preview).toMatchObject({ changes: [], refused: [], unchangedCount: 2 });
  });

  it("refuses rows with their row number and reason and counts unchanged rows", () => {
    const { deps, ural } = usageFixture();
    const sales = createDepartment(deps, ural.admin, { name: "Продажи" });
    const lineId = ural.lineIds[0] as number;
    updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: getLineDetails(deps, ural.admin, lineId).version, employeeName: "Ёлкина Анна", departmentId: sales.id });
    const file = [
      "Номер;Сотрудник;Отдел",
      "+79120000001;Ёлкина Анна;продажи", // unchanged: a department's name in any case
      "+79120000099;Чужой Сотрудник;", // another company's line
      "+79161234567;Неизвестный;", // no such line
      "12345;Кто-то;", // not a number
      "+79120000002;;Склад", // empty name (the line has none yet, but the department would change)
      `+79120000002;${"Я".repeat(201)};`, // too long
      "+79120000002;Петров Пётр;Склад",
      "8 912 000-00-02;Петров Пётр;Склад", // the same number again
      "только одно поле",
    ].join("\n");
    const { preview } = previewEmployeeFile(deps, ural.admin, { fileName: "staff.csv", bytes: utf8(file) });
    expect(preview.refused).toEqual([
      { row: 3, number: "+79120000099", reason: "otherCompany" },
      { row: 4, number: "+79161234567", reason: "unknownNumber" },
      { row: 5, number: "12345", reason: "malformed" },
      { row: 6, number: "+79120000002", reason: "emptyName" },
      { row: 7, number: "+79120000002", reason: "nameTooLong" },
      { row: 9, number: "8 912 000-00-02", reason: "duplicate" },
      { row: 10, number: "только одно поле", reason: "malformed" },
    ]);
    expect(preview.unchangedCount).toBe(1);
    expect(preview.changes.map((c) => c.row)).toEqual([8]);
    expect(preview.newDepartments).toEqual(["Склад"]);
  });

  it("takes back a line without a named user as it was exported, but never empties a name", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: getLineDetails(deps, ural.admin, lineId).version, employeeName: "Ёлкина Анна", departmentId: null });
    const { preview } = previewEmployeeFile(deps, ural.admin, { fileName: "staff.csv", bytes: utf8("Номер;Сотрудник;Отдел\n+79120000001;;\n+79120000002;;\n") });
    expect(preview).toMatchObject({ changes: [], unchangedCount: 1, refused: [{ row: 2, reason: "emptyName" }], newDepartments: [] });
  });

  it("applies all or nothing: a line changed since the preview refuses the whole file", () => {
    const { deps, ural } = usageFixture();
    const file = "Номер;Сотрудник;Отдел\n+79120000001;Ёлкина Анна;Продажи\n+79120000002;Петров Пётр;Склад\n";
    const { token } = previewEmployeeFile(deps, ural.admin, { fileName: "staff.csv", bytes: utf8(file) });
    const lineId = ural.lineIds[1] as number;
    updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: getLineDetails(deps, ural.admin, lineId).version, employeeName: "Сидоров", departmentId: null });
    expect(() => applyEmployeeImport(deps, ural.admin, { token })).toThrow(DomainError);
    expect(exportedRows(deps, ural.admin).slice(1)).toEqual(["8 912 000-00-01;;", "8 912 000-00-02;Сидоров;"]);
    expect(listDepartments(deps, ural.admin)).toEqual([]);
    expect(getEmployeeImport(deps, ural.admin, token).appliedAt).toBeNull();
  });

  it("is applied once and audited line by line", () => {
    const { deps, ural } = usageFixture();
    const { token } = previewEmployeeFile(deps, ural.admin, { fileName: "staff.csv", bytes: utf8("Номер;Сотрудник;Отдел\n+79120000001;Ёлкина Анна;\n") });
    applyEmployeeImport(deps, ural.admin, { token });
    expect(() => applyEmployeeImport(deps, ural.admin, { token })).toThrow(DomainError);
    const actions = listCompanyAuditEvents(deps, ural.admin).map((e) => e.action);
    expect(actions.filter((a) => a === "line.employee_changed")).toHaveLength(1);
    expect(actions).toContain("employees.file_imported");
  });

  it("keeps to the company: another company's administrator neither sees nor applies the preview", () => {
    const { deps, ural, other } = usageFixture();
    const { token } = previewEmployeeFile(deps, ural.admin, { fileName: "staff.csv", bytes: utf8("Номер;Сотрудник\n+79120000001;Ёлкина Анна\n") });
    expect(() => getEmployeeImport(deps, other.admin, token)).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => applyEmployeeImport(deps, other.admin, { token })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(exportedRows(deps, other.admin)).toEqual(["Номер;Сотрудник;Отдел", "8 912 000-00-99;;"]);
  });
});
