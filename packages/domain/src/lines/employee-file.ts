import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { and, asc, eq, isNull } from "drizzle-orm";
import iconv from "iconv-lite";
import type { Actor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import { departments, lines } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { sniffDelimiter } from "../shared/csv-delimiter.ts";
import { findFilePreview, markFilePreviewApplied, storeFilePreview } from "../shared/stored-file-previews.ts";
import { csvPhoneNumber, parseMsisdn } from "../shared/phone-numbers.ts";
import { foldText } from "../shared/text-folding.ts";
import { actingCompany } from "./company-lines.ts";
import { DEPARTMENT_NAME_MAX, ensureDepartment } from "./departments.ts";
import { EMPLOYEE_NAME_MAX } from "./employees.ts";

/** Why a row of an employee file is refused. */
export type RefusalReason = "malformed" | "unknownNumber" | "otherCompany" | "duplicate" | "emptyName" | "nameTooLong" | "departmentTooLong";

export interface EmployeeValues {
  employeeName: string | null;
  department: string | null;
}

export interface EmployeeFileChange {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  lineId: number;
  /** The line's version the change was computed against: a line changed since refuses the apply. */
  version: number;
  msisdn: string;
  before: EmployeeValues;
  after: EmployeeValues;
}

export interface EmployeeImportPreview {
  fileName: string;
  encoding: "utf-8" | "windows-1251";
  delimiter: ";" | ",";
  rowCount: number;
  changes: EmployeeFileChange[];
  refused: { row: number; number: string; reason: RefusalReason }[];
  unchangedCount: number;
  /** Departments the file names that the company does not have yet: applying creates them. */
  newDepartments: string[];
}

/** 10 MB holds well over 100,000 rows of number, name and department. */
export const EMPLOYEE_FILE_MAX_BYTES = 10 * 1024 * 1024;

const BOM = "\uFEFF";
const HEADER = ["Номер", "Сотрудник", "Отдел"];
const headerAliases: Record<"number" | "employee" | "department", string[]> = {
  number: ["номер", "телефон", "number", "msisdn", "phone"],
  employee: ["сотрудник", "фио", "employee", "name"],
  department: ["отдел", "подразделение", "department"],
};

/**
 * The company's live lines with employee and department as CSV that Excel in a Russian locale
 * opens as it is: UTF-8 with a BOM, `;` between fields, CRLF between rows.
 */
export function exportEmployeeFile(deps: Deps, actor: Actor): Buffer {
  const companyId = actingCompany(actor);
  const rows = deps.db
    .select({ msisdn: lines.msisdn, employeeName: lines.employeeName, department: departments.name })
    .from(lines)
    .leftJoin(departments, eq(departments.id, lines.departmentId))
    .where(and(eq(lines.companyId, companyId), eq(lines.regionCode, actor.regionCode), isNull(lines.terminatedAt)))
    .orderBy(asc(lines.msisdn))
    .all()
    .map((line) => [csvPhoneNumber(line.msisdn), line.employeeName ?? "", line.department ?? ""]);
  const csv = stringify([HEADER, ...rows], { delimiter: ";", record_delimiter: "\r\n" });
  return Buffer.from(BOM + csv, "utf8");
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Windows-1251. */
export function decodeEmployeeFile(bytes: Uint8Array): { text: string; encoding: EmployeeImportPreview["encoding"] } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "win1251"), encoding: "windows-1251" };
  }
}

function tidy(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim();
}

interface ParsedRow {
  row: number;
  number: string;
  employeeName: string;
  department: string;
}

function parseRows(text: string): { delimiter: ";" | ","; rows: ParsedRow[]; malformedRows: { row: number; number: string }[] } {
  const delimiter = sniffDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch {
    throw new DomainError("invalid", "not a CSV file", { file: { code: "employees.file.malformed" } });
  }
  let columns = { number: 0, employee: 1, department: 2 };
  let first = 0;
  const head = (records[0] ?? []).map((cell) => foldText(tidy(cell)));
  const find = (names: string[]) => head.findIndex((cell) => names.includes(cell));
  if (find(headerAliases.number) >= 0) {
    columns = { number: find(headerAliases.number), employee: find(headerAliases.employee), department: find(headerAliases.department) };
    if (columns.employee < 0) throw new DomainError("invalid", "no employee column", { file: { code: "employees.file.noEmployeeColumn" } });
    first = 1;
  }
  const rows: ParsedRow[] = [];
  const malformedRows: { row: number; number: string }[] = [];
  for (let i = first; i < records.length; i++) {
    const record = records[i] as string[];
    if (record.every((cell) => tidy(cell) === "")) continue;
    const number = tidy(record[columns.number]);
    if (record.length <= columns.employee) {
      malformedRows.push({ row: i + 1, number });
      continue;
    }
    rows.push({
      row: i + 1,
      number,
      employeeName: tidy(record[columns.employee]),
      department: columns.department >= 0 ? tidy(record[columns.department]) : "",
    });
  }
  return { delimiter, rows, malformedRows };
}

