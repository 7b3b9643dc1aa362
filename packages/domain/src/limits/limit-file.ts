import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Actor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { actingCompany } from "../lines/company-lines.ts";
import { decodeEmployeeFile } from "../lines/employee-file.ts";
import { findRegion } from "../regions/regions.ts";
import { sniffDelimiter } from "../shared/csv-delimiter.ts";
import { findFilePreview, markFilePreviewApplied, storeFilePreview } from "../shared/stored-file-previews.ts";
import { formatMsisdn, parseMsisdn } from "../shared/phone-numbers.ts";
import { parseRoubles, roublesInput } from "../shared/roubles-input.ts";
import { foldText } from "../shared/text-folding.ts";
import { LIMIT_AMOUNT_MAX, type LimitChangeResult, type LimitPolicy } from "./limit-types.ts";
import { setLineLimits, untilDayOf } from "./set-limits.ts";

// A file of spending limits: one row per number — number; limit; policy — read with the same
// encodings (UTF-8 or Windows-1251) and separators (`;` or `,`) as the employee file. Previewed
// with each refused row's reason, then applied exactly as previewed.

export type LimitFilePolicy = LimitPolicy;

/** Why a row of a limits file is refused. */
export type LimitRefusalReason = "malformed" | "notThisCompany" | "badAmount" | "badPolicy" | "duplicate";

/** A line's own limit as a file sets it; `null` removes it (the line takes the limit it inherits). */
export type LimitFileValue = { amount: number; policy: LimitFilePolicy } | null;

export interface LimitFileRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  msisdn: string;
  limit: LimitFileValue;
}

export interface LimitFileRefusal {
  row: number;
  /** The number as written in the file. */
  number: string;
  reason: LimitRefusalReason;
}

/** 10 MB holds well over 100,000 rows of number, amount and policy. */
export const LIMIT_FILE_MAX_BYTES = 10 * 1024 * 1024;

const headerAliases = {
  number: ["номер", "телефон", "абонентский номер", "number", "msisdn", "phone"],
  limit: ["лимит", "лимит, ₽", "лимит ₽", "лимит, руб.", "сумма", "limit", "limit, ₽", "amount"],
  policy: ["политика", "при достижении", "действие", "policy", "action"],
} as const;

/**
 * The words a file may use for a policy, folded (lower case, ё as е). The export writes the first
 * Russian one; English words and the codes are read too.
 */
const policyWords: Record<LimitFilePolicy, readonly string[]> = {
  notify: ["уведомить", "уведомление", "уведомлять", "notify", "notice"],
  block: ["блокировать", "блокировка", "заблокировать", "block"],
  split: ["разделить", "разделение", "делить", "за счет сотрудника", "split"],
};
const policyByWord = new Map<string, LimitFilePolicy>(
  Object.entries(policyWords).flatMap(([policy, words]) => words.map((word) => [word, policy as LimitFilePolicy])),
);

/** The word the export writes for a policy (Russian, as the rest of the file). */
export const POLICY_FILE_WORD: Record<LimitFilePolicy, string> = { notify: "уведомить", block: "блокировать", split: "разделить" };

/** A limit cell that says "no limit of its own": the line takes the one it inherits. */
const noLimitWords = new Set(["", "-", "—", "–", "нет", "без лимита", "none", "no limit"]);

function tidy(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim();
}

export function parsePolicyWord(text: string): LimitFilePolicy | null {
  return policyByWord.get(foldText(tidy(text)).replace(/[.!]$/, "")) ?? null;
}

export interface ReadLimitFile {
  encoding: "utf-8" | "windows-1251";
  delimiter: ";" | ",";
  /** Rows with content (blank rows are skipped). */
  rowCount: number;
  /** Rows whose number, amount and policy are well formed, one per number (the first one). */
  rows: LimitFileRow[];
  refused: LimitFileRefusal[];
}

/**
 * Reads the bytes of a limits file without looking at the database: the encoding and separator,
 * the columns (by a header naming them, in any order, or number; limit; policy without a header),
 * and each row's number, amount in roubles (`5 000,50`) and policy. A row is refused with its
 * reason when its number is not a mobile number, its amount is not an amount, its policy is not one
 * of the three, or its number came earlier in the file. An empty limit (or `-`, `нет`) means the
 * line's own limit is removed; its policy is then not read.
 */
