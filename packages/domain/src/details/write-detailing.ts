import type { Writable } from "node:stream";
import type { Deps } from "../deps.ts";
import { billingInstant } from "../shared/billing-calendar.ts";
import type { DetailingFileOptions, DetailingProgress, DetailingResult, DetailingScope } from "./detailing-scope.ts";

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
 * Writes the scope's call details as one file (CSV, XLSX or PDF, optionally in a ZIP) to `out`,
 * streamed with backpressure; resolves once `out` has finished. A PDF above DETAILING_PDF_MAX_ROWS
 * is refused before anything is written.
 */
export async function writeDetailing(
  _deps: Deps,
  _scope: DetailingScope,
  _options: DetailingFileOptions,
  _out: Writable,
  _onProgress?: DetailingProgress,
): Promise<DetailingResult> {
  throw new Error("writeDetailing: not implemented yet");
}
