// Test helper: reads the text of a PDF back (pdfjs-dist, legacy build for Node).
// Other packages' tests import it as "@cabinet/pdf/testing".
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * All text of all pages. Items are joined in content order; line ends (as detected by pdf.js)
 * become "\n", pages are separated by "\n\n".
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const task = getDocument({
    // pdf.js may detach the buffer it is given: pass a copy.
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      pages.push(text);
      page.cleanup();
    }
    return pages.join("\n\n");
  } finally {
    await doc.destroy();
  }
}
