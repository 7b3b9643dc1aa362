import { and, count, eq, gt, min } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { outboxMessages } from "../db/schema.ts";

export interface OutboxBacklog {
  pending: number;
  /** Pending messages already past their first attempt: the mail or SMS server refuses them. */
  retrying: number;
  failed: number;
  oldestPendingAt: Date | null;
}

export function getOutboxBacklog(deps: Deps): OutboxBacklog {
  const pending = deps.db
    .select({ n: count(), oldest: min(outboxMessages.createdAt) })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, "pending"))
    .get();
  const retrying = deps.db
    .select({ n: count() })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "pending"), gt(outboxMessages.attempts, 0)))
    .get();
  const failed = deps.db
    .select({ n: count() })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, "failed"))
    .get();
  return {
    pending: pending?.n ?? 0,
    retrying: retrying?.n ?? 0,
    failed: failed?.n ?? 0,
    oldestPendingAt: pending?.oldest ?? null,
  };
}
