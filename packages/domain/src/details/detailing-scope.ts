import type { UsageKind } from "../db/schema.ts";

/** The file formats call details come in; any of them can also be packed into a ZIP. */
export const detailingFormats = ["csv", "xlsx", "pdf"] as const;
export type DetailingFormat = (typeof detailingFormats)[number];
export type DetailingLocale = "ru" | "en";

/** Which usage a detailing file lists: a company's lines of one region over a period. */
export interface DetailingScope {
  companyId: number;
  regionCode: string;
  /**
   * The lines to include. Ids that are not the company's lines of the region are left out by the
   * query itself (tenancy); a terminated line's usage in the period is listed if it is asked for.
   */
  lineIds: number[];
  /** UTC ms, `from` included, `to` excluded. The order flow validates the period; the writers don't. */
  from: number;
  to: number;
}

export interface DetailingFileOptions {
  format: DetailingFormat;
  zip: boolean;
  locale: DetailingLocale;
}

/** One call, SMS or data session of a line, as the files list it. */
export interface DetailingRow {
  lineId: number;
  /** E.164. */
  msisdn: string;
  /** The line's current employee and department. */
  employeeName: string | null;
  departmentName: string | null;
  /** UTC ms. */
  startedAt: number;
  kind: UsageKind;
  roaming: boolean;
  otherParty: string | null;
  durationSeconds: number | null;
  volumeBytes: number | null;
  /** Billed units: started minutes, SMS, or kilobytes. */
  units: number;
  /** Kopecks, as rated. */
  charge: number;
}

export interface DetailingTotals {
  rows: number;
  /** Kopecks: the sum of the rows' charges, which is the rated usage of the scope. */
  charge: number;
  byKind: Record<UsageKind, { rows: number; charge: number }>;
}

export interface DetailingResult extends DetailingTotals {
  /** What was written to the output: the file's size. */
  bytes: number;
  /** A name to offer for download (`.zip` when packed). */
  fileName: string;
  contentType: string;
}

/** Called every few thousand rows and at the end; awaited, so a job can yield and renew its lease. */
export type DetailingProgress = (done: number, total: number) => void | Promise<void>;

/**
 * pdf-lib builds the whole document in memory, and a printed list of tens of thousands of calls is
 * read by nobody: above this many rows a PDF is refused and CSV or XLSX offered instead. At about
 * 50 rows a page it is some 400 pages, a few seconds and well under 100 MB to render.
 */
export const DETAILING_PDF_MAX_ROWS = 20_000;

export function emptyTotals(): DetailingTotals {
  const zero = () => ({ rows: 0, charge: 0 });
  return { rows: 0, charge: 0, byKind: { call_out: zero(), call_in: zero(), sms_out: zero(), sms_in: zero(), data: zero() } };
}

export function addToTotals(totals: DetailingTotals, row: Pick<DetailingRow, "kind" | "charge">): void {
  totals.rows++;
  totals.charge += row.charge;
  const kind = totals.byKind[row.kind];
  kind.rows++;
  kind.charge += row.charge;
}