/**
 * Reads an edited employee file and works out what applying it would do, without changing any line:
 * the rows that change (before → after), the rows refused with their row number and reason, how many
 * are unchanged, and the departments it would create. The preview is stored under a token; applying
 * that token writes exactly this preview.
 */
export function previewEmployeeFile(deps: Deps, actor: Actor, input: { fileName: string; bytes: Uint8Array }): { token: string; preview: EmployeeImportPreview } {
  const companyId = actingCompany(actor);
  if (input.bytes.byteLength === 0) throw new DomainError("invalid", "empty file", { file: { code: "required" } });
  if (input.bytes.byteLength > EMPLOYEE_FILE_MAX_BYTES) throw new DomainError("invalid", "file too large", { file: { code: "employees.file.tooLarge" } });
  const { text, encoding } = decodeEmployeeFile(input.bytes);
  const { delimiter, rows, malformedRows } = parseRows(text);

  const companyLines = new Map(
    deps.db
      .select({ id: lines.id, msisdn: lines.msisdn, version: lines.version, employeeName: lines.employeeName, departmentId: lines.departmentId })
      .from(lines)
      .where(and(eq(lines.companyId, companyId), eq(lines.regionCode, actor.regionCode), isNull(lines.terminatedAt)))
      .all()
      .map((line) => [line.msisdn, line]),
  );
  const companyDepartments = deps.db.select({ id: departments.id, name: departments.name, nameFolded: departments.nameFolded }).from(departments).where(eq(departments.companyId, companyId)).all();
  const departmentById = new Map(companyDepartments.map((d) => [d.id, d]));
  const departmentByFolded = new Map(companyDepartments.map((d) => [d.nameFolded, d]));
  const liveElsewhere = deps.db.$client.prepare("select 1 from lines where msisdn = ? and terminated_at is null").pluck();

  const preview: EmployeeImportPreview = {
    fileName: input.fileName.slice(0, 200),
    encoding,
    delimiter,
    rowCount: rows.length + malformedRows.length,
    changes: [],
    refused: malformedRows.map((r) => ({ ...r, reason: "malformed" as const })),
    unchangedCount: 0,
    newDepartments: [],
  };
  const newDepartments = new Map<string, string>();
  const seen = new Set<string>();
  for (const row of rows) {
    const refuse = (reason: RefusalReason) => preview.refused.push({ row: row.row, number: row.number, reason });
    const parsed = parseMsisdn(row.number);
    if (!parsed.ok) {
      refuse("malformed");
      continue;
    }
    if (seen.has(parsed.msisdn)) {
      refuse("duplicate");
      continue;
    }
    const line = companyLines.get(parsed.msisdn);
    if (!line) {
      refuse(liveElsewhere.get(parsed.msisdn) ? "otherCompany" : "unknownNumber");
      continue;
    }
    if (row.employeeName.length > EMPLOYEE_NAME_MAX) {
      refuse("nameTooLong");
      continue;
    }
    if (row.department.length > DEPARTMENT_NAME_MAX) {
      refuse("departmentTooLong");
      continue;
    }
    const currentDepartment = line.departmentId == null ? null : (departmentById.get(line.departmentId) ?? null);
    const folded = row.department === "" ? null : foldText(row.department);
    const existing = folded == null ? null : departmentByFolded.get(folded);
    let department: string | null = null;
    if (folded != null) {
      department = existing?.name ?? newDepartments.get(folded) ?? row.department;
    }
    const sameDepartment = (currentDepartment?.nameFolded ?? null) === folded;
    // A line without a named user (a device, a spare SIM) exports an empty name and may come back
    // so; a name cannot be taken away by a file, though.
    if (row.employeeName === "" && !(line.employeeName == null && sameDepartment)) {
      refuse("emptyName");
      continue;
    }
    // Only a row that counts makes a later row of the same number a duplicate.
    seen.add(parsed.msisdn);
    if ((line.employeeName ?? "") === row.employeeName && sameDepartment) {
      preview.unchangedCount++;
      continue;
    }
    if (folded != null && department != null && !departmentByFolded.has(folded) && !newDepartments.has(folded)) newDepartments.set(folded, department);
    preview.changes.push({
      row: row.row,
      lineId: line.id,
      version: line.version,
      msisdn: line.msisdn,
      before: { employeeName: line.employeeName, department: currentDepartment?.name ?? null },
      after: { employeeName: row.employeeName, department },
    });
  }
  preview.refused.sort((a, b) => a.row - b.row);
  preview.newDepartments = [...newDepartments.values()];

  const token = storeFilePreview(deps.db, actor, "employee_imports", { fileName: preview.fileName, bytes: input.bytes, preview, now: deps.clock.now() });
  return { token, preview };
}

