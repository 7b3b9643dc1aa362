import { and, eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { inTransaction } from "../db/open-database.ts";
import { type BlockReason, lineBlocks, lines } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { checkVersion, findCompanyLine } from "./company-lines.ts";
import { blockReasonsOf, lineStatusOf } from "./line-status.ts";

/** The reasons an administrator sets and lifts; `limit` is set and lifted by the spending limits. */
export type AdminBlockReason = Exclude<BlockReason, "limit">;
const adminReasons: readonly string[] = ["loss", "voluntary"];

export interface BlockResult {
  changed: boolean;
  blocks: BlockReason[];
  status: ReturnType<typeof lineStatusOf>;
  version: number;
}

/**
 * Blocks a line for a reason (a lost SIM, or at the company's wish). Reasons add up: a line
 * already blocked for another reason keeps that one too. Blocking again for the same reason
 * changes nothing. Audited.
 */
export function blockLine(deps: Deps, actor: Actor, input: { lineId: number; reason: AdminBlockReason; expectedVersion?: number }): BlockResult {
  if (!adminReasons.includes(input.reason)) throw new DomainError("invalid", "unknown block reason");
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    checkVersion(line, input.expectedVersion);
    const now = deps.clock.now();
    const added = tx.insert(lineBlocks).values({ lineId: line.id, reason: input.reason, blockedAt: now, blockedByUserId: actor.userId }).onConflictDoNothing().run().changes;
    return finish(deps, tx, actor, line, added > 0, "line.blocked", input.reason);
  });
}

/** Lifts one reason; the others stay. A line with no reason left is active again. Audited. */
export function unblockLine(deps: Deps, actor: Actor, input: { lineId: number; reason: AdminBlockReason; expectedVersion?: number }): BlockResult {
  if (!adminReasons.includes(input.reason)) throw new DomainError("invalid", "this block is lifted by raising the spending limit");
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    checkVersion(line, input.expectedVersion);
    const removed = tx.delete(lineBlocks).where(and(eq(lineBlocks.lineId, line.id), eq(lineBlocks.reason, input.reason))).run().changes;
    return finish(deps, tx, actor, line, removed > 0, "line.unblocked", input.reason);
  });
}

function finish(
  deps: Deps,
  tx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  actor: Actor,
  before: typeof lines.$inferSelect,
  changed: boolean,
  action: string,
  reason: BlockReason,
): BlockResult {
  const after = tx.select({ blockMask: lines.blockMask, version: lines.version }).from(lines).where(eq(lines.id, before.id)).get() as { blockMask: number; version: number };
  if (changed) {
    recordAuditEvent(tx, {
      at: deps.clock.now(),
      actorUserId: actor.userId,
      actorLabel: actor.login,
      regionCode: before.regionCode,
      companyId: before.companyId,
      action,
      targetType: "line",
      targetId: before.id,
      clientAddress: actor.clientAddress ?? null,
      before: { msisdn: before.msisdn, blocks: blockReasonsOf(before.blockMask) },
      after: { msisdn: before.msisdn, blocks: blockReasonsOf(after.blockMask), reason },
    });
  }
  return { changed, blocks: blockReasonsOf(after.blockMask), status: lineStatusOf(after.blockMask), version: after.version };
}
