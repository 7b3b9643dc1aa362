import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../db/open-database.ts";
import { outboxMessages } from "../db/schema.ts";

/**
 * Deletes up to `batchSize` messages delivered before `sentBefore` or given up on (queued before
 * `failedQueuedBefore`), with their attachments; returns how many. Pending messages are never
 * touched. One statement: safe while other processes deliver or prune the same outbox.
 */
export function pruneFinishedMessages(db: Db, sentBefore: Date, failedQueuedBefore: Date, batchSize: number): number {
  const sent = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "sent"), lt(outboxMessages.sentAt, sentBefore)))
    .limit(batchSize);
  const deleted = db.delete(outboxMessages).where(inArray(outboxMessages.id, sent)).run().changes;
  if (deleted === batchSize) return deleted;
  const failed = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "failed"), lt(outboxMessages.createdAt, failedQueuedBefore)))
    .limit(batchSize - deleted);
  return deleted + db.delete(outboxMessages).where(inArray(outboxMessages.id, failed)).run().changes;
}
