import { and, eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { enqueueSms } from "../outbox/enqueue.ts";
import { type Actor, can } from "./actor.ts";
import { isAddressThrottled, noteAddressAttempt } from "./login-failures.ts";
import { hashPassword, newTemporaryPassword } from "./passwords.ts";
import { findUserByLogin, setTemporaryPassword } from "./users.ts";

/** A forgotten-password request for one login is honoured at most this often. */
export const RESET_COOLDOWN_MS = 10 * 60_000;

/** The SMS with a login and a temporary password, in the user's language. The only place the password is ever written. */
export function temporaryPasswordSms(
  locale: "ru" | "en",
  login: string,
  password: string,
  loginUrl: string,
): string {
  return locale === "en"
    ? `Corporate cabinet. Login: ${login} Temporary password: ${password} Change it when you log in: ${loginUrl}`
    : `Корпоративный кабинет. Логин: ${login} Временный пароль: ${password} Смените его при входе: ${loginUrl}`;
}

/** The regional login page, the region already chosen: the link in every SMS with a password. */
export function loginUrlOf(deps: Deps, regionCode: string): string {
  return `${deps.config.publicUrl}/login?region=${regionCode}`;
}

export type PasswordResetResult = { ok: true } | { ok: false; reason: "throttled" };

/**
 * "Forgot password": sends a temporary password by SMS to the company's contact number. The
 * current password keeps working until the temporary one is used, so asking for one cannot lock
 * anybody out. Answers the same whether or not the login exists, and takes as long.
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { regionCode: string; login: string; clientAddress?: string | null },
): Promise<PasswordResetResult> {
  // Charged before the slow hash, in one write transaction, so a burst from one address cannot all
  // pass the check before the first is counted.
  const throttled = inTransaction(deps.db, (tx) => {
    if (isAddressThrottled({ db: tx, clock: deps.clock }, input.clientAddress)) return true;
    noteAddressAttempt(tx, input.clientAddress, deps.clock.now());
    return false;
  });
  if (throttled) return { ok: false, reason: "throttled" };
  // Hashed whether or not the login exists: the answer's timing reveals nothing.
  const password = newTemporaryPassword();
  const resetPasswordHash = await hashPassword(password);
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const user = findUserByLogin(tx, input.regionCode, input.login);
    if (user?.role !== "company_admin" || !user.contactMsisdn) return;
    // At most one SMS per login per cooldown; checked in the transaction, so two requests at once send one.
    if (user.resetPasswordIssuedAt && now.getTime() - user.resetPasswordIssuedAt.getTime() < RESET_COOLDOWN_MS) return;
    tx.update(users).set({ resetPasswordHash, resetPasswordIssuedAt: now }).where(eq(users.id, user.id)).run();
    enqueueSms(tx, now, {
      to: user.contactMsisdn,
      text: temporaryPasswordSms(user.locale, user.login, password, loginUrlOf(deps, user.regionCode)),
      secrets: [password],
      topic: `user:${user.id}`,
      regionCode: user.regionCode,
    });
    recordAuditEvent(tx, {
      at: now,
      actorLabel: "anonymous",
      action: "auth.password_reset_requested",
      regionCode: user.regionCode,
      companyId: user.companyId,
      targetType: "user",
      targetId: user.id,
      clientAddress: input.clientAddress,
    });
  });
  return { ok: true };
}

/**
 * Office staff unlock a company administrator of their region: a new temporary password replaces
 * the password at once, the login is unlocked, its sessions end, and the SMS goes to the contact
 * number. The password exists only in the SMS.
 */
export async function issuePasswordByStaff(deps: Deps, actor: Actor, userId: number): Promise<void> {
  if (!can(actor, "office:issue-passwords")) throw new DomainError("forbidden", "not office staff");
  const user = deps.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.regionCode, actor.regionCode), eq(users.role, "company_admin")))
    .get();
  if (!user) throw new DomainError("not_found", "user not found");
  if (!user.contactMsisdn) throw new DomainError("conflict", "user has no contact number");
  const password = newTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    setTemporaryPassword(tx, user.id, passwordHash, now);
    enqueueSms(tx, now, {
      to: user.contactMsisdn as string,
      text: temporaryPasswordSms(user.locale, user.login, password, loginUrlOf(deps, user.regionCode)),
      secrets: [password],
      topic: `user:${user.id}`,
      regionCode: user.regionCode,
    });
    recordAuditEvent(tx, {
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.login,
      action: "auth.unlocked_by_staff",
      clientAddress: actor.clientAddress,
      regionCode: user.regionCode,
      companyId: user.companyId,
      targetType: "user",
      targetId: user.id,
      before: { locked: !!user.lockedAt },
      after: { locked: false, mustChangePassword: true },
    });
  });
}
