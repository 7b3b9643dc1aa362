import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { detailingRows, estimateDetailingRows } from "./detailing-rows.ts";
import { collector, detailingFixture } from "./detailing-test-fixtures.ts";
import { writeDetailing } from "./write-detailing.ts";

const kopecksOf = (roubles: string) => {
  const [whole, fraction] = roubles.split(",");
  return Number(whole) * 100 + Math.sign(Number(`${whole}1`)) * Number(fraction);
};

describe("call details: the rows", () => {
  it("lists the company's chosen lines only, by number then time, within [from, to)", () => {
    const { deps, scope, expected, otherLineIds } = detailingFixture();
    const rows = [...detailingRows(deps, { ...scope, lineIds: [...scope.lineIds, ...otherLineIds] })];
    const want = expected();
    expect(rows.map((r) => [r.msisdn, r.startedAt, r.charge])).toEqual(want.map((r) => [r.msisdn, r.startedAt, r.charge]));
    expect(rows.some((r) => otherLineIds.includes(r.lineId))).toBe(false);
    expect(rows[0]?.startedAt).toBe(scope.from);
    expect(rows.every((r) => r.startedAt >= scope.from && r.startedAt < scope.to)).toBe(true);
    expect(estimateDetailingRows(deps, scope)).toBe(want.length);
    // Another company's administrator asking for these lines gets nothing.
    expect([...detailingRows(deps, { ...scope, companyId: scope.companyId + 1 })]).toEqual([]);
  });

  it("reads across chunk boundaries without losing or repeating an event of the same millisecond", () => {
    const { deps, scope, ural } = detailingFixture();
    const insert = deps.db.$client.prepare(
      "insert into usage_events (event_key, line_id, started_at, kind, roaming, units, included_units, charge) values (?, ?, ?, 'sms_in', 0, 1, 0, 1)",
    );
    const same = scope.from + 5 * 86_400_000;
    deps.db.$client.transaction(() => {
      for (let i = 0; i < 4_500; i++) insert.run(`bulk-${i}`, ural.lineIds[0], same + (i < 2_500 ? 0 : i));
    })();
    const rows = [...detailingRows(deps, scope)].filter((r) => r.lineId === ural.lineIds[0] && r.kind === "sms_in" && !r.roaming && r.charge === 1);
    expect(rows.length).toBeGreaterThanOrEqual(4_500);
    const times = rows.map((r) => r.startedAt);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe("call details as CSV", () => {
  it("parses back (BOM, `;`, CRLF, Russian header) to one row per event, in the region's time, totals equal to the rated usage", async () => {
    const { deps, scope, expected, ratedCharge } = detailingFixture();
    const out = collector();
    const progress: [number, number][] = [];
    const result = await writeDetailing(deps, scope, { format: "csv", zip: false, locale: "ru" }, out.stream, (done, total) => {
      progress.push([done, total]);
    });
    const bytes = out.bytes();
    expect(bytes.byteLength).toBe(result.bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n").length).toBe(expected().length + 2);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    const records = parse(bytes, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual(["Дата и время", "Номер", "Сотрудник", "Отдел", "Вид", "Другая сторона", "Длительность, с", "Объём, КБ", "Сумма, ₽"]);
    const want = expected();
    expect(records).toHaveLength(want.length);
    records.forEach((record, i) => {
      const event = want[i] as (typeof want)[number];
      expect(record.Номер).toBe(event.msisdn === "+79120000001" ? "8 912 000-00-01" : "8 912 000-00-02");
      expect(kopecksOf(record["Сумма, ₽"] as string)).toBe(event.charge);
      if (event.kind === "data") expect(Number(record["Объём, КБ"])).toBe(event.units);
      if (event.kind.startsWith("call")) expect(Number(record["Длительность, с"])).toBe(event.durationSeconds);
    });
    // 1 November 00:00:00 in Yekaterinburg is 31 October 19:00 UTC: the first event of the period.
    expect(records[0]).toMatchObject({ "Дата и время": "01.11.2026 00:00:00", Сотрудник: "Ёлкина Анна Петровна", Отдел: "Отдел продаж; «Юг»" });
    expect(records.find((r) => r.Номер === "8 912 000-00-02")?.Сотрудник).toBe('Иванов "Ваня" Иван');
    expect(records.some((r) => r.Вид === "Исходящий звонок, роуминг")).toBe(true);
    expect(records.some((r) => r["Другая сторона"] === "8 999 000-00-01")).toBe(true);
    const fileTotal = records.reduce((sum, r) => sum + kopecksOf(r["Сумма, ₽"] as string), 0);
    expect(fileTotal).toBe(ratedCharge());
    expect(result).toMatchObject({ rows: want.length, charge: ratedCharge(), fileName: "detailing-20261101-20261124.csv", contentType: "text/csv; charset=utf-8" });
    expect(ratedCharge()).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([want.length, want.length]);
  });

  it("keeps Excel from running an employee's or department's name as a formula", async () => {
    const { deps, scope, ural, department } = detailingFixture();
    deps.db.$client.prepare("update lines set employee_name = ? where id = ?").run("=HYPERLINK(\"http://evil.example\")", ural.lineIds[0]);
    deps.db.$client.prepare("update departments set name = ? where id = ?").run("@Склад", department);
    const out = collector();
    await writeDetailing(deps, scope, { format: "csv", zip: false, locale: "ru" }, out.stream);
    const [first] = parse(out.bytes(), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect(first).toMatchObject({ Сотрудник: "'=HYPERLINK(\"http://evil.example\")", Отдел: "'@Склад" });
  });

  it("heads the columns in English when ordered in English", async () => {
    const { deps, scope } = detailingFixture();
    const out = collector();
    await writeDetailing(deps, scope, { format: "csv", zip: false, locale: "en" }, out.stream);
    const [header] = parse(out.bytes(), { bom: true, delimiter: ";", to_line: 1 }) as string[][];
    expect(header).toEqual(["Date and time", "Number", "Employee", "Department", "Kind", "Other party", "Duration, s", "Volume, KB", "Charge, ₽"]);
  });

  it("packs the same CSV into a ZIP streamed as it is written", async () => {
    const { deps, scope } = detailingFixture();
    const plain = collector();
    await writeDetailing(deps, scope, { format: "csv", zip: false, locale: "ru" }, plain.stream);
    const zipped = collector();
    const result = await writeDetailing(deps, scope, { format: "csv", zip: true, locale: "ru" }, zipped.stream);
    expect(result).toMatchObject({ fileName: "detailing-20261101-20261124.zip", contentType: "application/zip", bytes: zipped.bytes().byteLength });
    const entries = unzipSync(new Uint8Array(zipped.bytes()));
    expect(Object.keys(entries)).toEqual(["detailing-20261101-20261124.csv"]);
    expect(Buffer.from(entries["detailing-20261101-20261124.csv"] as Uint8Array).equals(plain.bytes())).toBe(true);
    expect(result.bytes).toBeLessThan(plain.bytes().byteLength);
  });

  it("writes the header alone for a period without usage", async () => {
    const { deps, scope } = detailingFixture();
    const out = collector();
    const result = await writeDetailing(deps, { ...scope, from: scope.to + 86_400_000, to: scope.to + 2 * 86_400_000 }, { format: "csv", zip: false, locale: "ru" }, out.stream);
    expect(result).toMatchObject({ rows: 0, charge: 0 });
    expect(parse(out.bytes(), { bom: true, delimiter: ";", columns: true })).toEqual([]);
  });
});
