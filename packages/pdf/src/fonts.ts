import { readFileSync } from "node:fs";
import type { PDFDocument, PDFFont } from "pdf-lib";
import { requireFromPackageRoot } from "./package-root.ts";
import { PreparedFont } from "./prepared-font.ts";

/** DejaVu Sans (regular + bold) from the `dejavu-fonts-ttf` package. */
export interface FontSet {
  regular: PDFFont;
  bold: PDFFont;
  /** Writes the fonts into the document; call it once, right before `doc.save()`. */
  embed(): Promise<void>;
}

const FONT_FILES = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
} as const;

type FontName = keyof typeof FONT_FILES;

const fontBytesCache = new Map<FontName, Uint8Array>();

/** Absolute path of a bundled font file. */
export function fontPath(name: FontName): string {
  return requireFromPackageRoot().resolve(FONT_FILES[name]);
}

/** Font file bytes, read once per process and kept in memory. */
export function fontBytes(name: FontName): Uint8Array {
  let bytes = fontBytesCache.get(name);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(fontPath(name)));
    fontBytesCache.set(name, bytes);
  }
  return bytes;
}

let prepared: Promise<Record<FontName, PreparedFont>> | undefined;

/** Both fonts parsed, once per process (or worker thread). */
export function preparedFonts(): Promise<Record<FontName, PreparedFont>> {
  prepared ??= Promise.resolve().then(() => ({
    regular: PreparedFont.load(fontBytes("regular")),
    bold: PreparedFont.load(fontBytes("bold")),
  }));
  prepared.catch(() => {
    prepared = undefined;
  });
  return prepared;
}

/** The regular and bold fonts for a document (see prepared-font.ts for what is reused). */
export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  const fonts = await preparedFonts();
  const regular = fonts.regular.embedIn(doc);
  const bold = fonts.bold.embedIn(doc);
  return {
    regular,
    bold,
    async embed() {
      await regular.embed();
      await bold.embed();
    },
  };
}
