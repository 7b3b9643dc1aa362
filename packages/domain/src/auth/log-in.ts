import { eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { isAddressThrottled, recordLoginFailure } from "./login-failures.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { createSession } from "./sessions.ts";
import { findUserByLogin, setTemporaryPassword } from "./users.ts";

export { ADDRESS_WINDOW_MS, MAX_FAILED_ATTEMPTS, MAX_FAILURES_PER_ADDRESS } from "./login-failures.ts";

/** How long a temporary password asked for with "forgot password" can be used. */
export const RESET_PASSWORD_TTL_MS = 24 * 60 * 60_000;

export type LogInResult =
  | { ok: true; sessionToken: string; mustChangePassword: boolean; role: "company_admin" | "office_staff" }
  | { ok: false; reason: "invalid" | "locked" | "throttled" };

type User = typeof users.$inferSelect;

/** A "forgot password" temporary password still waiting to be used. */
function liveResetHash(deps: Deps, user: User): string | null {
  if (!user.resetPasswordHash || !user.resetPasswordIssuedAt) return null;
  const age = deps.clock.now().getTime() - user.resetPasswordIssuedAt.getTime();
  return age <= RESET_PASSWORD_TTL_MS ? user.resetPasswordHash : null;
}

/**
 * Checks a login and password in a region. Five wrong passwords in a row lock the login; a locked
 * login opens only with a temporary password sent by SMS. Many failures from one address throttle
 * that address (throttled attempts are not audited, so a flood cannot flood the audit). Every other
 * outcome is audited.
 */
export async function logIn(
  deps: Deps,
  input: { regionCode: string; login: string; password: string; clientAddress?: string | null },
): Promise<LogInResult> {
  if (isAddressThrottled(deps, input.clientAddress)) return { ok: false, reason: "throttled" };
  const failure = { regionCode: input.regionCode, login: input.login, clientAddress: input.clientAddress };
  const user = findUserByLogin(deps.db, input.regionCode, input.login);
  if (!user) {
    await burnPasswordCheck(input.password);
    recordLoginFailure(deps, { ...failure, user: undefined });
    return { ok: false, reason: "invalid" };
  }

  const byPassword = !user.lockedAt && (await verifyPassword(user.passwordHash, input.password));
  const resetHash = byPassword ? null : liveResetHash(deps, user);
  const byResetPassword = !!resetHash && (await verifyPassword(resetHash, input.password));
  if (!byPassword && !byResetPassword) {
    if (user.lockedAt) {
      recordLoginFailure(deps, { ...failure, user, action: "auth.login_refused_locked" });
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: recordLoginFailure(deps, { ...failure, user }) ? "locked" : "invalid" };
  }

  const now = deps.clock.now();
  return inTransaction(deps.db, (tx): LogInResult => {
    // Read again: wrong guesses running alongside this (slow) check may have locked the login.
    const current = tx.select().from(users).where(eq(users.id, user.id)).get();
    if (!current) return { ok: false, reason: "invalid" };
    if (byPassword && current.lockedAt) return { ok: false, reason: "locked" };
    if (byResetPassword && current.resetPasswordHash !== resetHash) return { ok: false, reason: "invalid" };

    const audit = {
      at: now,
      actorUserId: user.id,
      actorLabel: user.login,
      regionCode: user.regionCode,
      companyId: user.companyId,
      targetType: "user",
      targetId: user.id,
      clientAddress: input.clientAddress,
    };
    if (byResetPassword) {
      // The temporary password becomes the password, to be changed now; other sessions end.
      setTemporaryPassword(tx, user.id, current.resetPasswordHash as string, now);
      recordAuditEvent(tx, {
        ...audit,
        action: "auth.reset_password_used",
        before: { locked: !!current.lockedAt },
        after: { locked: false, mustChangePassword: true },
      });
    } else {
      // The owner remembered the password: a temporary one someone asked for is void.
      tx.update(users)
        .set({ failedAttempts: 0, resetPasswordHash: null, resetPasswordIssuedAt: null })
        .where(eq(users.id, user.id))
        .run();
    }
    recordAuditEvent(tx, { ...audit, action: "auth.login_succeeded" });
    return {
      ok: true,
      sessionToken: createSession(tx, user.id, now),
      mustChangePassword: byResetPassword || current.mustChangePassword,
      role: user.role,
    };
  });
}
