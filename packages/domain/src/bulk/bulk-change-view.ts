import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import type { JobStatus } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { type LineSelection, resolveLineSelection } from "../lines/line-selection.ts";
import type { LineListQuery } from "../lines/list-company-lines.ts";
import { nextBillingMonthStart } from "./apply-bulk-change.ts";
import { type BulkChangeStatus, type BulkEffective, type BulkLineSourceRecord, type BulkRefusalReason, bulkRefusalReasons } from "./bulk-change-types.ts";
import { managingCompany } from "./preview-bulk-change.ts";
import { servicesOfText } from "./plan-bulk-change.ts";

export const BULK_LINES_PAGE_SIZE = 50;
export const BULK_CHANGES_PAGE_SIZE = 20;

export interface CatalogueName {
  id: number;
  code: string;
  nameRu: string;
  nameEn: string;
}

/** The region's tariffs and services by id, with their names, for what a bulk change shows. */
export function catalogueNames(db: Db, regionCode: string): { tariffs: Map<number, CatalogueName>; services: Map<number, CatalogueName> } {
  const sqlite = db.$client;
  const read = (table: "tariffs" | "services") =>
    new Map(
      (sqlite.prepare(`select id, code, name_ru as nameRu, name_en as nameEn from ${table} where region_code = ?`).all(regionCode) as CatalogueName[]).map((row) => [
        row.id,
        row,
      ]),
    );
  return { tariffs: read("tariffs"), services: read("services") };
}

interface HeaderRow {
  id: number;
  company_id: number;
  region_code: string;
  created_at: number;
  created_by: number;
  author_login: string | null;
  author_name: string | null;
  source_kind: BulkLineSourceRecord["kind"];
  source_dropped: number | null;
  source_department: number | null;
  source_q: string | null;
  source_file: string | null;
  source_entries: number | null;
  tariff_id: number | null;
  services_on: string;
  services_off: string;
  change_count: number;
  refused_count: number;
  fee_before: number;
  fee_after: number;
  job_id: number | null;
  effective: BulkEffective | null;
  applied_at: number | null;
  refusal: string | null;
  refusal_msisdn: string | null;
  job_status: JobStatus | null;
  run_after: number | null;
  progress_done: number | null;
  progress_total: number | null;
  job_error: string | null;
  started_at: number | null;
  finished_at: number | null;
}

const headerSelect = `select b.id, b.company_id, b.region_code, b.created_at, b.created_by, u.login as author_login, u.display_name as author_name,
    json_extract(b.source, '$.kind') as source_kind, json_extract(b.source, '$.dropped') as source_dropped,
    json_extract(b.source, '$.departmentId') as source_department, json_extract(b.source, '$.query.q') as source_q,
    json_extract(b.source, '$.fileName') as source_file, json_array_length(b.source, '$.entries') as source_entries, b.tariff_id, b.services_on, b.services_off, b.change_count, b.refused_count, b.fee_before, b.fee_after, b.job_id,
    b.effective, b.applied_at, b.refusal, b.refusal_msisdn, j.status as job_status, j.run_after, j.progress_done, j.progress_total,
    j.error as job_error, j.started_at, j.finished_at
  from bulk_changes b
  left join users u on u.id = b.created_by
  left join jobs j on j.id = b.job_id`;

function statusOf(row: HeaderRow, now: number): BulkChangeStatus {
  if (row.job_status == null) return "preview";
  if (row.job_status === "queued") return (row.run_after ?? 0) > now ? "scheduled" : "queued";
  return row.job_status;
}

export type BulkSourceView =
  | { kind: "lines"; dropped: number }
  | { kind: "filter"; query: LineListQuery }
  | { kind: "department"; departmentId: number; departmentName: string | null }
  | { kind: "list"; fileName: string | null; entries: number };

function headerView(db: Db, row: HeaderRow, now: number) {
  const names = catalogueNames(db, row.region_code);
  // The source is summarised in SQL: a list's numbers (up to 200,000 of them) are not parsed for a page.
  let sourceView: BulkSourceView;
  switch (row.source_kind) {
    case "lines":
      sourceView = { kind: "lines", dropped: row.source_dropped ?? 0 };
      break;
    case "filter":
      sourceView = { kind: "filter", query: { q: row.source_q ?? undefined } };
      break;
    case "department":
      sourceView = {
        kind: "department",
        departmentId: row.source_department ?? 0,
        departmentName: (db.$client.prepare("select name from departments where id = ? and company_id = ?").pluck().get(row.source_department, row.company_id) as string | undefined) ?? null,
      };
      break;
    case "list":
      sourceView = { kind: "list", fileName: row.source_file, entries: row.source_entries ?? 0 };
      break;
  }
  const service = (id: number) => names.services.get(id) ?? { id, code: String(id), nameRu: String(id), nameEn: String(id) };
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    author: { login: row.author_login ?? "", displayName: row.author_name ?? "" },
    source: sourceView,
    tariff: row.tariff_id == null ? null : (names.tariffs.get(row.tariff_id) ?? null),
    servicesOn: (JSON.parse(row.services_on) as number[]).map(service),
    servicesOff: (JSON.parse(row.services_off) as number[]).map(service),
    changeCount: row.change_count,
    refusedCount: row.refused_count,
    feeBefore: row.fee_before,
    feeAfter: row.fee_after,
    status: statusOf(row, now),
    effective: row.effective,
    runAfter: row.run_after == null ? null : new Date(row.run_after),
    progress: row.job_id == null ? null : { done: row.progress_done ?? 0, total: row.progress_total },
    jobError: row.job_error,
    startedAt: row.started_at == null ? null : new Date(row.started_at),
    finishedAt: row.finished_at == null ? null : new Date(row.finished_at),
    appliedAt: row.applied_at == null ? null : new Date(row.applied_at),
    refusal: row.refusal === "stale" ? { reason: "stale" as const, msisdn: row.refusal_msisdn ?? "" } : null,
  };
}

