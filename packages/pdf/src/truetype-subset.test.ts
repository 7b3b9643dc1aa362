import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { fontBytes } from "./fonts.ts";
import { TrueTypeTables } from "./truetype-subset.ts";

describe("the TrueType subset written from the font's tables", () => {
  for (const name of ["regular", "bold"] as const) {
    it(`draws every glyph as the full ${name} font does, composite glyphs included`, () => {
      const full = fontkit.create(fontBytes(name));
      // Ё and й are composites in DejaVu (a base letter and a mark); "fi" lays out as a ligature.
      const text = "Ёлкина-Д'Арк Йошкар-Ола «№ 7» fi ÆØÅ ĳ ΑΩ";
      const glyphs = [...new Set(full.layout(text).glyphs.map((g) => g.id))];
      const bytes = new TrueTypeTables(fontBytes(name)).subset([0, ...glyphs]);
      const subset = fontkit.create(bytes);
      // The composites' parts (base letters, marks) follow the glyphs asked for.
      expect(subset.numGlyphs).toBeGreaterThan(glyphs.length + 1);
      glyphs.forEach((id, i) => {
        const original = full.getGlyph(id);
        const copy = subset.getGlyph(i + 1);
        expect(copy.advanceWidth, `glyph ${id}`).toBe(original.advanceWidth);
        expect(copy.path.toSVG(), `glyph ${id}`).toBe(original.path.toSVG());
      });
    });
  }

  it("keeps the file small: only the glyphs asked for and their parts", () => {
    const tables = new TrueTypeTables(fontBytes("regular"));
    const font = fontkit.create(fontBytes("regular"));
    const ids = [...new Set(font.layout("Ромашка").glyphs.map((g) => g.id))];
    expect(tables.subset([0, ...ids]).byteLength).toBeLessThan(12_000);
  });
});
