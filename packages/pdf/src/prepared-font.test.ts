import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { renderApplicationPdf } from "./application-form.ts";
import { fontBytes, preparedFonts } from "./fonts.ts";
import { ADDRESSEE, FIELD_LABELS, NUMBERS, SIGNATURE, STATEMENT, TITLE, VERIFICATION } from "./texts.ts";
import { extractPdfText } from "./testing/extract-text.ts";
import type { ApplicationFormData } from "./types.ts";

// The prepared font maps most characters straight to glyphs instead of running fontkit's layout.
// These tests hold it to exactly what pdf-lib's layout produces, so the form cannot change.

const formTexts = [
  TITLE.ru, TITLE.en, STATEMENT.ru, STATEMENT.en, VERIFICATION.explanation.ru, VERIFICATION.explanation.en,
  ADDRESSEE.officeRu("Урал"), ADDRESSEE.officeEn("Ural"), NUMBERS.blankHint.ru, NUMBERS.blankHint.en,
  ...Object.values(FIELD_LABELS).flatMap((l) => [l.ru, l.en]),
  ...Object.values(SIGNATURE).flatMap((l) => [l.ru, l.en]),
  "ООО «Ромашка» — №  URL-2026-000123 от 25.11.2026 · Стр. 1 из 1 … ₽ “quoted” ‘single’",
  "Ёлкина-Д'Арк Анна Петровна", "director@romashka.example", "http://localhost:3000/office/verify?code=7KQ4-M2XD-9PLT",
  "office affine fluffy fjord Ærøskøbing Straße Ğüşİı ĳ", "soft\u00adhyphen", "combining e\u0301 and й (и\u0306)",
  "Ω ΑΒΓ mixed with Latin", "Ѓ Ќ Ђ Ћ Љ Њ ђ ћ љ њ џ Ґ ґ Ӏ", "مرحبا", "tab\tand\u200bzero-width",
];

function asciiAndCyrillicPairs(): string[] {
  const chars: string[] = [];
  for (let cp = 0x20; cp < 0x7f; cp++) chars.push(String.fromCodePoint(cp));
  for (let cp = 0x400; cp < 0x460; cp++) chars.push(String.fromCodePoint(cp));
  return chars.flatMap((a) => chars.map((b) => a + b));
}

describe("the prepared DejaVu fonts", () => {
  it("give every text the glyphs and widths pdf-lib's fontkit layout gives it", async () => {
    const prepared = await preparedFonts();
    for (const name of ["regular", "bold"] as const) {
      // A fresh parse, as pdf-lib makes for every document.
      const reference = fontkit.create(fontBytes(name));
      const scale = 1000 / reference.unitsPerEm;
      for (const text of [...formTexts, ...asciiAndCyrillicPairs()]) {
        const expected = reference.layout(text).glyphs;
        const actual = prepared[name].glyphs(text);
        expect(actual.map((g) => g.id), `${name}: ${JSON.stringify(text)}`).toEqual(expected.map((g) => g.id));
        let width = 0;
        for (const glyph of expected) width += glyph.advanceWidth * scale;
        expect(prepared[name].widthOfTextAtSize(text, 9.5)).toBe(width * (9.5 / 1000));
      }
    }
  });

  it("are parsed once per process, not once per document", async () => {
    const first = await preparedFonts();
    await renderApplicationPdf(sample);
    expect(await preparedFonts()).toBe(first);
  });

  it("print characters of other languages too (diacritics, Greek, Serbian Cyrillic)", async () => {
    const companyName = "Ærøskøbing Straße Ğüş — ΑΒΓ Ω — Ђорђе Ћирић — office";
    const text = await extractPdfText(await renderApplicationPdf({ ...sample, companyName, ownerName: "Fjóla Ólafsdóttir" }));
    expect(text).toContain(companyName);
    expect(text).toContain("Fjóla Ólafsdóttir");
    expect(text).toContain(sample.reference);
  });
});

const sample: ApplicationFormData = {
  reference: "URL-2026-000123",
  issuedOn: "25.11.2026",
  region: { nameRu: "Урал", nameEn: "Ural", officeEmail: "corporate.ural@operator.example", officePhone: "+7 343 000-00-07" },
  companyName: "ООО «Ромашка»",
  ownerName: "Ёлкина-Д'Арк Анна Петровна",
  accountNumber: "100200300",
  numbers: ["+7 912 345-67-89"],
  contactNumber: "+7 912 345-67-89",
  email: "director@romashka.example",
  representativeName: "Петров Пётр Петрович",
  verificationCode: "7KQ4-M2XD-9PLT",
  verificationUrl: "http://cabinet.test/office/verify?code=7KQ4-M2XD-9PLT",
};
