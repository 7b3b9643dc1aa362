import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import type { LineSelection } from "../lines/line-selection.ts";
import type { LimitChangeResult, LimitSettingInput } from "./limit-types.ts";

// Setting and removing spending limits: one function per use case. Each acts for the actor's
// company only (another company's line or department: DomainError not_found), audits every change
// with before and after, and re-evaluates the lines it affects in the same transaction: a limit
// raised above (or removed, or no longer `block`) unblocks a line blocked by its limit at once
// ("unblocked" notice); a `block` limit lowered to or below this month's spending blocks at once
// ("blocked" notice). Invalid input: DomainError "invalid" with field errors (amount, policy,
// warningPercent, until).

const notImplemented = (): never => {
  throw new Error("not implemented yet");
};

/** The line's own limit (its page). */
export function setLineLimit(_deps: Deps, _actor: Actor, _input: { lineId: number; limit: LimitSettingInput }): LimitChangeResult {
  return notImplemented();
}

/** Removes the line's own limit: it takes its department's or the company's again. */
export function removeLineLimit(_deps: Deps, _actor: Actor, _input: { lineId: number }): LimitChangeResult {
  return notImplemented();
}

/** The same own limit for the selected lines, or every line matching a filter of the lines list. */
export function setSelectionLimit(_deps: Deps, _actor: Actor, _input: { selection: LineSelection; limit: LimitSettingInput }): LimitChangeResult {
  return notImplemented();
}

/** Removes the own limits of the selected lines (or every line matching the filter). */
export function removeSelectionLimits(_deps: Deps, _actor: Actor, _input: { selection: LineSelection }): LimitChangeResult {
  return notImplemented();
}

/**
 * Many lines, each its own value (a limits file applied as previewed): `limit` null removes the
 * line's own limit. Lines not of the actor's company are refused as a whole (DomainError not_found).
 */
export function setLineLimits(_deps: Deps, _actor: Actor, _input: { items: { lineId: number; limit: LimitSettingInput | null }[] }): LimitChangeResult {
  return notImplemented();
}

/** A department's limit: applies to its lines without a limit of their own. */
export function setDepartmentLimit(_deps: Deps, _actor: Actor, _input: { departmentId: number; limit: LimitSettingInput }): LimitChangeResult {
  return notImplemented();
}

export function removeDepartmentLimit(_deps: Deps, _actor: Actor, _input: { departmentId: number }): LimitChangeResult {
  return notImplemented();
}

/** The company's default limit: applies to lines with neither their own nor a department's. */
export function setCompanyDefaultLimit(_deps: Deps, _actor: Actor, _input: { limit: LimitSettingInput }): LimitChangeResult {
  return notImplemented();
}

/** Removes the company's default limit (its default warning percent stays). */
export function removeCompanyDefaultLimit(_deps: Deps, _actor: Actor): LimitChangeResult {
  return notImplemented();
}

/** The company's default warning percent (1 … 99; 80 until changed), for limits that do not set their own. */
export function setCompanyWarningPercent(_deps: Deps, _actor: Actor, _input: { warningPercent: number }): LimitChangeResult {
  return notImplemented();
}
