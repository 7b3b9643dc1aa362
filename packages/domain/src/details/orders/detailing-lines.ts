import type { Actor } from "../../auth/actor.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import { actingCompany } from "../../lines/company-lines.ts";
import { type LineSelection, resolveLineSelection } from "../../lines/line-selection.ts";
import { preparedStatement } from "../../lines/list-company-lines.ts";

/**
 * Which lines an order covers, as the administrator chose them: every line of the company, one
 * department, one line, or the lines list's selection (the ticked lines or "all N matching this
 * filter"). Kept as the choice, not as ids, so that an order of 100,000 lines is a few bytes; the
 * job resolves it when it runs.
 */
export type DetailingLines =
  | { kind: "all" }
  | { kind: "department"; departmentId: number }
  | { kind: "line"; lineId: number }
  | { kind: "selection"; selection: LineSelection };

/** What the orders page and the e-mail say about the lines, fixed when the order is placed. */
export type DetailingLinesLabel =
  | { kind: "all" }
  | { kind: "department"; name: string }
  | { kind: "line"; msisdn: string }
  | { kind: "selection"; count: number };

/**
 * The ids of the company's lines (in the actor's region) an order covers, by number. "All" and a
 * department include lines terminated within the period (their usage then is the company's);
 * another company's department or line is "not found".
 */
export function resolveDetailingLines(deps: Deps, actor: Actor, lines: DetailingLines, fromMs: number): number[] {
  const companyId = actingCompany(actor);
  const sqlite = deps.db.$client;
  const ofCompany = "l.company_id = ? and l.region_code = ? and (l.terminated_at is null or l.terminated_at > ?)";
  switch (lines.kind) {
    case "all":
      return preparedStatement(sqlite, `select l.id from lines l where ${ofCompany} order by l.msisdn, l.id`)
        .pluck()
        .all(companyId, actor.regionCode, fromMs) as number[];
    case "department": {
      const known = sqlite.prepare("select 1 from departments where id = ? and company_id = ?").get(lines.departmentId, companyId);
      if (!known) throw new DomainError("not_found", "department not found");
      return preparedStatement(sqlite, `select l.id from lines l where ${ofCompany} and l.department_id = ? order by l.msisdn, l.id`)
        .pluck()
        .all(companyId, actor.regionCode, fromMs, lines.departmentId) as number[];
    }
    case "line": {
      const found = sqlite
        .prepare("select l.id from lines l where l.id = ? and l.company_id = ? and l.region_code = ?")
        .pluck()
        .get(lines.lineId, companyId, actor.regionCode) as number | undefined;
      if (found === undefined) throw new DomainError("not_found", "line not found");
      return [found];
    }
    case "selection":
      return resolveLineSelection(deps, actor, lines.selection).lineIds;
  }
}

/** The live line of the actor's company with this number (E.164), if any. */
export function companyLineByNumber(deps: Deps, actor: Actor, msisdn: string): { id: number; msisdn: string } | undefined {
  const companyId = actingCompany(actor);
  return deps.db.$client
    .prepare("select id, msisdn from lines where msisdn = ? and company_id = ? and region_code = ? and terminated_at is null")
    .get(msisdn, companyId, actor.regionCode) as { id: number; msisdn: string } | undefined;
}

/** The name of the actor's company's department, or "not found". */
export function companyDepartmentName(deps: Deps, actor: Actor, departmentId: number): string {
  const companyId = actingCompany(actor);
  const name = deps.db.$client
    .prepare("select name from departments where id = ? and company_id = ?")
    .pluck()
    .get(departmentId, companyId) as string | undefined;
  if (name === undefined) throw new DomainError("not_found", "department not found");
  return name;
}