export type BulkChangeView = ReturnType<typeof headerView> & {
  refusalsByReason: Partial<Record<BulkRefusalReason, number>>;
  /** When "from the next billing month" would take effect, if submitted now. */
  nextMonthStart: Date;
};

/** A bulk change of the actor's company: its target, totals, refusals by reason and where it stands. */
export function getBulkChange(deps: Deps, actor: Actor, bulkChangeId: number): BulkChangeView {
  const companyId = managingCompany(actor);
  const row = Number.isSafeInteger(bulkChangeId)
    ? (deps.db.$client.prepare(`${headerSelect} where b.id = ? and b.company_id = ? and b.region_code = ?`).get(bulkChangeId, companyId, actor.regionCode) as HeaderRow | undefined)
    : undefined;
  if (!row) throw new DomainError("not_found", "bulk change not found");
  const now = deps.clock.now();
  const counts = deps.db.$client
    .prepare("select refusal, count(*) as n from bulk_change_lines where bulk_change_id = ? and seq >= ? group by refusal")
    .all(row.id, row.change_count) as { refusal: BulkRefusalReason; n: number }[];
  const refusalsByReason: Partial<Record<BulkRefusalReason, number>> = {};
  for (const reason of bulkRefusalReasons) {
    const found = counts.find((c) => c.refusal === reason);
    if (found) refusalsByReason[reason] = found.n;
  }
  return { ...headerView(deps.db, row, now.getTime()), refusalsByReason, nextMonthStart: nextBillingMonthStart(deps.db, row.region_code, now) };
}

export interface BulkChangeLineRow {
  /** The row's place in the preview: changes first, then refusals. */
  seq: number;
  sourceRow: number | null;
  input: string | null;
  lineId: number | null;
  msisdn: string | null;
  employeeName: string | null;
  refusal: BulkRefusalReason | null;
  refusalService: CatalogueName | null;
  tariffBefore: CatalogueName | null;
  tariffAfter: CatalogueName | null;
  servicesBefore: CatalogueName[];
  servicesAfter: CatalogueName[];
  feeBefore: number | null;
  feeAfter: number | null;
}

type StoredLine = {
  seq: number;
  source_row: number | null;
  input: string | null;
  line_id: number | null;
  msisdn: string | null;
  employee_name: string | null;
  refusal: BulkRefusalReason | null;
  refusal_service: string | null;
  tariff_before: number | null;
  tariff_after: number | null;
  services_before: string | null;
  services_after: string | null;
  fee_before: number | null;
  fee_after: number | null;
};

function lineRowsOf(db: Db, regionCode: string, rows: StoredLine[]): BulkChangeLineRow[] {
  const names = catalogueNames(db, regionCode);
  const byCode = new Map([...names.services.values()].map((s) => [s.code, s]));
  const services = (text: string | null) => servicesOfText(text).flatMap((id) => names.services.get(id) ?? []);
  return rows.map((r) => ({
    seq: r.seq,
    sourceRow: r.source_row,
    input: r.input,
    lineId: r.line_id,
    msisdn: r.msisdn,
    employeeName: r.employee_name,
    refusal: r.refusal,
    refusalService: r.refusal_service == null ? null : (byCode.get(r.refusal_service) ?? null),
    tariffBefore: r.tariff_before == null ? null : (names.tariffs.get(r.tariff_before) ?? null),
    tariffAfter: r.tariff_after == null ? null : (names.tariffs.get(r.tariff_after) ?? null),
    servicesBefore: services(r.services_before),
    servicesAfter: services(r.services_after),
    feeBefore: r.fee_before,
    feeAfter: r.fee_after,
  }));
}

const lineSelect = `select b.seq, b.source_row, b.input, b.line_id, b.msisdn, l.employee_name, b.refusal, b.refusal_service, b.tariff_before, b.tariff_after,
    b.services_before, b.services_after, b.fee_before, b.fee_after
  from bulk_change_lines b left join lines l on l.id = b.line_id`;

