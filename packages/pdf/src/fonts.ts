import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

/**
 * DejaVu Sans (regular + bold) from the `dejavu-fonts-ttf` package.
 *
 * The font files are resolved from THIS package's package.json, not from `import.meta.url`:
 * when the package is bundled (Vite SSR build of the web app), `import.meta.url` points at the
 * bundle, from where `dejavu-fonts-ttf` is not resolvable (pnpm's strict node_modules).
 * `@cabinet/pdf/package.json` is in the exports map, so the self-reference resolves both from
 * source and from a consumer that depends on `@cabinet/pdf`.
 */
export interface FontSet {
  regular: PDFFont;
  bold: PDFFont;
}

const FONT_FILES = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
} as const;

type FontName = keyof typeof FONT_FILES;

let packageRequire: NodeRequire | undefined;
const fontBytesCache = new Map<FontName, Uint8Array>();

function requireFromPackageRoot(): NodeRequire {
  if (!packageRequire) {
    const selfPackageJson = createRequire(import.meta.url).resolve("@cabinet/pdf/package.json");
    packageRequire = createRequire(selfPackageJson);
  }
  return packageRequire;
}

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

/** Embeds the (subsetted) regular and bold fonts into a document. */
export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(fontBytes("regular"), { subset: true }),
    doc.embedFont(fontBytes("bold"), { subset: true }),
  ]);
  return { regular, bold };
}