function findImport(db: Db, actor: Actor, token: string) {
  return findFilePreview<EmployeeImportPreview>(db, actor, "employee_imports", token);
}

/** A stored preview of the actor's company, for the preview page. */
export function getEmployeeImport(deps: Deps, actor: Actor, token: string) {
  const found = findImport(deps.db, actor, token);
  return { token: found.token, preview: found.preview, appliedAt: found.appliedAt == null ? null : new Date(found.appliedAt) };
}

/**
 * Applies a stored preview exactly as it was shown, in one transaction: creates the new
 * departments, changes every listed line, and records each change in the audit trail. A line
 * changed since the preview (its version moved) refuses the whole apply: nothing is half-applied.
 */
export function applyEmployeeImport(deps: Deps, actor: Actor, input: { token: string }): { changed: number; departmentsCreated: number } {
  const companyId = actingCompany(actor);
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const found = findImport(tx, actor, input.token);
    if (found.appliedAt != null) throw new DomainError("conflict", "already applied", { token: { code: "employees.import.alreadyApplied" } });
    const { preview } = found;
    const departmentIds = new Map<string, number>(
      tx
        .select({ id: departments.id, nameFolded: departments.nameFolded })
        .from(departments)
        .where(eq(departments.companyId, companyId))
        .all()
        .map((d) => [d.nameFolded, d.id]),
    );
    let departmentsCreated = 0;
    for (const name of preview.newDepartments) {
      const folded = foldText(name);
      if (departmentIds.has(folded)) continue;
      departmentIds.set(folded, ensureDepartment(tx, companyId, name, now));
      departmentsCreated++;
    }
    const sqlite = tx.$client;
    // The version check and the write are one statement, as in a single save.
    const update = sqlite.prepare(
      `update lines set employee_name = ?, employee_name_folded = ?, department_id = ?, version = version + 1
       where id = ? and company_id = ? and region_code = ? and version = ? and terminated_at is null`,
    );
    const audit = sqlite.prepare(
      `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
       values (?, ?, ?, ?, ?, 'line.employee_changed', 'line', ?, ?, ?, ?)`,
    );
    for (const change of preview.changes) {
      const departmentId = change.after.department == null ? null : (departmentIds.get(foldText(change.after.department)) ?? null);
      const name = change.after.employeeName;
      const result = update.run(name, name ? foldText(name) : null, departmentId, change.lineId, companyId, actor.regionCode, change.version);
      if (result.changes !== 1) {
        throw new DomainError("conflict", "a line changed since the preview", { token: { code: "employees.import.stale", params: { row: String(change.row) } } });
      }
      audit.run(
        now.getTime(),
        actor.userId,
        actor.login,
        actor.regionCode,
        companyId,
        String(change.lineId),
        actor.clientAddress ?? null,
        JSON.stringify({ msisdn: change.msisdn, ...change.before }),
        JSON.stringify({ msisdn: change.msisdn, ...change.after, import: found.fileSha256.slice(0, 16) }),
      );
    }
    sqlite
      .prepare(
        `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
         values (?, ?, ?, ?, ?, 'employees.file_imported', 'company', ?, ?, null, ?)`,
      )
      .run(
        now.getTime(),
        actor.userId,
        actor.login,
        actor.regionCode,
        companyId,
        String(companyId),
        actor.clientAddress ?? null,
        JSON.stringify({ fileName: preview.fileName, sha256: found.fileSha256, changed: preview.changes.length, refused: preview.refused.length, departmentsCreated }),
      );
    markFilePreviewApplied(tx, "employee_imports", found.token, now);
    return { changed: preview.changes.length, departmentsCreated };
  });
}
