import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { CustomFontEmbedder, type PDFContext, type PDFDocument, PDFFont, PDFHexString, type PDFRef } from "pdf-lib";

/**
 * A TrueType font parsed once and reused by every document a process (or worker) renders.
 *
 * pdf-lib's own `embedFont(bytes, { subset: true })` parses the 750 KB font file again for every
 * document, shapes every measured string with fontkit's full layout engine (GSUB lookups), and
 * at save builds and deflates (with pako) a new subset of the font. For the application form that
 * was ~60 ms of ~75. Here:
 * - the font is parsed once;
 * - a character whose glyph no default substitution can touch maps straight to its glyph
 *   (`direct`); any other text still goes through fontkit's layout (memoized), so what is drawn
 *   and measured is exactly what pdf-lib would draw and measure;
 * - a fixed subset covering the characters a Russian/English form uses is built and deflated
 *   once; a document that uses only those characters embeds those bytes as they are. A document
 *   with other characters gets a subset of the fixed glyphs plus its own, built at save.
 */
type FontkitFont = CustomFontEmbedder["font"];
type Glyph = ReturnType<FontkitFont["glyphForCodePoint"]>;

/** Characters whose glyphs go into the prebuilt subset: ASCII, Russian Cyrillic, common typography. */
const PREBUILT_CODE_POINTS: number[] = [
  ...range(0x20, 0x7e),
  ...range(0x400, 0x45f),
  ...[0xa0, 0xa7, 0xab, 0xb0, 0xb7, 0xbb, 0xd7],
  ...[0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0x2116, 0x20bd],
];
/** Strings whose layout yields glyphs of their own (ligatures) that belong in the prebuilt subset. */
const PREBUILT_SEQUENCES = ["ff", "fi", "fl", "ffi", "ffl"];

/**
 * Characters eligible for the direct mapping, if their glyph is in no substitution's coverage:
 * only characters of the Latin, Cyrillic and Common scripts (letters, punctuation, symbols), so
 * that fontkit lays any text made of them out as `latn`, `cyrl` or its default script. Marks,
 * controls, default-ignorables (soft hyphen, zero-width and bidi controls) and every other script
 * always take fontkit's layout.
 */
const DIRECT_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0x24f],
  [0x400, 0x482],
  [0x48a, 0x52f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20cf],
  [0x2116, 0x2116],
  [0x2122, 0x2122],
];
/** The scripts fontkit picks for such text: the first strong script, else its defaults. */
const DIRECT_SCRIPTS = new Set(["latn", "cyrl", "DFLT", "dflt"]);

/** GSUB features fontkit applies only when asked; every other feature counts as always on. */
const OPT_IN_FEATURES = new Set([
  "aalt", "salt", "dlig", "hlig", "case", "smcp", "c2sc", "onum", "lnum", "tnum", "pnum", "frac", "sups", "subs",
  "ordn", "zero", "swsh", "titl", "sinf", "ss01", "ss02", "ss03", "ss04", "ss05", "ss06", "ss07", "ss08", "ss09", "ss10",
]);

const LAYOUT_MEMO_LIMIT = 5000;

export class PreparedFont {
  /** What the one-off parse and the prebuilt subset cost (reported by the benchmark). */
  preparedInMs = 0;
  private readonly scale: number;
  private readonly direct = new Map<number, Glyph>();
  private readonly layoutMemo = new Map<string, Glyph[]>();
  /** Prebuilt subset: glyph i (0-based) has CID i + 1 (CID 0 is .notdef). */
  readonly prebuiltGlyphs: Glyph[];
  private readonly prebuiltCid = new Map<number, number>();
  private prebuilt: { fontFile: Uint8Array; cmap: Uint8Array; widths: (number | number[])[] } | null = null;

  private constructor(
    readonly font: FontkitFont,
    readonly bytes: Uint8Array,
  ) {
    this.scale = 1000 / font.unitsPerEm;
    const triggers = substitutionTriggers(font);
    for (const [from, to] of DIRECT_RANGES) {
      for (let cp = from; cp <= to; cp++) {
        const glyph = font.glyphForCodePoint(cp);
        if (glyph.id !== 0 && !triggers.has(glyph.id)) this.direct.set(cp, glyph);
      }
    }
    const glyphs = new Map<number, Glyph>();
    for (const cp of PREBUILT_CODE_POINTS) {
      const glyph = font.glyphForCodePoint(cp);
      if (glyph.id !== 0) glyphs.set(glyph.id, glyph);
    }
    for (const sequence of PREBUILT_SEQUENCES) {
      for (const glyph of font.layout(sequence).glyphs) if (glyph.id !== 0) glyphs.set(glyph.id, glyph);
    }
    this.prebuiltGlyphs = [...glyphs.values()];
    for (const [i, glyph] of this.prebuiltGlyphs.entries()) this.prebuiltCid.set(glyph.id, i + 1);
  }

