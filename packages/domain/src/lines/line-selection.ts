import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { actingCompany } from "./company-lines.ts";
import { type LineListQuery, lineListWhere, preparedStatement } from "./list-company-lines.ts";

/**
 * The lines a bulk action acts on: the ones ticked on the page, or "all N lines matching this
 * filter" — kept as the filter itself, so that a selection of 100,000 lines is a few bytes and is
 * resolved against the lines as they are when the action runs.
 */
export type LineSelection = { kind: "lines"; lineIds: number[] } | { kind: "filter"; query: LineListQuery };

/** More ids than any page could tick: a hand-made request, not a selection. */
export const LINE_SELECTION_IDS_MAX = 10_000;

export interface ResolvedLineSelection {
  /** The company's live lines in the selection, by number. */
  lineIds: number[];
  /** Ticked ids that are not a live line of the actor's company (another company's, terminated, made up): left out. */
  dropped: number;
}

/**
 * The ids of the actor's company's live lines (in the actor's region) that a selection names.
 * Another company's ids are dropped, never acted on; the caller sees how many were.
 */
export function resolveLineSelection(deps: Deps, actor: Actor, selection: LineSelection): ResolvedLineSelection {
  const sqlite = deps.db.$client;
  if (selection.kind === "filter") {
    const where = lineListWhere(actor, { ...selection.query, page: undefined });
    const rows = preparedStatement(sqlite, `select l.id from lines l where ${where.sql} order by l.msisdn`).pluck().all(...where.params) as number[];
    return { lineIds: rows, dropped: 0 };
  }
  const companyId = actingCompany(actor);
  const asked = [...new Set(selection.lineIds)];
  if (asked.length > LINE_SELECTION_IDS_MAX) throw new DomainError("invalid", "too many lines selected");
  if (!asked.every((id) => Number.isSafeInteger(id) && id > 0)) throw new DomainError("invalid", "not a line id");
  const rows = preparedStatement(
      sqlite,
      `select l.id from lines l
       where l.id in (select value from json_each(?)) and l.company_id = ? and l.region_code = ? and l.terminated_at is null
       order by l.msisdn`,
    )
    .pluck()
    .all(JSON.stringify(asked), companyId, actor.regionCode) as number[];
  return { lineIds: rows, dropped: asked.length - rows.length };
}
