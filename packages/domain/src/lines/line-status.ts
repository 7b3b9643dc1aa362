import { type BlockReason, blockReasonBits, blockReasons, type LineStatus } from "../db/schema.ts";

/** The reasons held in a `lines.block_mask`, weightiest first (loss, voluntary, limit). */
export function blockReasonsOf(mask: number): BlockReason[] {
  return blockReasons.filter((reason) => (mask & blockReasonBits[reason]) !== 0);
}

/** One word for a list: active when no reason holds, else the weightiest reason. */
export function lineStatusOf(mask: number): LineStatus {
  const [first] = blockReasonsOf(mask);
  return first ? `blocked_${first}` : "active";
}
