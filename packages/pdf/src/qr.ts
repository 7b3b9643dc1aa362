import QRCode from "qrcode";
import {
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  type PDFOperator,
} from "pdf-lib";
import type { PageCanvas } from "./layout.ts";

let lastQr: { text: string; rows: boolean[][] } | undefined;

/** Dark/light modules of a QR code (error correction level M), row by row from the top. */
export function qrModules(text: string): boolean[][] {
  // The form measures the code, then draws it: encode it once (a few milliseconds each time).
  if (lastQr?.text === text) return lastQr.rows;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.get(r, c) === 1);
    rows.push(row);
  }
  lastQr = { text, rows };
  return rows;
}

/** Recommended light margin around a QR symbol, in modules. */
export const QR_QUIET_ZONE_MODULES = 4;

/**
 * Draws a QR code as vector rectangles (no image): one filled path made of one rectangle per
 * horizontal run of dark modules. `size` is the side of the symbol without the quiet zone;
 * the caller keeps `QR_QUIET_ZONE_MODULES` modules of empty space around it.
 */
export function drawQrCode(canvas: PageCanvas, text: string, x: number, top: number, size: number): void {
  const matrix = qrModules(text);
  const n = matrix.length;
  const m = size / n;
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  matrix.forEach((row, r) => {
    let c = 0;
    while (c < n) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && row[c]) c++;
      // Round the edges (not the sizes) so that neighbouring modules share exact edges.
      const left = round(x + start * m);
      const right = round(x + c * m);
      const bottom = round(canvas.height - top - (r + 1) * m);
      const upper = round(canvas.height - top - r * m);
      ops.push(rectangle(left, bottom, round(right - left), round(upper - bottom)));
    }
  });
  ops.push(fill(), popGraphicsState());
  canvas.page.pushOperators(...ops);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
