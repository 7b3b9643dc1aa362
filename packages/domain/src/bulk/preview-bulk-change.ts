import { type Actor, can } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { LINE_SELECTION_IDS_MAX } from "../lines/line-selection.ts";
import { lineListWhere } from "../lines/list-company-lines.ts";
import { parseMsisdn } from "../shared/phone-numbers.ts";
import type { BulkChangeInput, BulkLineSource, BulkLineSourceRecord, BulkRefusalReason } from "./bulk-change-types.ts";
import { readNumberList } from "./number-list.ts";
import { type LineState, loadRegionCatalogue, type LinePlan, planLineChange, type ResolvedTarget, resolveTarget, servicesOfText, servicesText } from "./plan-bulk-change.ts";

/** The company an administrator changes lines of; only a company administrator may. */
export function managingCompany(actor: Actor): number {
  if (!can(actor, "cabinet:manage") || actor.companyId == null) throw new DomainError("forbidden", "not a company administrator");
  return actor.companyId;
}

/** One row of a preview before it is stored: a line that changes, or a line or number that cannot. */
interface PreviewRow {
  sourceRow: number | null;
  input: string | null;
  line: LineState | null;
  plan: LinePlan | { changes: false; reason: BulkRefusalReason; service?: string; feeBefore: null };
}

const lineColumns = `l.id, l.msisdn, l.version, l.tariff_id, l.block_mask,
  (select group_concat(s.service_id) from line_services s where s.line_id = l.id) as services`;

type LineRow = { id: number; msisdn: string; version: number; tariff_id: number; block_mask: number; services: string | null };

const lineStateOf = (row: LineRow): LineState => ({
  id: row.id,
  msisdn: row.msisdn,
  version: row.version,
  tariffId: row.tariff_id,
  blockMask: row.block_mask,
  services: servicesOfText(row.services),
});

/** The company's live lines in the actor's region matching a WHERE over `lines l`, by number. */
function companyLines(db: Db, where: string, params: unknown[]): LineState[] {
  return (db.$client.prepare(`select ${lineColumns} from lines l where ${where} order by l.msisdn`).all(...params) as LineRow[]).map(lineStateOf);
}

/**
 * The lines a source names, each planned against the target, plus what a list held that is not a
 * line to change (unreadable, repeated, another company's, unknown, another region's).
 */
function previewRows(db: Db, actor: Actor, companyId: number, record: BulkLineSourceRecord, plan: (line: LineState) => LinePlan): PreviewRow[] {
  const own = "l.company_id = ? and l.region_code = ? and l.terminated_at is null";
  const lineRows = (lines: LineState[]) => lines.map((line): PreviewRow => ({ sourceRow: null, input: null, line, plan: plan(line) }));
  switch (record.kind) {
    case "lines":
      return lineRows(companyLines(db, `${own} and l.id in (select value from json_each(?))`, [companyId, actor.regionCode, JSON.stringify(record.lineIds)]));
    case "filter": {
      const where = lineListWhere(actor, { ...record.query, page: undefined });
      return lineRows(companyLines(db, where.sql, where.params));
    }
    case "department":
      return lineRows(companyLines(db, `${own} and l.department_id = ?`, [companyId, actor.regionCode, record.departmentId]));
    case "list": {
      const parsed = record.entries.map(([row, input]) => ({ row, input, parsed: parseMsisdn(input) }));
      const msisdns = [...new Set(parsed.flatMap((e) => (e.parsed.ok ? [e.parsed.msisdn] : [])))];
      const live = db.$client
        .prepare(`select ${lineColumns}, l.company_id, l.region_code from lines l where l.msisdn in (select value from json_each(?)) and l.terminated_at is null`)
        .all(JSON.stringify(msisdns)) as (LineRow & { company_id: number | null; region_code: string })[];
      const byMsisdn = new Map(live.map((row) => [row.msisdn, row]));
      const seen = new Set<string>();
      return parsed.map(({ row, input, parsed: number }): PreviewRow => {
        const refuse = (reason: BulkRefusalReason, line: LineState | null = null): PreviewRow => ({ sourceRow: row, input, line, plan: { changes: false, reason, feeBefore: null } });
        if (!number.ok) return refuse("malformed");
        if (seen.has(number.msisdn)) return refuse("duplicate");
        seen.add(number.msisdn);
        const found = byMsisdn.get(number.msisdn);
        if (!found) return refuse("notFound");
        if (found.region_code !== actor.regionCode) return refuse("notOffered");
        if (found.company_id !== companyId) return refuse("otherCompany");
        const line = lineStateOf(found);
        return { sourceRow: row, input, line, plan: plan(line) };
      });
    }
  }
}