function findHeader(db: Db, actor: Actor, bulkChangeId: number) {
  const companyId = managingCompany(actor);
  const row = Number.isSafeInteger(bulkChangeId)
    ? (db.$client.prepare("select id, region_code, change_count, refused_count from bulk_changes where id = ? and company_id = ? and region_code = ?").get(bulkChangeId, companyId, actor.regionCode) as
        | { id: number; region_code: string; change_count: number; refused_count: number }
        | undefined)
    : undefined;
  if (!row) throw new DomainError("not_found", "bulk change not found");
  return row;
}

/** A page of a bulk change's lines that change, or of those refused, in the preview's order. */
export function listBulkChangeLines(deps: Deps, actor: Actor, input: { bulkChangeId: number; list: "changes" | "refused"; page?: number }) {
  const header = findHeader(deps.db, actor, input.bulkChangeId);
  const total = input.list === "changes" ? header.change_count : header.refused_count;
  const pageCount = Math.max(1, Math.ceil(total / BULK_LINES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1)), pageCount);
  const from = (input.list === "changes" ? 0 : header.change_count) + (page - 1) * BULK_LINES_PAGE_SIZE;
  const to = Math.min(from + BULK_LINES_PAGE_SIZE, input.list === "changes" ? header.change_count : header.change_count + header.refused_count);
  const rows = deps.db.$client.prepare(`${lineSelect} where b.bulk_change_id = ? and b.seq >= ? and b.seq < ? order by b.seq`).all(header.id, from, to) as StoredLine[];
  return { page, pageCount, total, lines: lineRowsOf(deps.db, header.region_code, rows) };
}

/** Every line of a bulk change, changes first, for its report. */
export function allBulkChangeLines(deps: Deps, actor: Actor, bulkChangeId: number): BulkChangeLineRow[] {
  const header = findHeader(deps.db, actor, bulkChangeId);
  const rows = deps.db.$client.prepare(`${lineSelect} where b.bulk_change_id = ? order by b.seq`).all(header.id) as StoredLine[];
  return lineRowsOf(deps.db, header.region_code, rows);
}

/** The company's submitted bulk changes (each a job), newest first, a page at a time: the jobs page. */
export function listBulkChanges(deps: Deps, actor: Actor, input: { page?: number } = {}) {
  const companyId = managingCompany(actor);
  const total = deps.db.$client.prepare("select count(*) from bulk_changes where company_id = ? and region_code = ? and job_id is not null").pluck().get(companyId, actor.regionCode) as number;
  const pageCount = Math.max(1, Math.ceil(total / BULK_CHANGES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1)), pageCount);
  const rows = deps.db.$client
    .prepare(`${headerSelect} where b.company_id = ? and b.region_code = ? and b.job_id is not null order by b.created_at desc, b.id desc limit ? offset ?`)
    .all(companyId, actor.regionCode, BULK_CHANGES_PAGE_SIZE, (page - 1) * BULK_CHANGES_PAGE_SIZE) as HeaderRow[];
  const now = deps.clock.now().getTime();
  return { page, pageCount, total, changes: rows.map((row) => headerView(deps.db, row, now)) };
}

/**
 * What the bulk change's first step offers: the region's tariffs and services (with their monthly
 * fees; archived ones are not offered), the company's departments, and how many lines a selection
 * brought from the lines list names.
 */
export function bulkChangeChoices(deps: Deps, actor: Actor, selection?: LineSelection) {
  const companyId = managingCompany(actor);
  const sqlite = deps.db.$client;
  const offered = (table: "tariffs" | "services") =>
    sqlite
      .prepare(`select id, code, name_ru as nameRu, name_en as nameEn, monthly_fee as monthlyFee from ${table} where region_code = ? and archived = 0 order by monthly_fee, id`)
      .all(actor.regionCode) as (CatalogueName & { monthlyFee: number })[];
  const departments = sqlite.prepare("select id, name from departments where company_id = ? order by name_folded").all(companyId) as { id: number; name: string }[];
  const selected = selection ? resolveLineSelection(deps, actor, selection) : null;
  return { tariffs: offered("tariffs"), services: offered("services"), departments, selected: selected ? { count: selected.lineIds.length, dropped: selected.dropped } : null };
}

/** The tariffs a line of the actor's region can be moved to (not archived), cheapest first, with their monthly fees. */
export function listOfferedTariffs(deps: Deps, actor: Actor): (CatalogueName & { monthlyFee: number })[] {
  managingCompany(actor);
  return deps.db.$client
    .prepare("select id, code, name_ru as nameRu, name_en as nameEn, monthly_fee as monthlyFee from tariffs where region_code = ? and archived = 0 order by monthly_fee, id")
    .all(actor.regionCode) as (CatalogueName & { monthlyFee: number })[];
}
