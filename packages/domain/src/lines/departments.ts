import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import { inTransaction } from "../db/open-database.ts";
import { departments, lines } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { foldText } from "../shared/text-folding.ts";
import { actingCompany } from "./company-lines.ts";

export const DEPARTMENT_NAME_MAX = 100;

/** Spaces tidied; an empty or too long name is refused. */
export function cleanDepartmentName(input: string): string {
  const name = input.replace(/\s+/g, " ").trim();
  if (name.length === 0) throw new DomainError("invalid", "department name empty", { name: { code: "required" } });
  if (name.length > DEPARTMENT_NAME_MAX) throw new DomainError("invalid", "department name too long", { name: { code: "tooLong" } });
  return name;
}

/** The company's departments with how many live lines each has. */
export function listDepartments(deps: Deps, actor: Actor) {
  const companyId = actingCompany(actor);
  return deps.db
    .select({ id: departments.id, name: departments.name, lineCount: sql<number>`count(${lines.id})` })
    .from(departments)
    .leftJoin(lines, and(eq(lines.departmentId, departments.id), isNull(lines.terminatedAt)))
    .where(eq(departments.companyId, companyId))
    .groupBy(departments.id)
    .orderBy(asc(departments.nameFolded))
    .all();
}

/** The department of that name (any case, ё = е), created when the company has none yet. */
export function ensureDepartment(tx: Db, companyId: number, rawName: string, now: Date): number {
  const name = cleanDepartmentName(rawName);
  const folded = foldText(name);
  const existing = tx.select({ id: departments.id }).from(departments).where(and(eq(departments.companyId, companyId), eq(departments.nameFolded, folded))).get();
  if (existing) return existing.id;
  return tx.insert(departments).values({ companyId, name, nameFolded: folded, createdAt: now }).returning({ id: departments.id }).get().id;
}

export function createDepartment(deps: Deps, actor: Actor, input: { name: string }): { id: number } {
  const companyId = actingCompany(actor);
  return inTransaction(deps.db, (tx) => {
    const name = cleanDepartmentName(input.name);
    const taken = tx.select({ id: departments.id }).from(departments).where(and(eq(departments.companyId, companyId), eq(departments.nameFolded, foldText(name)))).get();
    if (taken) throw new DomainError("conflict", "department exists", { name: { code: "department.exists" } });
    const id = ensureDepartment(tx, companyId, name, deps.clock.now());
    audit(deps, tx, actor, companyId, "department.created", id, null, { name });
    return { id };
  });
}

/**
 * The department of that name, created (and audited) when the company has none yet: for an
 * administrator who types a new department while editing a line. Call inside the line's transaction.
 */
export function departmentNamed(deps: Deps, tx: Db, actor: Actor, companyId: number, rawName: string): number {
  const name = cleanDepartmentName(rawName);
  const existing = tx.select({ id: departments.id }).from(departments).where(and(eq(departments.companyId, companyId), eq(departments.nameFolded, foldText(name)))).get();
  if (existing) return existing.id;
  const id = ensureDepartment(tx, companyId, name, deps.clock.now());
  audit(deps, tx, actor, companyId, "department.created", id, null, { name });
  return id;
}

/** Renames a department: every line in it shows the new name, since lines point at the department. */
export function renameDepartment(deps: Deps, actor: Actor, input: { departmentId: number; name: string }): void {
  const companyId = actingCompany(actor);
  inTransaction(deps.db, (tx) => {
    const department = tx.select().from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.companyId, companyId))).get();
    if (!department) throw new DomainError("not_found", "department not found");
    const name = cleanDepartmentName(input.name);
    const folded = foldText(name);
    const clash = tx.select({ id: departments.id }).from(departments).where(and(eq(departments.companyId, companyId), eq(departments.nameFolded, folded))).get();
    if (clash && clash.id !== department.id) throw new DomainError("conflict", "department exists", { name: { code: "department.exists" } });
    tx.update(departments).set({ name, nameFolded: folded }).where(eq(departments.id, department.id)).run();
    audit(deps, tx, actor, companyId, "department.renamed", department.id, { name: department.name }, { name });
  });
}

/** Deletes a department; its lines are left without one (and count as changed). */
export function deleteDepartment(deps: Deps, actor: Actor, input: { departmentId: number }): void {
  const companyId = actingCompany(actor);
  inTransaction(deps.db, (tx) => {
    const department = tx.select().from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.companyId, companyId))).get();
    if (!department) throw new DomainError("not_found", "department not found");
    tx.update(lines)
      .set({ departmentId: null, version: sql`${lines.version} + 1` })
      .where(and(eq(lines.departmentId, department.id), eq(lines.companyId, companyId)))
      .run();
    tx.delete(departments).where(eq(departments.id, department.id)).run();
    audit(deps, tx, actor, companyId, "department.deleted", department.id, { name: department.name }, null);
  });
}

function audit(deps: Deps, tx: Db, actor: Actor, companyId: number, action: string, id: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  recordAuditEvent(tx, {
    at: deps.clock.now(),
    actorUserId: actor.userId,
    actorLabel: actor.login,
    regionCode: actor.regionCode,
    companyId,
    action,
    targetType: "department",
    targetId: id,
    clientAddress: actor.clientAddress ?? null,
    before,
    after,
  });
}
