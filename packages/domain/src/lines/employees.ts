import { and, eq, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { inTransaction } from "../db/open-database.ts";
import { departments, lines } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { foldText } from "../shared/text-folding.ts";
import { StaleLineError, findCompanyLine } from "./company-lines.ts";
import { departmentNamed } from "./departments.ts";

export const EMPLOYEE_NAME_MAX = 200;

export interface EmployeeInput {
  lineId: number;
  /** The version the administrator saw: a line changed since is not overwritten. */
  expectedVersion: number;
  /** Empty: the line has no named user (a device, a spare SIM). */
  employeeName: string;
  departmentId: number | null;
  /** A department typed in instead of chosen: the company's one of that name, created if new. */
  newDepartmentName?: string;
}

/**
 * Changes who uses a line and their department. Refused with StaleLineError ("changed by someone
 * else meanwhile") when the line changed after the administrator opened it, so no update is lost.
 * Audited with the values before and after.
 */
export function updateLineEmployee(deps: Deps, actor: Actor, input: EmployeeInput): { version: number } {
  const employeeName = input.employeeName.replace(/\s+/g, " ").trim();
  if (employeeName.length > EMPLOYEE_NAME_MAX) throw new DomainError("invalid", "name too long", { employeeName: { code: "tooLong" } });
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    let departmentId = input.departmentId;
    if (input.newDepartmentName?.trim()) {
      // Checked before the department is made, so a stale save creates nothing either.
      if (line.version !== input.expectedVersion) throw new StaleLineError(line.version);
      departmentId = departmentNamed(deps, tx, actor, line.companyId as number, input.newDepartmentName);
    } else if (departmentId !== null) {
      const own = tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.id, departmentId), eq(departments.companyId, line.companyId as number)))
        .get();
      if (!own) throw new DomainError("invalid", "not a department of the company", { departmentId: { code: "department.unknown" } });
    }
    // The version check and the write are one statement: two saves cannot both pass it.
    const updated = tx
      .update(lines)
      .set({
        employeeName: employeeName || null,
        employeeNameFolded: employeeName ? foldText(employeeName) : null,
        departmentId,
        version: sql`${lines.version} + 1`,
      })
      .where(and(eq(lines.id, line.id), eq(lines.version, input.expectedVersion)))
      .returning({ version: lines.version })
      .get();
    if (!updated) throw new StaleLineError(line.version);
    recordAuditEvent(tx, {
      at: deps.clock.now(),
      actorUserId: actor.userId,
      actorLabel: actor.login,
      regionCode: line.regionCode,
      companyId: line.companyId,
      action: "line.employee_changed",
      targetType: "line",
      targetId: line.id,
      clientAddress: actor.clientAddress ?? null,
      before: { msisdn: line.msisdn, employeeName: line.employeeName, departmentId: line.departmentId },
      after: { msisdn: line.msisdn, employeeName: employeeName || null, departmentId },
    });
    return { version: updated.version };
  });
}