  /** Parses the font and builds its prebuilt subset (once per process; tens of milliseconds). */
  static async load(bytes: Uint8Array): Promise<PreparedFont> {
    const startedAt = performance.now();
    const prepared = new PreparedFont(fontkit.create(bytes), bytes);
    const glyphs = prepared.prebuiltGlyphs;
    prepared.prebuilt = {
      fontFile: deflateSync(await prepared.encodeSubset(glyphs)),
      cmap: deflateSync(toUnicodeCmap(glyphs)),
      widths: prepared.widthsArray(glyphs),
    };
    prepared.preparedInMs = performance.now() - startedAt;
    return prepared;
  }

  /** A font of `doc` drawn with this prepared font. Call `embed()` on it before `doc.save()`. */
  embedIn(doc: PDFDocument): PDFFont {
    return PDFFont.of(doc.context.nextRef(), doc, new PreparedFontEmbedder(this));
  }

  /** The glyphs pdf-lib's layout would produce for `text`. */
  glyphs(text: string): Glyph[] {
    const direct: Glyph[] = [];
    for (const ch of text) {
      const glyph = this.direct.get(ch.codePointAt(0) as number);
      if (!glyph) return this.laidOut(text);
      direct.push(glyph);
    }
    return direct;
  }

  /** Same arithmetic as pdf-lib's `CustomFontEmbedder.widthOfTextAtSize`, so widths match to the bit. */
  widthOfTextAtSize(text: string, size: number): number {
    let total = 0;
    for (const glyph of this.glyphs(text)) total += glyph.advanceWidth * this.scale;
    return total * (size / 1000);
  }

  cidOfPrebuilt(glyphId: number): number | undefined {
    return this.prebuiltCid.get(glyphId);
  }

  get prebuiltFontFile() {
    if (!this.prebuilt) throw new Error("PreparedFont used before load() finished");
    return this.prebuilt;
  }

  /** TrueType subset whose glyph i is `glyphs[i - 1]` (fontkit appends composite parts after them). */
  async encodeSubset(glyphs: Glyph[]): Promise<Uint8Array> {
    const subset = this.font.createSubset();
    for (const glyph of glyphs) subset.includeGlyph(glyph);
    return new Promise<Uint8Array>((resolve) => {
      const parts: Uint8Array[] = [];
      subset
        .encodeStream()
        .on("data", (bytes: Uint8Array) => parts.push(bytes))
        .on("end", () => resolve(Buffer.concat(parts)));
    });
  }

  /** The `W` array of a CID font whose CIDs 1..n are `glyphs`. */
  widthsArray(glyphs: Glyph[]): (number | number[])[] {
    return glyphs.length === 0 ? [] : [1, glyphs.map((glyph) => glyph.advanceWidth * this.scale)];
  }

  private laidOut(text: string): Glyph[] {
    let glyphs = this.layoutMemo.get(text);
    if (!glyphs) {
      if (this.layoutMemo.size >= LAYOUT_MEMO_LIMIT) this.layoutMemo.clear();
      glyphs = this.font.layout(text).glyphs;
      this.layoutMemo.set(text, glyphs);
    }
    return glyphs;
  }
}

/**
 * pdf-lib's embedder protocol on top of a `PreparedFont`: encodes text as CIDs of the prebuilt
 * subset (or of extra glyphs this document adds), and writes the prebuilt font program, widths
 * and ToUnicode map when no extra glyph was used.
 */
class PreparedFontEmbedder extends CustomFontEmbedder {
  private readonly extras: Glyph[] = [];
  private readonly extraCid = new Map<number, number>();

  constructor(private readonly prepared: PreparedFont) {
    super(prepared.font, prepared.bytes);
  }

  override encodeText(text: string): PDFHexString {
    let hex = "";
    for (const glyph of this.prepared.glyphs(text)) hex += this.cidOf(glyph).toString(16).padStart(4, "0").toUpperCase();
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    return this.prepared.widthOfTextAtSize(text, size);
  }