/** A source as kept with the preview: the lines' ids, the filter, the department, or the list's numbers. */
function sourceRecordOf(db: Db, companyId: number, source: BulkLineSource): BulkLineSourceRecord {
  switch (source.kind) {
    case "lines": {
      const asked = [...new Set(source.lineIds)];
      if (asked.length === 0) throw new DomainError("invalid", "no lines", { lineId: { code: "bulk.lines.none" } });
      if (asked.length > LINE_SELECTION_IDS_MAX || !asked.every((id) => Number.isSafeInteger(id) && id > 0)) throw new DomainError("invalid", "not a selection", { lineId: { code: "form.expired" } });
      return { kind: "lines", lineIds: asked, dropped: 0 };
    }
    case "filter":
      return { kind: "filter", query: { q: source.query.q, status: source.query.status, tariffId: source.query.tariffId, departmentId: source.query.departmentId } };
    case "department": {
      const found = db.$client.prepare("select 1 from departments where id = ? and company_id = ?").get(source.departmentId, companyId);
      if (!found) throw new DomainError("not_found", "department not found", { departmentId: { code: "bulk.department.unknown" } });
      return { kind: "department", departmentId: source.departmentId };
    }
    case "numbers":
      return { kind: "list", fileName: null, entries: readNumberList({ text: source.text }).entries.map((e) => [e.row, e.input]) };
    case "file":
      return { kind: "list", fileName: source.fileName.slice(0, 200), entries: readNumberList({ bytes: source.bytes }).entries.map((e) => [e.row, e.input]) };
  }
}

/**
 * Works out what a bulk change would do, without changing any line, and stores it: per line the
 * tariff and services before and after, the monthly fees, and the version it was computed against;
 * the lines and numbers that cannot change, with the reason; the totals. Applying writes exactly
 * this (see apply-bulk-change.ts). Returns the stored preview's id.
 */
export function previewBulkChange(deps: Deps, actor: Actor, input: BulkChangeInput): { bulkChangeId: number } {
  const companyId = managingCompany(actor);
  const catalogue = loadRegionCatalogue(deps.db, actor.regionCode);
  const target = resolveTarget(catalogue, input);
  const record = sourceRecordOf(deps.db, companyId, input.source);
  return storePreview(deps, actor, companyId, record, target, (line) => planLineChange(catalogue, target, line));
}

function storePreview(
  deps: Deps,
  actor: Actor,
  companyId: number,
  record: BulkLineSourceRecord,
  target: ResolvedTarget,
  plan: (line: LineState) => LinePlan,
): { bulkChangeId: number } {
  // Read and planned before the write transaction (each line in one consistent statement with its
  // services and version): a line that changes in between is caught by its version when applying.
  const rows = previewRows(deps.db, actor, companyId, record, plan);
  // Nothing of the company's: nothing to preview (and nothing stored for another company's ids).
  if (rows.length === 0) throw new DomainError("invalid", "no lines", { [record.kind === "department" ? "departmentId" : "lineId"]: { code: "bulk.lines.noneFound" } });
  if (record.kind === "lines") record.dropped = record.lineIds.length - rows.length;
  return inTransaction(deps.db, (tx) => {
    const changes = rows.filter((r) => r.plan.changes);
    const refused = rows.filter((r) => !r.plan.changes);
    let feeBefore = 0;
    let feeAfter = 0;
    for (const row of changes) {
      if (!row.plan.changes) continue;
      feeBefore += row.plan.feeBefore;
      feeAfter += row.plan.feeAfter;
    }
    const sqlite = tx.$client;
    const { id } = sqlite
      .prepare(
        `insert into bulk_changes (company_id, region_code, created_by, created_at, source, tariff_id, services_on, services_off, change_count, refused_count, fee_before, fee_after)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      )
      .get(
        companyId,
        actor.regionCode,
        actor.userId,
        deps.clock.now().getTime(),
        JSON.stringify(record),
        target.tariffId,
        JSON.stringify(target.servicesOn),
        JSON.stringify(target.servicesOff),
        changes.length,
        refused.length,
        feeBefore,
        feeAfter,
      ) as { id: number };
    const insert = sqlite.prepare(
      `insert into bulk_change_lines (bulk_change_id, seq, source_row, input, line_id, msisdn, version, refusal, refusal_service,
         tariff_before, tariff_after, services_before, services_after, fee_before, fee_after)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let seq = 0;
    for (const { sourceRow, input, line, plan: p } of [...changes, ...refused]) {
      insert.run(
        id,
        seq++,
        sourceRow,
        input,
        line?.id ?? null,
        line?.msisdn ?? null,
        line?.version ?? null,
        p.changes ? null : p.reason,
        p.changes ? null : (p.service ?? null),
        line?.tariffId ?? null,
        p.changes ? p.tariffAfter : null,
        line ? servicesText(line.services) : null,
        p.changes ? servicesText(p.servicesAfter) : null,
        p.feeBefore,
        p.changes ? p.feeAfter : null,
      );
    }
    return { bulkChangeId: id };
  });
}

/**
 * A new preview of the same lines and the same target, as they are now: after applying refused a
 * stale preview, or to see again what a change would do today.
 */
export function repreviewBulkChange(deps: Deps, actor: Actor, input: { bulkChangeId: number }): { bulkChangeId: number } {
  const companyId = managingCompany(actor);
  const found = deps.db.$client
    .prepare("select source, tariff_id, services_on, services_off from bulk_changes where id = ? and company_id = ? and region_code = ?")
    .get(input.bulkChangeId, companyId, actor.regionCode) as { source: string; tariff_id: number | null; services_on: string; services_off: string } | undefined;
  if (!found) throw new DomainError("not_found", "bulk change not found");
  const catalogue = loadRegionCatalogue(deps.db, actor.regionCode);
  const target = resolveTarget(catalogue, { tariffId: found.tariff_id, servicesOn: JSON.parse(found.services_on), servicesOff: JSON.parse(found.services_off) });
  const record = JSON.parse(found.source) as BulkLineSourceRecord;
  return storePreview(deps, actor, companyId, record, target, (line) => planLineChange(catalogue, target, line));
}
