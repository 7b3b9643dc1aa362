import { and, desc, eq, gte } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { auditEvents, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { enqueueSms } from "../outbox/enqueue.ts";
import { type Actor, can } from "./actor.ts";
import { burnPasswordCheck, hashPassword, newTemporaryPassword } from "./passwords.ts";
import { revokeUserSessions } from "./sessions.ts";
import { findUserByLogin } from "./users.ts";

/** A forgotten-password request for one login is honoured at most this often. */
export const RESET_COOLDOWN_MS = 10 * 60_000;

export function temporaryPasswordSms(login: string, password: string, loginUrl: string): string {
  return `Корпоративный кабинет. Логин: ${login} Временный пароль: ${password} Смените его при входе: ${loginUrl}`;
}

/**
 * Replaces a user's password with a temporary one, unlocks the login, ends its sessions and queues
 * the SMS to the contact number. The password exists only in the SMS.
 */
async function issueTemporaryPassword(
  deps: Deps,
  user: typeof users.$inferSelect,
  audit: { actorUserId: number | null; actorLabel: string; action: string; clientAddress?: string | null },
): Promise<void> {
  if (!user.contactMsisdn) throw new DomainError("conflict", "user has no contact number");
  const password = newTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    tx.update(users)
      .set({ passwordHash, mustChangePassword: true, failedAttempts: 0, lockedAt: null })
      .where(eq(users.id, user.id))
      .run();
    revokeUserSessions(tx, user.id, now);
    enqueueSms(tx, now, {
      to: user.contactMsisdn as string,
      text: temporaryPasswordSms(user.login, password, `${deps.config.publicUrl}/login?region=${user.regionCode}`),
      topic: `user:${user.id}`,
      regionCode: user.regionCode,
    });
    recordAuditEvent(tx, {
      at: now,
      ...audit,
      regionCode: user.regionCode,
      companyId: user.companyId,
      targetType: "user",
      targetId: user.id,
      before: { locked: !!user.lockedAt },
      after: { locked: false, mustChangePassword: true },
    });
  });
}

/**
 * "Forgot password": sends a new temporary password by SMS to the company's contact number.
 * Answers the same whether or not the login exists, so it reveals nothing.
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { regionCode: string; login: string; clientAddress?: string | null },
): Promise<void> {
  const user = findUserByLogin(deps.db, input.regionCode, input.login);
  // Unknown logins cost as much time as known ones (a hash), so the answer's timing reveals nothing.
  if (!user || user.role !== "company_admin" || !user.contactMsisdn) return burnPasswordCheck(input.login);
  const since = new Date(deps.clock.now().getTime() - RESET_COOLDOWN_MS);
  const recent = deps.db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "user"),
        eq(auditEvents.targetId, String(user.id)),
        eq(auditEvents.action, "auth.password_reset_requested"),
        gte(auditEvents.at, since),
      ),
    )
    .orderBy(desc(auditEvents.at))
    .get();
  if (recent) return burnPasswordCheck(input.login);
  await issueTemporaryPassword(deps, user, {
    actorUserId: null,
    actorLabel: "anonymous",
    action: "auth.password_reset_requested",
    clientAddress: input.clientAddress,
  });
}

/** Office staff unlock a company administrator of their region with a new temporary password. */
export async function issuePasswordByStaff(deps: Deps, actor: Actor, userId: number): Promise<void> {
  if (!can(actor, "office:issue-passwords")) throw new DomainError("forbidden", "not office staff");
  const user = deps.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.regionCode, actor.regionCode), eq(users.role, "company_admin")))
    .get();
  if (!user) throw new DomainError("not_found", "user not found");
  await issueTemporaryPassword(deps, user, {
    actorUserId: actor.userId,
    actorLabel: actor.login,
    action: "auth.unlocked_by_staff",
    clientAddress: actor.clientAddress,
  });
}
