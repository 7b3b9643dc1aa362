import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createDepartment } from "../lines/departments.ts";
import { updateLineEmployee } from "../lines/employees.ts";
import { getLineDetails } from "../lines/line-details.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { exportLimitFile, readLimitFile } from "./limit-file.ts";
import { setDepartmentLimit, setLineLimit } from "./set-limits.ts";

const utf8 = (text: string, bom = false) => Buffer.from((bom ? "\uFEFF" : "") + text, "utf8");
const cp1251 = (text: string) => iconv.encode(text, "win1251");

describe("reading a limits file", () => {
  it.each([
    ["UTF-8 with BOM, `;`", utf8("Номер;Лимит;Политика\r\n+7 912 000-00-01;5 000,50;блокировать\r\n8 (912) 000-00-02;\"1 500\";Уведомить\r\n", true), "utf-8", ";"],
    ["UTF-8 without BOM, `,`", utf8('Номер,Лимит,Политика\n79120000001,"5000,50",block\n9120000002,1500,notify\n'), "utf-8", ","],
    ["Windows-1251, `;`", cp1251("Номер;Лимит;Политика\r\n+79120000001;5000.50 р.;Блокировать\r\n912-000-00-02;1500 руб.;уведомить\r\n"), "windows-1251", ";"],
    ["Windows-1251, `,`", cp1251('Номер,Лимит,Политика\r\n+7 (912) 000 00 01,"5 000,50",БЛОКИРОВАТЬ\r\n8-912-000-00-02,1500,Уведомить\r\n'), "windows-1251", ","],
  ])("reads %s, numbers in any common form and amounts in roubles with kopecks", (_name, bytes, encoding, delimiter) => {
    expect(readLimitFile(bytes)).toEqual({
      encoding,
      delimiter,
      rowCount: 2,
      rows: [
        { row: 2, msisdn: "+79120000001", limit: { amount: 500_050, policy: "block" } },
        { row: 3, msisdn: "+79120000002", limit: { amount: 150_000, policy: "notify" } },
      ],
      refused: [],
    });
  });

  it("finds the columns by the header in any order, or takes number; limit; policy without one", () => {
    const reordered = readLimitFile(utf8("Policy;Phone;Limit\r\nsplit;+79120000001;700\r\n"));
    expect(reordered.rows).toEqual([{ row: 2, msisdn: "+79120000001", limit: { amount: 70_000, policy: "split" } }]);
    const headless = readLimitFile(utf8("+79120000001;700;разделить\r\n\r\n+79120000002;;\r\n"));
    expect(headless.rows).toEqual([
      { row: 1, msisdn: "+79120000001", limit: { amount: 70_000, policy: "split" } },
      { row: 3, msisdn: "+79120000002", limit: null },
    ]);
    expect(headless.rowCount).toBe(2);
  });

  it("reads an empty limit, a dash or «нет» as removing the line's own limit, whatever the policy says", () => {
    const file = readLimitFile(utf8("Номер;Лимит;Политика\r\n+79120000001;;\r\n+79120000002;-;блокировать\r\n+79120000003;нет;что угодно\r\n"));
    expect(file.rows.map((r) => r.limit)).toEqual([null, null, null]);
    expect(file.refused).toEqual([]);
  });

  it("refuses rows with their row number and reason: number, amount, policy, a number given twice", () => {
    const file = readLimitFile(
      utf8(
        [
          "Номер;Лимит;Политика",
          "+79120000001;5000;блокировать",
          "12345;5000;блокировать", // not a mobile number
          "+7 495 123-45-67;5000;блокировать", // a landline
          "+79120000002;-5000;блокировать", // a negative amount
          "+79120000003;1,000;блокировать", // one rouble or a thousand: not guessed
          "+79120000004;пять тысяч;блокировать",
          "+79120000005;5000;", // no policy for an amount
          "+79120000006;5000;отключить", // not a policy
          "8 912 000-00-01;7000;уведомить", // the first row's number again
          "+79120000007;5000;split",
        ].join("\r\n"),
      ),
    );
    expect(file.rowCount).toBe(10);
    expect(file.rows.map((r) => r.row)).toEqual([2, 11]);
    expect(file.refused).toEqual([
      { row: 3, number: "12345", reason: "malformed" },
      { row: 4, number: "+7 495 123-45-67", reason: "malformed" },
      { row: 5, number: "+79120000002", reason: "badAmount" },
      { row: 6, number: "+79120000003", reason: "badAmount" },
      { row: 7, number: "+79120000004", reason: "badAmount" },
      { row: 8, number: "+79120000005", reason: "badPolicy" },
      { row: 9, number: "+79120000006", reason: "badPolicy" },
      { row: 10, number: "8 912 000-00-01", reason: "duplicate" },
    ]);
  });

  it("a refused row does not make a later row of its number a duplicate", () => {
    const file = readLimitFile(utf8("+79120000001;много;block\r\n+79120000001;500;block\r\n"));
    expect(file.refused).toEqual([{ row: 1, number: "+79120000001", reason: "badAmount" }]);
    expect(file.rows).toEqual([{ row: 2, msisdn: "+79120000001", limit: { amount: 50_000, policy: "block" } }]);
  });

  it("refuses an empty file, one without a limit column and one that is not CSV, as a whole", () => {
    const codeOf = (bytes: Uint8Array) => {
      try {
        readLimitFile(bytes);
        return null;
      } catch (error) {
        return error instanceof DomainError ? error.fieldErrors?.file?.code : error;
      }
    };
    expect(codeOf(new Uint8Array())).toBe("required");
    expect(codeOf(utf8("Номер;Сотрудник\r\n+79120000001;Ёлкина\r\n"))).toBe("limits.file.noLimitColumn");
    expect(codeOf(utf8('Номер;Лимит\r\n"+79120000001;500\r\n'))).toBe("limits.file.malformed");
  });
});

describe("the limits file of the company's lines", () => {
  it("exports each live line with its own limit (empty when it inherits), UTF-8 with BOM and `;`, and reads back as the same limits", () => {
    const { deps, ural, other } = usageFixture();
    const [first, second] = ural.lineIds as [number, number];
    setLineLimit(deps, ural.admin, { lineId: first, limit: { amount: 150_050, policy: "split" } });
    setLineLimit(deps, other.admin, { lineId: other.lineIds[0] as number, limit: { amount: 900, policy: "block" } });
    const { id: department } = createDepartment(deps, ural.admin, { name: "Склад" });
    updateLineEmployee(deps, ural.admin, { lineId: second, expectedVersion: getLineDetails(deps, ural.admin, second).version, employeeName: "", departmentId: department });
    setDepartmentLimit(deps, ural.admin, { departmentId: department, limit: { amount: 300_000, policy: "notify" } });
    const bytes = exportLimitFile(deps, ural.admin);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean)).toEqual([
      "Номер;Лимит;Политика;Сотрудник;Отдел",
      "+7 912 000-00-01;1500,50;разделить;;",
      // The department's limit is not the line's own: the file sets and shows lines' own limits.
      "+7 912 000-00-02;;;;Склад",
    ]);
    expect(readLimitFile(bytes).rows).toEqual([
      { row: 2, msisdn: "+79120000001", limit: { amount: 150_050, policy: "split" } },
      { row: 3, msisdn: "+79120000002", limit: null },
    ]);
  });
});
