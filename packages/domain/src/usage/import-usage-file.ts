import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { type UsageKind, usageKinds } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { parseMsisdn } from "../shared/phone-numbers.ts";
import { type UsageRefusalReason, rateUsageEvents, type UsageEventInput } from "./rate-usage-events.ts";

/**
 * The usage file (README, "Usage files"): CSV, UTF-8 with or without BOM, `;` or `,` between
 * fields, a header row naming the columns (any order; others are ignored):
 *
 *   event_id;msisdn;started_at;kind;roaming;other_party;duration_seconds;volume_bytes
 *   c-1001;+79123456789;2026-11-25T10:15:00+05:00;call_out;0;+79991234567;125;
 *
 * `started_at` is ISO 8601 with its offset (or Z); `kind` one of call_out, call_in, sms_out,
 * sms_in, data; `roaming` 0/1 (empty = 0); `duration_seconds` for calls, `volume_bytes` for data.
 */
export const USAGE_FILE_COLUMNS = ["event_id", "msisdn", "started_at", "kind", "roaming", "other_party", "duration_seconds", "volume_bytes"] as const;
const REQUIRED = ["event_id", "msisdn", "started_at", "kind"] as const;

export type RowProblem =
  | "missing_column"
  | "bad_event_id"
  | "bad_msisdn"
  | "bad_started_at"
  | "bad_kind"
  | "bad_roaming"
  | "bad_duration"
  | "bad_volume"
  | "malformed_csv"
  | UsageRefusalReason;

export const rowProblemText: Record<RowProblem, string> = {
  missing_column: "the header lacks a required column",
  bad_event_id: "event_id is empty or longer than 100 characters",
  bad_msisdn: "msisdn is not a Russian mobile number",
  bad_started_at: "started_at is not an ISO 8601 date and time with its offset (e.g. 2026-11-25T10:15:00+05:00)",
  bad_kind: `kind is not one of ${usageKinds.join(", ")}`,
  bad_roaming: "roaming is not 0 or 1",
  bad_duration: "duration_seconds is not a whole number of seconds ≥ 0 (required for calls)",
  bad_volume: "volume_bytes is not a whole number of bytes ≥ 0 (required for data)",
  malformed_csv: "the row is not valid CSV",
  invalid: "the event is not valid",
  unknown_line: "no line had this number at that time",
  future: "the event is in the future",
};

export interface RowError {
  /** The line of the file the row ends on (the header is line 1). */
  row: number;
  problem: RowProblem;
  eventId?: string;
}

export interface UsageImportSummary {
  rows: number;
  rated: number;
  duplicates: number;
  refused: number;
  /** Kopecks charged for the events rated by this import. */
  charged: number;
}

