import type { Db } from "../db/open-database.ts";
import { auditEvents } from "../db/schema.ts";

export interface AuditEntry {
  at: Date;
  actorUserId?: number | null;
  actorLabel: string;
  regionCode?: string | null;
  companyId?: number | null;
  action: string;
  targetType: string;
  targetId: string | number;
  clientAddress?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Records who did what to what. Call inside the transaction of the change itself. */
export function recordAuditEvent(tx: Db, entry: AuditEntry): void {
  tx.insert(auditEvents)
    .values({
      ...entry,
      targetId: String(entry.targetId),
      actorUserId: entry.actorUserId ?? null,
      regionCode: entry.regionCode ?? null,
      companyId: entry.companyId ?? null,
      clientAddress: entry.clientAddress ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}

/** Records many events of one change (a limit set on thousands of lines): the same rows, fewer statements. */
export function recordAuditEvents(tx: Db, entries: readonly AuditEntry[]): void {
  for (let start = 0; start < entries.length; start += 500) {
    tx.insert(auditEvents)
      .values(
        entries.slice(start, start + 500).map((entry) => ({
          ...entry,
          targetId: String(entry.targetId),
          actorUserId: entry.actorUserId ?? null,
          regionCode: entry.regionCode ?? null,
          companyId: entry.companyId ?? null,
          clientAddress: entry.clientAddress ?? null,
          before: entry.before ?? null,
          after: entry.after ?? null,
        })),
      )
      .run();
  }
}
