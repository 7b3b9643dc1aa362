import { deflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { CustomFontEmbedder, type PDFContext, type PDFDocument, PDFFont, PDFHexString, type PDFRef } from "pdf-lib";
import { TrueTypeTables } from "./truetype-subset.ts";

/**
 * A TrueType font parsed once and reused by every document a process (or worker) renders.
 *
 * pdf-lib's own `embedFont(bytes, { subset: true })` parses the 750 KB font file again for every
 * document, shapes every measured string with fontkit's full layout engine (GSUB lookups), and
 * at save encodes a subset with fontkit and deflates it with pako. For the application form that
 * was ~60 ms of ~75. Here:
 * - the font is parsed once;
 * - a character whose glyph no default substitution can touch maps straight to its glyph
 *   (`direct`); any other text still goes through fontkit's layout (memoized), so what is drawn
 *   and measured is exactly what pdf-lib would draw and measure;
 * - each document still embeds a subset of only the glyphs it draws, but copied straight from the
 *   font's tables (truetype-subset.ts) and deflated with Node's zlib: well under a millisecond.
 */
type FontkitFont = CustomFontEmbedder["font"];
type Glyph = ReturnType<FontkitFont["glyphForCodePoint"]>;

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
  /** What the one-off parse cost (reported by the benchmark). */
  readonly preparedInMs: number;
  private readonly scale: number;
  private readonly direct = new Map<number, Glyph>();
  private readonly layoutMemo = new Map<string, Glyph[]>();
  private readonly tables: TrueTypeTables;

  private constructor(
    readonly font: FontkitFont,
    readonly bytes: Uint8Array,
  ) {
    const startedAt = performance.now();
    this.scale = 1000 / font.unitsPerEm;
    this.tables = new TrueTypeTables(bytes);
    const triggers = substitutionTriggers(font);
    for (const [from, to] of DIRECT_RANGES) {
      for (let cp = from; cp <= to; cp++) {
        const glyph = font.glyphForCodePoint(cp);
        if (glyph.id !== 0 && !triggers.has(glyph.id)) this.direct.set(cp, glyph);
      }
    }
    this.preparedInMs = performance.now() - startedAt;
  }

  /** Parses the font (once per process or worker thread; tens of milliseconds). */
  static load(bytes: Uint8Array): PreparedFont {
    return new PreparedFont(fontkit.create(bytes), bytes);
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

  /** The font program of a CID font whose CIDs 1..n are `glyphs` (CID 0 is .notdef). */
  subsetFontFile(glyphs: Glyph[]): Uint8Array {
    return this.tables.subset([0, ...glyphs.map((glyph) => glyph.id)]);
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
 * pdf-lib's embedder protocol on top of a `PreparedFont`: encodes text as CIDs numbered in the
 * order the document first draws each glyph (as pdf-lib's subsetting embedder does), and at save
 * writes the subset of exactly those glyphs, their widths and their ToUnicode map.
 */
class PreparedFontEmbedder extends CustomFontEmbedder {
  private readonly used: Glyph[] = [];
  private readonly cids = new Map<number, number>();

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
    let cid = this.cids.get(glyph.id);
    if (cid === undefined) {
      this.used.push(glyph);
      cid = this.used.length;
      this.cids.set(glyph.id, cid);
    }
    return cid;
  }

  protected override isCFF(): boolean {
    return false;
  }

  protected override async embedFontStream(context: PDFContext): Promise<PDFRef> {
    const fontFile = deflateSync(this.prepared.subsetFontFile(this.used));
    return context.register(context.stream(fontFile, { Filter: "FlateDecode" }));
  }

  protected override embedUnicodeCmap(context: PDFContext): PDFRef {
    return context.register(context.stream(deflateSync(toUnicodeCmap(this.used)), { Filter: "FlateDecode" }));
  }

  protected override computeWidths(): (number | number[])[] {
    return this.prepared.widthsArray(this.used);
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
