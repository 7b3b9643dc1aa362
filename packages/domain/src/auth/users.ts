import { and, eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Db } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findRegion } from "../regions/regions.ts";
import { hashPassword, newTemporaryPassword } from "./passwords.ts";

export const loginPattern = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function findUserByLogin(db: Db, regionCode: string, login: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.regionCode, regionCode), eq(users.login, normalizeLogin(login))))
    .get();
}

/** Creates an office staff account with a temporary password to hand over in person. */
export async function createStaffUser(
  deps: Deps,
  input: { regionCode: string; login: string; displayName: string; password?: string; mustChangePassword?: boolean },
): Promise<{ userId: number; login: string; temporaryPassword: string }> {
  const login = normalizeLogin(input.login);
  if (!findRegion(deps, input.regionCode)) {
    throw new DomainError("invalid", "unknown region", { regionCode: { code: "region.unknown" } });
  }
  if (!loginPattern.test(login)) {
    throw new DomainError("invalid", "bad login", { login: { code: "login.format" } });
  }
  const displayName = input.displayName.trim() || login;
  const temporaryPassword = input.password ?? newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const now = deps.clock.now();
  return deps.db.$client.transaction(() => {
    if (findUserByLogin(deps.db, input.regionCode, login)) {
      throw new DomainError("conflict", "login taken", { login: { code: "login.taken" } });
    }
    const { id } = deps.db
      .insert(users)
      .values({
        regionCode: input.regionCode,
        login,
        displayName,
        passwordHash,
        role: "office_staff",
        mustChangePassword: input.mustChangePassword ?? true,
        createdAt: now,
      })
      .returning({ id: users.id })
      .get();
    recordAuditEvent(deps.db, {
      at: now,
      actorLabel: "system",
      regionCode: input.regionCode,
      action: "user.created",
      targetType: "user",
      targetId: id,
      after: { login, role: "office_staff" },
    });
    return { userId: id, login, temporaryPassword };
  })();
}
