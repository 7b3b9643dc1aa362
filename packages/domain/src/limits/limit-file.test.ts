import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { createDepartment } from "../lines/departments.ts";
import { updateLineEmployee } from "../lines/employees.ts";
import { getLineDetails } from "../lines/line-details.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { listCompanyAuditEvents } from "../audit/company-audit.ts";
import { lineStatusOf } from "../lines/line-status.ts";
import { rateUsageEvents } from "../usage/rate-usage-events.ts";
import { applyLimitFile, exportLimitFile, getLimitFileImport, previewLimitFile, readLimitFile } from "./limit-file.ts";
import { roamingCall } from "./limit-test-fixtures.ts";
import { getLineLimit } from "./limit-views.ts";
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

describe("a limits file previewed and applied", () => {
  /** Ural's two lines, another Ural company's line and a number of nobody. */
  const file = (rows: string[]) => utf8(["Номер;Лимит;Политика", ...rows].join("\r\n"));
  const ownLimit = (f: ReturnType<typeof usageFixture>, lineId: number) => {
    const own = getLineLimit(f.deps, f.ural.admin, lineId).own;
    return own ? { amount: own.amount, policy: own.policy, warningPercent: own.warningPercent, notifyEmployee: own.notifyEmployee, until: own.until } : null;
  };

  it("previews each line's own limit before → after, refuses another company's number like a number of nobody, and applies exactly the preview, audited", () => {
    const f = usageFixture();
    const [first, second] = f.ural.lineIds as [number, number];
    setLineLimit(f.deps, f.ural.admin, { lineId: second, limit: { amount: 200_000, policy: "notify" } });
    const { token, preview } = previewLimitFile(f.deps, f.ural.admin, {
      fileName: "limits.csv",
      bytes: file([
        "+79120000001;5 000;блокировать",
        "+79120000002;2000;уведомить", // the same as now
        "+79120000099;100;block", // АО «Другая»'s line
        "+79161234567;100;block", // nobody's
        "+79120000001;;", // the first line again
      ]),
    });
    expect(preview).toMatchObject({ fileName: "limits.csv", encoding: "utf-8", delimiter: ";", rowCount: 5, unchangedCount: 1 });
    expect(preview.changes).toEqual([{ row: 2, lineId: first, msisdn: "+79120000001", before: null, after: { amount: 500_000, policy: "block" } }]);
    expect(preview.refused).toEqual([
      { row: 4, number: "+7 912 000-00-99", reason: "notThisCompany" },
      { row: 5, number: "+7 916 123-45-67", reason: "notThisCompany" },
      { row: 6, number: "+79120000001", reason: "duplicate" },
    ]);
    // Nothing changed yet.
    expect(ownLimit(f, first)).toBeNull();

    expect(applyLimitFile(f.deps, f.ural.admin, { token })).toEqual({ changed: 1, lines: 1, dropped: 0, blocked: 0, unblocked: 0 });
    expect(ownLimit(f, first)).toEqual({ amount: 500_000, policy: "block", warningPercent: null, notifyEmployee: false, until: null });
    expect(ownLimit(f, second)).toMatchObject({ amount: 200_000, policy: "notify" });
    expect(getLineLimit(f.deps, f.other.admin, f.other.lineIds[0] as number).own).toBeNull();
    const audit = listCompanyAuditEvents(f.deps, f.ural.admin).filter((e) => e.action === "limit.set");
    expect(audit).toHaveLength(2);
    expect(getLimitFileImport(f.deps, f.ural.admin, token).appliedAt).not.toBeNull();
    // Applied once: the same token again is refused, and changes nothing.
    expect(() => applyLimitFile(f.deps, f.ural.admin, { token })).toThrow(expect.objectContaining({ code: "conflict", fieldErrors: { token: { code: "limits.import.alreadyApplied" } } }));
  });

  it("removes an own limit with an empty cell, and keeps a changed limit's warning percent, SMS and end date", () => {
    const f = usageFixture();
    const [first, second] = f.ural.lineIds as [number, number];
    setLineLimit(f.deps, f.ural.admin, { lineId: first, limit: { amount: 100_000, policy: "notify", warningPercent: 60, notifyEmployee: true, until: "2026-11-30" } });
    setLineLimit(f.deps, f.ural.admin, { lineId: second, limit: { amount: 100_000, policy: "notify" } });
    const { token, preview } = previewLimitFile(f.deps, f.ural.admin, { fileName: "x.csv", bytes: file(["+79120000001;1500,50;split", "+79120000002;;"]) });
    expect(preview.changes.map((c) => [c.before, c.after])).toEqual([
      [{ amount: 100_000, policy: "notify" }, { amount: 150_050, policy: "split" }],
      [{ amount: 100_000, policy: "notify" }, null],
    ]);
    applyLimitFile(f.deps, f.ural.admin, { token });
    expect(ownLimit(f, first)).toEqual({ amount: 150_050, policy: "split", warningPercent: 60, notifyEmployee: true, until: "2026-11-30" });
    expect(ownLimit(f, second)).toBeNull();
  });

  it("refuses the whole apply when a line's limit changed since the preview", () => {
    const f = usageFixture();
    const [first, second] = f.ural.lineIds as [number, number];
    const { token } = previewLimitFile(f.deps, f.ural.admin, { fileName: "x.csv", bytes: file(["+79120000001;700;block", "+79120000002;800;block"]) });
    setLineLimit(f.deps, f.ural.admin, { lineId: second, limit: { amount: 900, policy: "notify" } });
    expect(() => applyLimitFile(f.deps, f.ural.admin, { token })).toThrow(expect.objectContaining({ code: "conflict", fieldErrors: { token: { code: "limits.import.stale", params: { row: "3" } } } }));
    expect(ownLimit(f, first)).toBeNull();
    expect(ownLimit(f, second)).toMatchObject({ amount: 900, policy: "notify" });
    expect(getLimitFileImport(f.deps, f.ural.admin, token).appliedAt).toBeNull();
  });

  it("a raise in the file unblocks a line its limit had blocked, at once", () => {
    const f = usageFixture();
    const [first] = f.ural.lineIds as [number];
    setLineLimit(f.deps, f.ural.admin, { lineId: first, limit: { amount: 10_000, policy: "block" } });
    // Two roaming minutes of 59 ₽ reach the 100 ₽ limit: the line is blocked by it.
    rateUsageEvents(f.deps, [roamingCall("+79120000001", "2026-11-24T05:00:00Z"), roamingCall("+79120000001", "2026-11-24T05:10:00Z")]);
    const blockMask = () => f.deps.db.$client.prepare("select block_mask from lines where id = ?").pluck().get(first) as number;
    expect(lineStatusOf(blockMask())).toBe("blocked_limit");
    const { token } = previewLimitFile(f.deps, f.ural.admin, { fileName: "x.csv", bytes: file(["+79120000001;1000;block"]) });
    expect(applyLimitFile(f.deps, f.ural.admin, { token })).toMatchObject({ changed: 1, unblocked: 1 });
    expect(lineStatusOf(blockMask())).toBe("active");
  });

  it("keeps one company's previews from another: not found to read or to apply", () => {
    const f = usageFixture();
    const { token } = previewLimitFile(f.deps, f.ural.admin, { fileName: "x.csv", bytes: file(["+79120000001;700;block"]) });
    for (const admin of [f.other.admin, f.moscow.admin]) {
      expect(() => getLimitFileImport(f.deps, admin, token)).toThrow(expect.objectContaining({ code: "not_found" }));
      expect(() => applyLimitFile(f.deps, admin, { token })).toThrow(expect.objectContaining({ code: "not_found" }));
    }
    expect(getLineLimit(f.deps, f.ural.admin, f.ural.lineIds[0] as number).own).toBeNull();
  });
});
