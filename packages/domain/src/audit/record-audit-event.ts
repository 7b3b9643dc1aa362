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

/** Records many events of one change (a limit set on 100,000 lines): one prepared statement, run per row. */
export function recordAuditEvents(tx: Db, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const insert = tx.$client.prepare(
    `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) {
    insert.run(
      e.at.getTime(),
      e.actorUserId ?? null,
      e.actorLabel,
      e.regionCode ?? null,
      e.companyId ?? null,
      e.action,
      e.targetType,
      String(e.targetId),
      e.clientAddress ?? null,
      e.before ? JSON.stringify(e.before) : null,
      e.after ? JSON.stringify(e.after) : null,
    );
  }
}
