import { describe, expect, it } from "vitest";
import { type DetailingPdfData, renderDetailingPdf } from "./detailing-pdf.ts";
import { extractPdfText } from "./testing/extract-text.ts";

const texts: DetailingPdfData["texts"] = {
  title: "Детализация звонков, SMS и мобильного интернета",
  company: "Организация",
  period: "Период",
  generatedAt: "Сформировано",
  columns: ["Дата и время", "Вид", "Другая сторона", "Длит. / объём", "Сумма, ₽"],
  employee: "Сотрудник",
  department: "Отдел",
  continued: "(продолжение)",
  lineTotal: "Итого по номеру",
  grandTotal: "Итого",
  rows: "Событий",
  noUsage: "За период нет звонков, SMS и сессий интернета.",
  page: (page, pages) => `Страница ${page} из ${pages}`,
};

describe("call details PDF", () => {
  it("continues a long line's table on the next pages under its number and the column heads, numbering every page", async () => {
    const rows = Array.from({ length: 130 }, (_, i): [string, string, string, string, string] => [
      `${String((i % 28) + 1).padStart(2, "0")}.11.2026 10:00:${String(i % 60).padStart(2, "0")}`,
      "Исходящий звонок",
      `+7 999 000-01-${String(i % 100).padStart(2, "0")}`,
      "1:05",
      "2,50",
    ]);
    const total = { label: "Итого", count: "Событий: 130", charge: "325,00" };
    const bytes = await renderDetailingPdf({
      texts,
      companyName: "ООО «Ёлка и Ко»",
      periodText: "01.11.2026 — 30.11.2026 (Asia/Yekaterinburg)",
      generatedAtText: "25.11.2026 14:00",
      lines: [{ number: "+7 912 345-67-89", employee: "Щукина Ёлена", department: "Бухгалтерия", rows, totals: [{ label: "Исходящий звонок", count: "Событий: 130", charge: "325,00" }], total }],
      totals: [{ label: "Исходящий звонок", count: "Событий: 130", charge: "325,00" }],
      total,
    });
    const text = await extractPdfText(bytes);
    const pages = text.split("\n\n");
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page).toContain("Детализация звонков, SMS и мобильного интернета");
      expect(page).toContain(`Страница ${i + 1} из 3`);
      expect(page).toContain("Дата и время");
    });
    expect(pages[1]).toContain("+7 912 345-67-89 (продолжение)");
    expect(text).toContain("Щукина Ёлена");
    for (const row of rows) expect(text).toContain(row[2]);
    expect(pages[2]).toContain("Итого по номеру +7 912 345-67-89");
  });
});
