import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import type { LimitLinesPage, LimitListShow, LimitsOverview, LineLimitView } from "./limit-types.ts";

const notImplemented = (): never => {
  throw new Error("not implemented yet");
};

/** One line's limit, where it comes from, and this month's spending against it (the line's page). */
export function getLineLimit(_deps: Deps, _actor: Actor, _lineId: number): LineLimitView {
  return notImplemented();
}

/**
 * The limits page's summary: the company default, counts of lines near/over/without a limit, and per
 * department the sums of its lines' limits and of their spending this month.
 */
export function getLimitsOverview(_deps: Deps, _actor: Actor): LimitsOverview {
  return notImplemented();
}

/**
 * A page of the company's live lines with their limits: `attention` (near or reached, the largest
 * share first), `near`, `reached`, `without` (no limit applies; by number) or `all` (by number).
 * `pageSize` at most LIMIT_LIST_PAGE_SIZE_MAX (default 50); `page` from 1.
 */
export function listLimitLines(_deps: Deps, _actor: Actor, _query: { show: LimitListShow; page?: number; pageSize?: number }): LimitLinesPage {
  return notImplemented();
}
