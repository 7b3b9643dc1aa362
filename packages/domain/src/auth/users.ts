import { and, eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findRegion } from "../regions/regions.ts";
import { forgetLoginAttempts } from "./login-failures.ts";
import { hashPassword, newTemporaryPassword } from "./passwords.ts";
import { revokeUserSessions } from "./sessions.ts";

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

/**
 * Makes a temporary password's hash the user's password: the login is unlocked, the password must
 * be changed at the next login, a pending "forgot password" one is void, every session ends.
 */
export function setTemporaryPassword(tx: Db, userId: number, passwordHash: string, now: Date): void {
  const user = tx
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedAt: null,
      resetPasswordHash: null,
      resetPasswordIssuedAt: null,
    })
    .where(eq(users.id, userId))
    .returning({ regionCode: users.regionCode, login: users.login })
    .get();
  if (user) forgetLoginAttempts(tx, user.regionCode, user.login);
  revokeUserSessions(tx, userId, now);
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

/**
 * The operator's administrator gives an office staff member a new temporary password (forgotten,
 * or locked after wrong passwords): unlocked, must be changed at the next login, other sessions end.
 */
export async function resetStaffPassword(
  deps: Deps,
  input: { regionCode: string; login: string },
): Promise<{ userId: number; login: string; temporaryPassword: string }> {
  const user = findUserByLogin(deps.db, input.regionCode, input.login);
  if (user?.role !== "office_staff") {
    throw new DomainError("not_found", "no such office staff login", { login: { code: "login.unknown" } });
  }
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    setTemporaryPassword(tx, user.id, passwordHash, now);
    recordAuditEvent(tx, {
      at: now,
      actorLabel: "system",
      regionCode: user.regionCode,
      action: "auth.password_reset_by_operator",
      targetType: "user",
      targetId: user.id,
      before: { locked: !!user.lockedAt },
      after: { locked: false, mustChangePassword: true },
    });
  });
  return { userId: user.id, login: user.login, temporaryPassword };
}
