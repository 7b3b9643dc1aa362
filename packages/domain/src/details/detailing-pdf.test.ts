import { extractPdfText } from "@cabinet/pdf/testing";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { DETAILING_PDF_MAX_ROWS } from "./detailing-scope.ts";
import { assertDetailingFits } from "./detailing-rows.ts";
import { collector, detailingFixture } from "./detailing-test-fixtures.ts";
import { writeDetailing } from "./write-detailing.ts";

const money = (kopecks: number) => `${Math.floor(kopecks / 100).toLocaleString("ru-RU").replace(/\s/g, " ")},${String(kopecks % 100).padStart(2, "0")}`;

describe("call details as PDF", () => {
  it("prints per line a table of its events in the region's time, totals per kind and line, the grand total, and page x of y", async () => {
    const { deps, scope, expected, ratedCharge } = detailingFixture();
    const out = collector();
    const result = await writeDetailing(deps, scope, { format: "pdf", zip: false, locale: "ru" }, out.stream);
    expect(result).toMatchObject({ fileName: "detailing-20261101-20261124.pdf", contentType: "application/pdf", charge: ratedCharge() });
    const bytes = out.bytes();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = (await extractPdfText(bytes)).replace(/\u00a0/g, " ");
    expect(text).toContain("Детализация звонков, SMS и мобильного интернета");
    expect(text).toContain("ООО «Уралтест»");
    expect(text).toContain("01.11.2026 — 24.11.2026");
    expect(text).toContain("+7 912 000-00-01");
    expect(text).toContain("Ёлкина Анна Петровна");
    expect(text).toContain("Отдел продаж; «Юг»");
    expect(text).toContain("01.11.2026 00:00:00");
    expect(text).toMatch(/Страница 1 из \d+/);
    const want = expected();
    for (const event of want) {
      const local = new Date(event.startedAt + 5 * 3_600_000).toISOString();
      expect(text).toContain(`${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 19)}`);
    }
    expect(text).toContain("Итого по номеру +7 912 000-00-01");
    expect(text).toContain("Итого по номеру +7 912 000-00-02");
    const lineTotal = (msisdn: string) => want.filter((e) => e.msisdn === msisdn).reduce((sum, e) => sum + e.charge, 0);
    expect(text).toContain(money(lineTotal("+79120000001")));
    expect(text).toContain(money(lineTotal("+79120000002")));
    expect(text).toContain(`Событий: ${want.length}`);
    expect(text).toContain(money(ratedCharge()));
    const roamingCalls = want.filter((e) => e.kind === "call_out");
    expect(text).toContain(`Событий: ${roamingCalls.length}`);
  });

  it(`refuses more than ${DETAILING_PDF_MAX_ROWS.toLocaleString("en")} rows before writing anything, naming the count and the limit`, async () => {
    const { deps, scope, ural } = detailingFixture();
    const insert = deps.db.$client.prepare(
      "insert into usage_events (event_key, line_id, started_at, kind, roaming, units, included_units, charge) values (?, ?, ?, 'sms_in', 0, 1, 0, 0)",
    );
    deps.db.$client.transaction(() => {
      for (let i = 0; i < DETAILING_PDF_MAX_ROWS; i++) insert.run(`many-${i}`, ural.lineIds[1], scope.from + 1_000 + i);
    })();
    const out = collector();
    const refusal = await writeDetailing(deps, scope, { format: "pdf", zip: true, locale: "ru" }, out.stream).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).fieldErrors?.format).toMatchObject({ code: "detailing_pdf_too_large", params: { max: String(DETAILING_PDF_MAX_ROWS) } });
    expect(Number((refusal as DomainError).fieldErrors?.format?.params?.rows)).toBeGreaterThan(DETAILING_PDF_MAX_ROWS);
    expect(out.bytes().byteLength).toBe(0);
    expect(out.stream.destroyed).toBe(true);
    // CSV and XLSX of the same scope are not limited.
    expect(() => assertDetailingFits(deps, scope, { format: "csv" })).not.toThrow();
    expect(() => assertDetailingFits(deps, scope, { format: "xlsx" })).not.toThrow();
  });

  it("says so when the period has no usage", async () => {
    const { deps, scope } = detailingFixture();
    const out = collector();
    await writeDetailing(deps, { ...scope, from: scope.to + 86_400_000, to: scope.to + 2 * 86_400_000 }, { format: "pdf", zip: false, locale: "en" }, out.stream);
    const text = await extractPdfText(out.bytes());
    expect(text).toContain("No calls, SMS or data sessions in the period.");
    expect(text).toContain("Page 1 of 1");
  });
});