  private cidOf(glyph: Glyph): number {
    if (glyph.id === 0) return 0;
    const prebuilt = this.prepared.cidOfPrebuilt(glyph.id);
    if (prebuilt !== undefined) return prebuilt;
    let cid = this.extraCid.get(glyph.id);
    if (cid === undefined) {
      this.extras.push(glyph);
      cid = this.prepared.prebuiltGlyphs.length + this.extras.length;
      this.extraCid.set(glyph.id, cid);
    }
    return cid;
  }

  private allGlyphs(): Glyph[] {
    return [...this.prepared.prebuiltGlyphs, ...this.extras];
  }

  protected override isCFF(): boolean {
    return false;
  }

  protected override async embedFontStream(context: PDFContext): Promise<PDFRef> {
    const fontFile =
      this.extras.length === 0
        ? this.prepared.prebuiltFontFile.fontFile
        : deflateSync(await this.prepared.encodeSubset(this.allGlyphs()));
    return context.register(context.stream(fontFile, { Filter: "FlateDecode" }));
  }

  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    const cmap = this.extras.length === 0 ? this.prepared.prebuiltFontFile.cmap : deflateSync(toUnicodeCmap(this.allGlyphs()));
    return context.register(context.stream(cmap, { Filter: "FlateDecode" }));
  }

  protected override computeWidths(): (number | number[])[] {
    return this.extras.length === 0 ? this.prepared.prebuiltFontFile.widths : this.prepared.widthsArray(this.allGlyphs());
  }
}

/** Glyph ids at which a default GSUB lookup can start (its coverage): text without them is not substituted. */
function substitutionTriggers(font: FontkitFont): Set<number> {
  const triggers = new Set<number>();
  // fontkit's types do not describe the parsed tables; this walks them as plain data.
  const gsub = (font as unknown as { GSUB?: GsubTable }).GSUB;
  if (!gsub) return triggers;
  const lookups: Lookup[] = Array.isArray(gsub.lookupList) ? gsub.lookupList : gsub.lookupList.toArray();
  const features = new Set<number>();
  for (const record of gsub.scriptList) {
    if (!DIRECT_SCRIPTS.has(record.tag)) continue;
    // pdf-lib lays text out without a language, so only each script's default language system
    // applies; fontkit (1.1.1) never applies a language system's "required feature".
    for (const index of record.script.defaultLangSys?.featureIndexes ?? []) features.add(index);
  }
  const coverage = (table: Coverage | undefined) => {
    if (!table) return;
    for (const id of table.glyphs ?? []) triggers.add(id);
    for (const range of table.rangeRecords ?? []) for (let id = range.start; id <= range.end; id++) triggers.add(id);
  };
  const walk = (subTable: SubTable, type: number) => {
    if (type === 7 && subTable.extension) return walk(subTable.extension, subTable.lookupType ?? 0);
    // A lookup is tried at a glyph only if that glyph is in its (first input) coverage; the
    // context around it (backtrack, lookahead) cannot start a substitution by itself.
    coverage(subTable.coverage);
    coverage(subTable.inputCoverage?.[0]);
    coverage(subTable.coverages?.[0]);
  };
  for (const index of features) {
    const feature = gsub.featureList[index];
    if (!feature || OPT_IN_FEATURES.has(feature.tag)) continue;
    for (const lookupIndex of feature.feature.lookupListIndexes) {
      const lookup = lookups[lookupIndex];
      if (lookup) for (const subTable of lookup.subTables) walk(subTable, lookup.lookupType);
    }
  }
  return triggers;
}

interface Coverage {
  glyphs?: number[];
  rangeRecords?: { start: number; end: number }[];
}
interface SubTable {
  coverage?: Coverage;
  inputCoverage?: Coverage[];
  coverages?: Coverage[];
  lookupType?: number;
  extension?: SubTable;
}
interface Lookup {
  lookupType: number;
  subTables: SubTable[];
}
interface GsubTable {
  scriptList: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: Lookup[] | { toArray(): Lookup[] };
}

/** The ToUnicode CMap of CIDs 1..n (same text pdf-lib writes), so copied text comes out right. */
function toUnicodeCmap(glyphs: Glyph[]): string {
  const hex = (n: number) => n.toString(16).padStart(4, "0").toUpperCase();
  const utf16 = (cp: number) =>
    cp < 0x10000 ? hex(cp) : hex(0xd800 + ((cp - 0x10000) >> 10)) + hex(0xdc00 + ((cp - 0x10000) & 0x3ff));
  const chars = glyphs.map((glyph, i) => `<${hex(i + 1)}> <${glyph.codePoints.map(utf16).join("")}>`);
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${chars.length} beginbfchar
${chars.join("\n")}
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