export function readLimitFile(bytes: Uint8Array): ReadLimitFile {
  if (bytes.byteLength === 0) throw new DomainError("invalid", "empty file", { file: { code: "required" } });
  if (bytes.byteLength > LIMIT_FILE_MAX_BYTES) throw new DomainError("invalid", "file too large", { file: { code: "limits.file.tooLarge" } });
  const { text, encoding } = decodeEmployeeFile(bytes);
  const delimiter = sniffDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: false, skip_empty_lines: false, trim: false });
  } catch {
    throw new DomainError("invalid", "not a CSV file", { file: { code: "limits.file.malformed" } });
  }
  let columns = { number: 0, limit: 1, policy: 2 };
  let first = 0;
  const head = (records[0] ?? []).map((cell) => foldText(tidy(cell)));
  const find = (names: readonly string[]) => head.findIndex((cell) => names.includes(cell));
  if (find(headerAliases.number) >= 0) {
    columns = { number: find(headerAliases.number), limit: find(headerAliases.limit), policy: find(headerAliases.policy) };
    if (columns.limit < 0) throw new DomainError("invalid", "no limit column", { file: { code: "limits.file.noLimitColumn" } });
    first = 1;
  }

  const result: ReadLimitFile = { encoding, delimiter, rowCount: 0, rows: [], refused: [] };
  const seen = new Set<string>();
  for (let i = first; i < records.length; i++) {
    const record = records[i] as string[];
    if (record.every((cell) => tidy(cell) === "")) continue;
    result.rowCount++;
    const row = i + 1;
    const number = tidy(record[columns.number]);
    const refuse = (reason: LimitRefusalReason) => result.refused.push({ row, number: number.slice(0, 40), reason });
    const parsed = parseMsisdn(number);
    if (!parsed.ok) {
      refuse("malformed");
      continue;
    }
    const limitCell = tidy(record[columns.limit]);
    let limit: LimitFileValue = null;
    if (!noLimitWords.has(foldText(limitCell))) {
      const amount = parseRoubles(limitCell);
      if (!amount.ok || amount.kopecks < 1 || amount.kopecks > LIMIT_AMOUNT_MAX) {
        refuse("badAmount");
        continue;
      }
      const policy = columns.policy >= 0 ? parsePolicyWord(record[columns.policy] ?? "") : null;
      if (!policy) {
        refuse("badPolicy");
        continue;
      }
      limit = { amount: amount.kopecks, policy };
    }
    // Only a row that counts makes a later row of the same number a duplicate.
    if (seen.has(parsed.msisdn)) {
      refuse("duplicate");
      continue;
    }
    seen.add(parsed.msisdn);
    result.rows.push({ row, msisdn: parsed.msisdn, limit });
  }
  return result;
}

// ─── Against the company's lines: export, preview, apply ───────────────────────────────────────

/** A line's own limit as the file shows it (amount and policy; the rest of the limit is kept). */
export type OwnLimitValues = { amount: number; policy: LimitPolicy } | null;

export interface LimitFileChange {
  row: number;
  lineId: number;
  msisdn: string;
  before: OwnLimitValues;
  after: OwnLimitValues;
}

export interface LimitFilePreview {
  fileName: string;
  encoding: ReadLimitFile["encoding"];
  delimiter: ReadLimitFile["delimiter"];
  rowCount: number;
  changes: LimitFileChange[];
  refused: LimitFileRefusal[];
  unchangedCount: number;
}

const BOM = "\uFEFF";
const EXPORT_HEADER = ["Номер", "Лимит", "Политика", "Сотрудник", "Отдел"];

interface OwnLimitRow {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  department: string | null;
  amount: number | null;
  policy: LimitPolicy | null;
  warningPercent: number | null;
  notifyEmployee: number | null;
  endsAt: number | null;
}

/** The company's live lines (actor's region) with their own limit, if any, by number. */
function linesWithOwnLimits(db: Db, actor: Actor): OwnLimitRow[] {
  const companyId = actingCompany(actor);
  return db.$client
    .prepare(
      `select l.id as lineId, l.msisdn, l.employee_name as employeeName, d.name as department,
              s.amount, s.policy, s.warning_percent as warningPercent, s.notify_employee as notifyEmployee, s.ends_at as endsAt
       from lines l
       left join departments d on d.id = l.department_id
       left join spending_limits s on s.line_id = l.id and s.scope = 'line'
       where l.company_id = ? and l.region_code = ? and l.terminated_at is null
       order by l.msisdn`,
    )
    .all(companyId, actor.regionCode) as OwnLimitRow[];
}

function ownValues(row: OwnLimitRow): OwnLimitValues {
  return row.amount == null || row.policy == null ? null : { amount: row.amount, policy: row.policy };
}

const sameValues = (a: OwnLimitValues, b: OwnLimitValues) => (a == null || b == null ? a === b : a.amount === b.amount && a.policy === b.policy);

/**
 * The company's live lines and their own limits as CSV that Excel in a Russian locale opens as it
 * is (UTF-8 with a BOM, `;`, CRLF), in the shape the upload reads back: number; limit (roubles,
 * `1500,50`; empty when the line has no limit of its own); policy; then employee and department to
 * find one's way (not read back). Uploaded unchanged, it changes nothing.
 */
