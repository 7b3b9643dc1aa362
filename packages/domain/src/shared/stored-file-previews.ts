import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import { DomainError } from "../errors.ts";
import { actingCompany } from "../lines/company-lines.ts";

/**
 * An uploaded file's preview, kept under an unguessable token so that applying it writes exactly
 * what was shown (a browser without JavaScript cannot send the file twice): the employee file's and
 * the limits file's tables, which have the same shape.
 */
export type FilePreviewTable = "employee_imports" | "limit_imports";

export interface StoredFilePreview<P> {
  token: string;
  fileName: string;
  fileSha256: string;
  preview: P;
  appliedAt: number | null;
}

/** Stores the actor's company's preview of a file; returns its token. */
export function storeFilePreview(db: Db, actor: Actor, table: FilePreviewTable, input: { fileName: string; bytes: Uint8Array; preview: unknown; now: Date }): string {
  const token = randomBytes(18).toString("base64url");
  db.$client
    .prepare(`insert into ${table} (token, company_id, user_id, file_name, file_sha256, preview, created_at) values (?, ?, ?, ?, ?, ?, ?)`)
    .run(token, actingCompany(actor), actor.userId, input.fileName, createHash("sha256").update(input.bytes).digest("hex"), JSON.stringify(input.preview), input.now.getTime());
  return token;
}

/** A stored preview of the actor's company; another company's token is "not found". */
export function findFilePreview<P>(db: Db, actor: Actor, table: FilePreviewTable, token: string): StoredFilePreview<P> {
  const row = db.$client
    .prepare(`select token, file_name, file_sha256, preview, applied_at from ${table} where token = ? and company_id = ?`)
    .get(token, actingCompany(actor)) as { token: string; file_name: string; file_sha256: string; preview: string; applied_at: number | null } | undefined;
  if (!row) throw new DomainError("not_found", "file preview not found");
  return { token: row.token, fileName: row.file_name, fileSha256: row.file_sha256, preview: JSON.parse(row.preview) as P, appliedAt: row.applied_at };
}

/** Marks a preview applied (inside the transaction that applies it): it is applied once. */
export function markFilePreviewApplied(tx: Db, table: FilePreviewTable, token: string, now: Date): void {
  tx.$client.prepare(`update ${table} set applied_at = ? where token = ?`).run(now.getTime(), token);
}
