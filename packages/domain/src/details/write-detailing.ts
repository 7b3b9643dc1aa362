import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";
import type { Deps } from "../deps.ts";
import { billingInstant } from "../shared/billing-calendar.ts";
import { writeDetailingCsv } from "./detailing-csv.ts";
import { ByteCounter } from "./detailing-output.ts";
import { assertDetailingFits, detailingLines, detailingRows, detailingTimeZone, estimateDetailingRows } from "./detailing-rows.ts";
import type { DetailingFileOptions, DetailingProgress, DetailingResult, DetailingScope, DetailingTotals } from "./detailing-scope.ts";
import { detailingTexts } from "./detailing-texts.ts";

const PROGRESS_EVERY_ROWS = 2_000;

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

/** The file's name without the ZIP: `detailing-20260601-20261125.csv` (first and last day, region's calendar). */
export function detailingInnerFileName(scope: DetailingScope, options: Pick<DetailingFileOptions, "format">, timeZone: string): string {
  const first = billingInstant(timeZone, scope.from).day;
  const last = billingInstant(timeZone, Math.max(scope.from, scope.to - 1)).day;
  return `detailing-${first}-${last}.${options.format}`;
}

/** The name to offer for download: the file's, or the same with `.zip` when packed. */
export function detailingFileName(scope: DetailingScope, options: Pick<DetailingFileOptions, "format" | "zip">, timeZone: string): string {
  const inner = detailingInnerFileName(scope, options, timeZone);
  return options.zip ? inner.replace(/\.[a-z]+$/, ".zip") : inner;
}

export function detailingContentType(options: Pick<DetailingFileOptions, "format" | "zip">): string {
  return options.zip ? "application/zip" : CONTENT_TYPES[options.format];
}

/**
 * Writes the scope's call details as one file (CSV, XLSX or PDF, optionally packed in a ZIP) to
 * `out`, streamed with backpressure; resolves once `out` has finished, with the file's size and
 * totals (the sum of the rows written, i.e. the rated usage of the scope). A PDF above
 * DETAILING_PDF_MAX_ROWS is refused before anything is written. On failure (a refusal too) `out`
 * is destroyed, and whatever was written of the file is the caller's to remove.
 */
export async function writeDetailing(
  deps: Deps,
  scope: DetailingScope,
  options: DetailingFileOptions,
  out: Writable,
  onProgress?: DetailingProgress,
): Promise<DetailingResult> {
  let timeZone: string;
  let lines: ReturnType<typeof detailingLines>;
  let total: number;
  try {
    timeZone = detailingTimeZone(deps, scope);
    lines = detailingLines(deps, scope);
    total = estimateDetailingRows(deps, scope, lines);
    assertDetailingFits(deps, scope, options, total);
  } catch (error) {
    // Refused before the first byte: the output (an open file) is closed all the same.
    out.destroy();
    throw error;
  }
  const texts = detailingTexts[options.locale];
  const innerName = detailingInnerFileName(scope, options, timeZone);

  const counter = new ByteCounter();
  const finished = pipeline(counter, out);
  let target: Writable = counter;
  if (options.zip) {
    // One entry, streamed into the archive as it is written (yazl deflates it on the fly).
    const zip = new ZipFile();
    const entry = new PassThrough();
    zip.addReadStream(entry, innerName, { mtime: deps.clock.now(), compress: true });
    zip.outputStream.on("error", (error) => counter.destroy(error));
    zip.outputStream.pipe(counter);
    zip.end();
    target = entry;
  }

  // The output failing (disk full, client gone) stops the writer waiting on the ZIP entry's drain.
  finished.catch((error: Error) => target.destroy(error));

  // The writers report every batch (a hundred rows or so); the caller hears every few thousand.
  let reported = 0;
  const afterBatch = async (done: number) => {
    if (done - reported < PROGRESS_EVERY_ROWS) return;
    reported = done;
    await onProgress?.(done, Math.max(done, total));
  };
  const rows = detailingRows(deps, scope, lines);
  let totals: DetailingTotals;
  try {
    switch (options.format) {
      case "csv":
        totals = await writeDetailingCsv(rows, texts, timeZone, target, afterBatch);
        target.end();
        break;
      case "xlsx": {
        // exceljs and pdf-lib are loaded only for their formats: a CSV job's process stays small.
        const { writeDetailingXlsx } = await import("./detailing-xlsx.ts");
        totals = await writeDetailingXlsx(rows, lines, texts, timeZone, target, afterBatch);
        break;
      }
      case "pdf": {
        const { writeDetailingPdf } = await import("./detailing-pdf.ts");
        totals = await writeDetailingPdf(deps, scope, rows, lines, texts, options.locale, timeZone, target, afterBatch);
        break;
      }
    }
    await finished;
  } catch (error) {
    target.destroy(error as Error);
    counter.destroy(error as Error);
    await finished.catch(() => undefined);
    throw error;
  }
  await onProgress?.(totals.rows, totals.rows);
  return {
    ...totals,
    bytes: counter.bytes,
    fileName: detailingFileName(scope, options, timeZone),
    contentType: detailingContentType(options),
  };
}