export function exportLimitFile(deps: Deps, actor: Actor): Buffer {
  const rows = linesWithOwnLimits(deps.db, actor).map((line) => [
    formatMsisdn(line.msisdn),
    line.amount == null ? "" : roublesInput(line.amount),
    line.policy == null ? "" : POLICY_FILE_WORD[line.policy],
    line.employeeName ?? "",
    line.department ?? "",
  ]);
  const csv = stringify([EXPORT_HEADER, ...rows], { delimiter: ";", record_delimiter: "\r\n" });
  return Buffer.from(BOM + csv, "utf8");
}

/**
 * Reads an uploaded limits file and works out what applying it would do, changing nothing: each
 * line's own limit before → after, the rows refused with their row number and reason (a number
 * that is not a live line of the actor's company is "not this company's", whoever's it is), and
 * how many rows change nothing. Stored under a token; applying the token writes exactly this.
 */
export function previewLimitFile(deps: Deps, actor: Actor, input: { fileName: string; bytes: Uint8Array }): { token: string; preview: LimitFilePreview } {
  actingCompany(actor); // anyone but a company administrator is refused before the file is read
  const read = readLimitFile(input.bytes);
  const companyLines = new Map(linesWithOwnLimits(deps.db, actor).map((line) => [line.msisdn, line]));
  const preview: LimitFilePreview = {
    fileName: input.fileName.slice(0, 200),
    encoding: read.encoding,
    delimiter: read.delimiter,
    rowCount: read.rowCount,
    changes: [],
    refused: [...read.refused],
    unchangedCount: 0,
  };
  for (const row of read.rows) {
    const line = companyLines.get(row.msisdn);
    if (!line) {
      preview.refused.push({ row: row.row, number: formatMsisdn(row.msisdn), reason: "notThisCompany" });
      continue;
    }
    const before = ownValues(line);
    if (sameValues(before, row.limit)) {
      preview.unchangedCount++;
      continue;
    }
    preview.changes.push({ row: row.row, lineId: line.lineId, msisdn: line.msisdn, before, after: row.limit });
  }
  preview.refused.sort((a, b) => a.row - b.row);

  const token = storeFilePreview(deps.db, actor, "limit_imports", { fileName: preview.fileName, bytes: input.bytes, preview, now: deps.clock.now() });
  return { token, preview };
}

function findImport(db: Db, actor: Actor, token: string) {
  return findFilePreview<LimitFilePreview>(db, actor, "limit_imports", token);
}

/** A stored preview of the actor's company, for the preview page. */
export function getLimitFileImport(deps: Deps, actor: Actor, token: string) {
  const found = findImport(deps.db, actor, token);
  return { token: found.token, preview: found.preview, appliedAt: found.appliedAt == null ? null : new Date(found.appliedAt) };
}

/**
 * Applies a stored preview exactly as shown, in one transaction, through the limits' own setter
 * (`setLineLimits`: audited line by line, blocking and unblocking at once as any change does). A
 * line whose own limit changed since the preview refuses the whole apply. A line that keeps an own
 * limit keeps its warning percent, SMS setting and end date: the file sets amount and policy only.
 */
export function applyLimitFile(deps: Deps, actor: Actor, input: { token: string }): LimitChangeResult & { changed: number } {
  const now = deps.clock.now();
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  return inTransaction(deps.db, (tx) => {
    const found = findImport(tx, actor, input.token);
    if (found.appliedAt != null) throw new DomainError("conflict", "already applied", { token: { code: "limits.import.alreadyApplied" } });
    const current = new Map(linesWithOwnLimits(tx, actor).map((line) => [line.lineId, line]));
    const items = found.preview.changes.map((change) => {
      const line = current.get(change.lineId);
      if (!line || !sameValues(ownValues(line), change.before)) {
        throw new DomainError("conflict", "a line's limit changed since the preview", { token: { code: "limits.import.stale", params: { row: String(change.row) } } });
      }
      const keep = line.amount == null ? null : line;
      return {
        lineId: change.lineId,
        limit:
          change.after == null
            ? null
            : {
                amount: change.after.amount,
                policy: change.after.policy,
                warningPercent: keep?.warningPercent ?? null,
                notifyEmployee: !!keep?.notifyEmployee,
                until: keep?.endsAt != null && keep.endsAt > now.getTime() ? untilDayOf(keep.endsAt, timeZone) : null,
              },
      };
    });
    const result = items.length === 0 ? { lines: 0, dropped: 0, blocked: 0, unblocked: 0 } : setLineLimits({ ...deps, db: tx }, actor, { items });
    markFilePreviewApplied(tx, "limit_imports", found.token, now);
    return { ...result, changed: items.length };
  });
}
