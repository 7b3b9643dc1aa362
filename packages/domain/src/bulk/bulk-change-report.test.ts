import { describe, expect, it } from "vitest";
import { runDueJobs } from "../jobs/job-runner.ts";
import { blockLine } from "../lines/line-blocks.ts";
import { readSpreadsheetRows } from "../testing/spreadsheet-rows.ts";
import { submitBulkChange } from "./apply-bulk-change.ts";
import { type BulkReportTexts, bulkChangeReport } from "./bulk-change-report.ts";
import { bulkFixture } from "./bulk-test-fixtures.ts";
import { readNumberList } from "./number-list.ts";
import { previewBulkChange } from "./preview-bulk-change.ts";

const texts: BulkReportTexts = {
  locale: "ru",
  columns: ["Строка", "Номер", "Сотрудник", "Тариф сейчас", "Тариф после", "Услуги сейчас", "Услуги после", "Плата сейчас", "Плата после", "Разница", "Итог"],
  outcomes: { changed: "изменён", pending: "будет изменён", notChanged: "не изменён" },
  reasons: {
    blocked: "заблокирован",
    alreadySo: "уже так",
    serviceNotAllowed: "услуга недоступна",
    otherCompany: "другой компании",
    notFound: "не найден",
    notOffered: "другой регион",
    malformed: "не номер",
    duplicate: "повтор",
  },
};

describe("a bulk change's report", () => {
  it("lists every line before and after with the fee difference and what happened, as CSV for Excel and as XLSX", async () => {
    const { deps, big, pro } = bulkFixture(3);
    blockLine(deps, big.admin, { lineId: big.lineIds[2] as number, reason: "loss" });
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "numbers", text: "8 912 100-00-01; +7 912 100 00 02\n79121000003\nабв" }, tariffId: pro.id });
    const csvOf = async () => {
      const file = await bulkChangeReport(deps, big.admin, { bulkChangeId, format: "csv", texts });
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return file.bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
    };
    expect(await csvOf()).toEqual([
      "Строка;Номер;Сотрудник;Тариф сейчас;Тариф после;Услуги сейчас;Услуги после;Плата сейчас;Плата после;Разница;Итог",
      "1;+7 912 100-00-01;;Бизнес Старт;Бизнес Про;;;450,00;900,00;450,00;будет изменён",
      "1;+7 912 100-00-02;;Бизнес Старт;Бизнес Про;;;450,00;900,00;450,00;будет изменён",
      "2;+7 912 100-00-03;;Бизнес Старт;;;;450,00;;;заблокирован",
      "3;абв;;;;;;;;;не номер",
    ]);
    submitBulkChange(deps, big.admin, { bulkChangeId, effective: "now" });
    await runDueJobs(deps);
    expect((await csvOf())[1]).toMatch(/;изменён$/);
    const xlsx = await bulkChangeReport(deps, big.admin, { bulkChangeId, format: "xlsx", texts });
    expect(xlsx.fileName).toBe(`bulk-change-${bulkChangeId}.xlsx`);
    const [sheet] = Object.values(await readSpreadsheetRows(new Uint8Array(xlsx.bytes)));
    expect(sheet?.[0]).toEqual([...texts.columns]);
    // Money as number cells in roubles; empty cells are left out.
    const row = sheet?.[1] ?? [];
    expect([row[0], row[1], row[3], row[4], row[7], row[8], row[9], row[10]]).toEqual([1, "+7 912 100-00-01", "Бизнес Старт", "Бизнес Про", 450, 900, 450, "изменён"]);
    expect(sheet?.[3]?.[10]).toBe("заблокирован");
  });
});

describe("a list of numbers", () => {
  it("reads numbers one per row or several per row, with or without a header, and leaves a name beside a number alone", () => {
    const entries = (text: string) => readNumberList({ text }).entries.map((e) => [e.row, e.input]);
    expect(entries("8 912 100-00-01\n+7 912 100 00 02, 79121000003; 9121000004\n\n")).toEqual([
      [1, "8 912 100-00-01"],
      [2, "+7 912 100 00 02"],
      [2, "79121000003"],
      [2, "9121000004"],
    ]);
    expect(entries("Сотрудник;Телефон\nИванов;+7 912 100-00-01\nПетров;8 912 100-00-02")).toEqual([
      [2, "+7 912 100-00-01"],
      [3, "8 912 100-00-02"],
    ]);
    expect(entries("+7 912 100-00-01;Иванов Иван\nне номер;Петров")).toEqual([
      [1, "+7 912 100-00-01"],
      [2, "не номер"],
    ]);
  });
});
