import { eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { isAddressThrottled, reserveLoginAttempt, settleRightAttempt, settleWrongAttempt } from "./login-failures.ts";
import { hashNobodyKnows, verifyPassword } from "./passwords.ts";
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
 * Checks a login and password in a region. Five wrong passwords in a row lock a login; a locked
 * login opens only with a temporary password sent by SMS. Many failures from one address throttle
 * that address (throttled attempts are not audited, so a flood cannot flood the audit). Every other
 * outcome is audited.
 *
 * An unknown login answers exactly as an existing one would, attempt after attempt ("invalid" four
 * times, then "locked"), and costs the same password checks: one for a locked login (the temporary
 * password's, or a hash nobody knows), two for a wrong password (the password's and the temporary
 * one's, or that hash in place of either).
 */
export async function logIn(
  deps: Deps,
  input: { regionCode: string; login: string; password: string; clientAddress?: string | null },
): Promise<LogInResult> {
  // Reserved before the slow check, in one write transaction: see reserveLoginAttempt.
  const attempt = inTransaction(deps.db, (tx) => {
    if (isAddressThrottled({ db: tx, clock: deps.clock }, input.clientAddress)) return null;
    const user = findUserByLogin(tx, input.regionCode, input.login);
    return reserveLoginAttempt(tx, { ...input, user }, deps.clock.now());
  });
  if (!attempt) return { ok: false, reason: "throttled" };
  const { user } = attempt.subject;

  const passwordHash = attempt.kind === "allowed" ? (user?.passwordHash ?? null) : null;
  const byPassword =
    attempt.kind === "allowed" && (await verifyPassword(passwordHash ?? (await hashNobodyKnows()), input.password));
  const resetHash = user && !byPassword ? liveResetHash(deps, user) : null;
  const byResetPassword =
    !byPassword && (await verifyPassword(resetHash ?? (await hashNobodyKnows()), input.password));
  if (!user || !((byPassword && passwordHash) || (byResetPassword && resetHash))) {
    const locked = inTransaction(deps.db, (tx) => settleWrongAttempt(tx, attempt, deps.clock.now()));
    return { ok: false, reason: locked ? "locked" : "invalid" };
  }

  const now = deps.clock.now();
  return inTransaction(deps.db, (tx): LogInResult => {
    const current = tx.select().from(users).where(eq(users.id, user.id)).get();
    if (!current) return { ok: false, reason: "invalid" };
    // The temporary password was replaced or used meanwhile.
    if (byResetPassword && current.resetPasswordHash !== resetHash) return { ok: false, reason: "invalid" };
    // A right password reserved among the five allowed attempts logs in, even when guesses reserved
    // after it have locked the login meanwhile: as if it had come just before them. Their lock stays,
    // and ends this session too, as it ends every session of a locked login.
    settleRightAttempt(tx, attempt);

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
      tx.update(users).set({ resetPasswordHash: null, resetPasswordIssuedAt: null }).where(eq(users.id, user.id)).run();
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
