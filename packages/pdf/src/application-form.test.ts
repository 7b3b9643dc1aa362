import { describe, expect, it, vi } from "vitest";
import { renderApplicationPdf, renderBlankApplicationPdf } from "./application-form.ts";
import { extractPdfText } from "./testing/extract-text.ts";
import type { ApplicationFormData } from "./types.ts";

const region = {
  nameRu: "Урал",
  nameEn: "Ural",
  officeEmail: "corporate.ural@operator.example",
  officePhone: "+7 343 000-00-07",
};
const filled: ApplicationFormData = {
  reference: "URL-2026-000123",
  issuedOn: "25.11.2026",
  region,
  companyName: "ООО «Ромашка»",
  ownerName: "Ёлкина-Д'Арк Анна Петровна",
  accountNumber: "100200300",
  numbers: ["+7 912 345-67-89", "+7 912 345-67-90"],
  contactNumber: "+7 912 345-67-89",
  email: "director@romashka.example",
  representativeName: "Петров Пётр Петрович",
  verificationCode: "7KQ4-M2XD-9PLT",
  verificationUrl: "http://cabinet.test/office/verify?code=7KQ4-M2XD-9PLT",
};

describe("access application PDF", () => {
  it("prints every field of the application in Cyrillic, with the reference, date and verification code", async () => {
    const bytes = await renderApplicationPdf(filled);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    // Fonts subset to the glyphs drawn: a one-page form stays small enough to e-mail twice per application.
    expect(bytes.byteLength).toBeLessThan(40_000);
    const text = await extractPdfText(bytes);
    for (const value of [
      filled.reference,
      filled.issuedOn,
      filled.companyName,
      filled.ownerName,
      filled.accountNumber,
      ...filled.numbers,
      filled.email,
      filled.representativeName,
      filled.verificationCode,
      region.officeEmail,
    ]) {
      expect(text).toContain(value);
    }
  });

  it("fits a hundred numbers and a long company name", async () => {
    const numbers = Array.from({ length: 100 }, (_, i) => `+7 912 000-${String(Math.floor(i / 100)).padStart(2, "0")}-${String(i % 100).padStart(2, "0")}`);
    const companyName = `Общество с ограниченной ответственностью «${"Очень длинное наименование ".repeat(6).trim()}»`;
    const text = await extractPdfText(await renderApplicationPdf({ ...filled, numbers, companyName }));
    for (const number of numbers) expect(text).toContain(number);
    for (const word of companyName.split(" ")) expect(text).toContain(word);
  });

  it("renders the blank form to the same bytes whenever it is downloaded", async () => {
    const region = { nameRu: "Урал", nameEn: "Ural", officeEmail: "corporate.ural@operator.example", officePhone: "+7 343 000-00-07" };
    try {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2026-11-25T09:00:00Z"));
      const morning = Buffer.from(await renderBlankApplicationPdf(region));
      vi.setSystemTime(new Date("2026-12-31T23:59:59Z"));
      expect(Buffer.from(await renderBlankApplicationPdf(region)).equals(morning)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves the blank form empty: labels, the office, no values and no verification code", async () => {
    const text = await extractPdfText(await renderBlankApplicationPdf(region));
    expect(text).toContain("Наименование организации");
    expect(text).toContain(region.officeEmail);
    expect(text).not.toContain("Ромашка");
    expect(text).not.toContain(filled.verificationCode);
    expect(text).not.toContain("URL-2026");
  });
});
