import type { UsageKind } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findRegion } from "../regions/regions.ts";
import { DETAILING_PDF_MAX_ROWS, type DetailingFileOptions, type DetailingRow, type DetailingScope } from "./detailing-scope.ts";

/** A line as the files head its usage. */
export interface DetailingLine {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  departmentName: string | null;
}

/**
 * Rows are read this many at a time by keyset (line, time, id): between chunks no statement is left
 * open, so whoever consumes the rows may write to the same connection meanwhile (a job's progress),
 * and memory holds one chunk whatever the period. Small, so that a chunk is young garbage rather
 * than promoted to the old space (see detailing-csv.ts); a query costs a few microseconds.
 */
const CHUNK_ROWS = 128;

/** The scope's lines that are the company's lines of the region, by number (an older issuance first). */
export function detailingLines(deps: Deps, scope: DetailingScope): DetailingLine[] {
  return deps.db.$client
    .prepare(
      `select l.id as lineId, l.msisdn, l.employee_name as employeeName, d.name as departmentName
       from lines l left join departments d on d.id = l.department_id and d.company_id = l.company_id
       where l.company_id = @company and l.region_code = @region and l.id in (select value from json_each(@ids))
       order by l.msisdn, l.id`,
    )
    .all({ company: scope.companyId, region: scope.regionCode, ids: JSON.stringify(scope.lineIds) }) as DetailingLine[];
}

/** The IANA zone the files show times in: the region's. */
export function detailingTimeZone(deps: Deps, scope: DetailingScope): string {
  const region = findRegion(deps, scope.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  return region.timeZone;
}

type RawEvent = [startedAt: number, id: number, kind: UsageKind, roaming: number, otherParty: string | null, durationSeconds: number | null, volumeBytes: number | null, units: number, charge: number];

/**
 * Every call, SMS and data session of the scope, ordered by number, line, then time (and id), read
 * in chunks (see CHUNK_ROWS). The tenancy is the line list's: events of other lines are never read.
 */
export function* detailingRows(deps: Deps, scope: DetailingScope, lines: DetailingLine[] = detailingLines(deps, scope)): Generator<DetailingRow> {
  const chunk = deps.db.$client
    .prepare(
      `select started_at, id, kind, roaming, other_party, duration_seconds, volume_bytes, units, charge
       from usage_events
       where line_id = @line and started_at >= @after and started_at < @to and not (started_at = @after and id <= @afterId)
       order by started_at, id limit ${CHUNK_ROWS}`,
    )
    .raw();
  for (const line of lines) {
    let after = scope.from;
    let afterId = 0;
    for (;;) {
      const events = chunk.all({ line: line.lineId, after, afterId, to: scope.to }) as RawEvent[];
      for (const e of events) {
        yield {
          lineId: line.lineId,
          msisdn: line.msisdn,
          employeeName: line.employeeName,
          departmentName: line.departmentName,
          startedAt: e[0],
          kind: e[2],
          roaming: e[3] === 1,
          otherParty: e[4],
          durationSeconds: e[5],
          volumeBytes: e[6],
          units: e[7],
          charge: e[8],
        };
      }
      if (events.length < CHUNK_ROWS) break;
      const last = events[events.length - 1] as RawEvent;
      after = last[0];
      afterId = last[1];
    }
  }
}

/** How many rows the scope's files have (counted on the index, without reading the rows). */
export function estimateDetailingRows(deps: Deps, scope: DetailingScope, lines: DetailingLine[] = detailingLines(deps, scope)): number {
  const count = deps.db.$client
    .prepare("select count(*) from usage_events where line_id = ? and started_at >= ? and started_at < ?")
    .pluck();
  let rows = 0;
  for (const line of lines) rows += count.get(line.lineId, scope.from, scope.to) as number;
  return rows;
}

/** Refuses a PDF of more than DETAILING_PDF_MAX_ROWS rows, naming the count and the limit. */
export function assertDetailingFits(deps: Deps, scope: DetailingScope, options: Pick<DetailingFileOptions, "format">, rows?: number): void {
  if (options.format !== "pdf") return;
  const count = rows ?? estimateDetailingRows(deps, scope);
  if (count > DETAILING_PDF_MAX_ROWS) {
    throw new DomainError("invalid", `a PDF of ${count} rows is refused (at most ${DETAILING_PDF_MAX_ROWS})`, {
      format: { code: "detailing_pdf_too_large", params: { rows: String(count), max: String(DETAILING_PDF_MAX_ROWS) } },
    });
  }
}