export interface UsageImportOptions {
  batchSize?: number;
  onRowError?: (error: RowError) => void;
  /** After each batch: rows read so far and bytes of the file consumed. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
}

/**
 * Events per transaction. A batch reads each of its lines and counters once and writes them back
 * once, so larger batches rate faster (1,000,000 events over 100,000 lines: about 1.8× the bare
 * INSERT in batches of 250,000, 2.5× in batches of 100,000). But a batch holds the database's write
 * lock while it runs, and the portal's own writes wait at most 5 s for it (busy_timeout): 50,000
 * events hold it well under a second. A bulk load with the portal stopped can ask for more.
 */
export const USAGE_IMPORT_BATCH = 50_000;

const STARTED_AT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const WHOLE = /^\d{1,15}$/;
const kinds = new Set<string>(usageKinds);

/**
 * Reads a usage file as a stream and rates it in batches through `rateUsageEvents` (one
 * transaction per batch). A malformed row is reported with its row number and reason and skipped;
 * an event already rated (same event_id, from this file or an earlier one) counts nothing again.
 */
export async function importUsageFile(deps: Pick<Deps, "db" | "clock">, input: Readable, options: UsageImportOptions = {}): Promise<UsageImportSummary> {
  const batchSize = options.batchSize ?? USAGE_IMPORT_BATCH;
  const summary: UsageImportSummary = { rows: 0, rated: 0, duplicates: 0, refused: 0, charged: 0 };
  const report = (error: RowError) => {
    summary.refused++;
    options.onRowError?.(error);
  };
  const parser = input.pipe(
    parse({ bom: true, delimiter: [";", ","], columns: false, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, skip_records_with_error: true }),
  );
  // A row that is not CSV (a stray quote) is skipped by the parser and reported here.
  const skipped: number[] = [];
  parser.on("skip", (error: { lines?: number }) => skipped.push(error.lines ?? 0));
  const reportSkipped = () => {
    for (const row of skipped.splice(0)) report({ row, problem: "malformed_csv" });
  };
  let columns: Map<string, number> | null = null;
  let batch: UsageEventInput[] = [];
  let batchRows: number[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const outcome = rateUsageEvents(deps, batch);
    summary.rated += outcome.rated;
    summary.duplicates += outcome.duplicates;
    summary.charged += outcome.charged;
    for (const refusal of outcome.refused) report({ row: batchRows[refusal.index] as number, problem: refusal.reason, eventId: refusal.eventId });
    batch = [];
    batchRows = [];
    options.onProgress?.({ rows: summary.rows, bytes });
  };
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
    reportSkipped();
    bytes = info.bytes;
    if (!columns) {
      columns = new Map(record.map((name, index) => [name.trim().toLowerCase(), index]));
      if (REQUIRED.some((name) => !columns?.has(name))) {
        report({ row: info.lines, problem: "missing_column" });
        parser.destroy();
        return summary;
      }
      continue;
    }
    summary.rows++;
    const parsed = parseRow(record, columns);
    if ("problem" in parsed) {
      report({ row: info.lines, problem: parsed.problem, ...(parsed.eventId ? { eventId: parsed.eventId } : {}) });
      continue;
    }
    batch.push(parsed);
    batchRows.push(info.lines);
    if (batch.length >= batchSize) flush();
  }
  reportSkipped();
  flush();
  return summary;
}

function parseRow(record: string[], columns: Map<string, number>): UsageEventInput | { problem: RowProblem; eventId?: string } {
  const field = (name: string) => {
    const index = columns.get(name);
    return index === undefined ? "" : (record[index] ?? "");
  };
  const eventId = field("event_id");
  if (eventId.length === 0 || eventId.length > 100) return { problem: "bad_event_id" };
  const rawMsisdn = field("msisdn");
  let msisdn = rawMsisdn;
  if (!/^\+7\d{10}$/.test(rawMsisdn)) {
    const parsed = parseMsisdn(rawMsisdn);
    if (!parsed.ok) return { problem: "bad_msisdn", eventId };
    msisdn = parsed.msisdn;
  }
  const startedAtText = field("started_at");
  const startedAt = STARTED_AT.test(startedAtText) ? Date.parse(startedAtText.replace(" ", "T")) : Number.NaN;
  if (!Number.isSafeInteger(startedAt)) return { problem: "bad_started_at", eventId };
  const kind = field("kind").toLowerCase();
  if (!kinds.has(kind)) return { problem: "bad_kind", eventId };
  const roamingText = field("roaming").toLowerCase();
  if (!["", "0", "1", "true", "false"].includes(roamingText)) return { problem: "bad_roaming", eventId };
  const event: UsageEventInput = { eventId, msisdn, startedAt, kind: kind as UsageKind, roaming: roamingText === "1" || roamingText === "true" };
  const otherParty = field("other_party");
  if (otherParty) event.otherParty = otherParty.slice(0, 64);
  if (kind === "call_out" || kind === "call_in") {
    const duration = field("duration_seconds");
    if (!WHOLE.test(duration)) return { problem: "bad_duration", eventId };
    event.durationSeconds = Number(duration);
  } else if (kind === "data") {
    const volume = field("volume_bytes");
    if (!WHOLE.test(volume)) return { problem: "bad_volume", eventId };
    event.volumeBytes = Number(volume);
  }
  return event;
}
