import { eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import type { FieldErrors } from "../errors.ts";
import type { Actor } from "./actor.ts";
import { forgetLoginAttempts, reserveLoginAttempt, settleRightAttempt, settleWrongAttempt } from "./login-failures.ts";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "./passwords.ts";
import { revokeUserSessions } from "./sessions.ts";

export type ChangePasswordResult = { ok: true } | { ok: false; fieldErrors: FieldErrors; locked?: true };

/**
 * Changes the actor's password: the current one, then the new one twice. Ends the user's other
 * sessions and clears the must-change flag of a temporary password.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; confirmPassword: string; sessionToken: string },
): Promise<ChangePasswordResult> {
  const user = deps.db.select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user) return { ok: false, fieldErrors: { currentPassword: { code: "password.wrongCurrent" } } };
  const fieldErrors: FieldErrors = {};
  if (!input.currentPassword) fieldErrors.currentPassword = { code: "required" };
  else {
    // Guessing the current password from a stolen session counts like guessing it at the login, and
    // is reserved before the slow check the same way: the fifth wrong one in a row locks the login,
    // and with it this session.
    // (No address throttle here: the user is logged in; the attempt still counts against the address.)
    const attempt = inTransaction(deps.db, (tx) =>
      reserveLoginAttempt(tx, { ...user, user, clientAddress: actor.clientAddress }, deps.clock.now()),
    );
    const right =
      attempt.kind === "allowed" && (await verifyPassword(user.passwordHash, input.currentPassword));
    if (right) inTransaction(deps.db, (tx) => settleRightAttempt(tx, attempt));
    else {
      const locked = inTransaction(deps.db, (tx) =>
        settleWrongAttempt(tx, attempt, deps.clock.now(), "auth.wrong_current_password"),
      );
      if (locked) return { ok: false, locked: true, fieldErrors: { currentPassword: { code: "password.wrongCurrent" } } };
      fieldErrors.currentPassword = { code: "password.wrongCurrent" };
    }
  }
  if (!input.newPassword) fieldErrors.newPassword = { code: "required" };
  else {
    Object.assign(fieldErrors, checkPasswordPolicy(input.newPassword, { login: user.login }));
    if (!fieldErrors.newPassword && input.newPassword === input.currentPassword) {
      fieldErrors.newPassword = { code: "password.sameAsCurrent" };
    }
  }
  if (!fieldErrors.newPassword && input.confirmPassword !== input.newPassword) {
    fieldErrors.confirmPassword = { code: "password.mismatch" };
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    tx.update(users)
      .set({
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now,
        failedAttempts: 0,
        resetPasswordHash: null,
        resetPasswordIssuedAt: null,
      })
      .where(eq(users.id, user.id))
      .run();
    forgetLoginAttempts(tx, user.regionCode, user.login);
    revokeUserSessions(tx, user.id, now, input.sessionToken);
    recordAuditEvent(tx, {
      at: now,
      actorUserId: user.id,
      actorLabel: user.login,
      regionCode: user.regionCode,
      companyId: user.companyId,
      action: "auth.password_changed",
      targetType: "user",
      targetId: user.id,
      clientAddress: actor.clientAddress,
    });
  });
  return { ok: true };
}
