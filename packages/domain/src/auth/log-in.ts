import { and, count, eq, gte, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { loginFailures, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { burnPasswordCheck, verifyPassword } from "./passwords.ts";
import { createSession } from "./sessions.ts";
import { findUserByLogin } from "./users.ts";

/** Wrong passwords in a row that lock a login. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Wrong attempts from one client address, over all logins, before it must wait. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

export type LogInResult =
  | { ok: true; sessionToken: string; mustChangePassword: boolean; role: "company_admin" | "office_staff" }
  | { ok: false; reason: "invalid" | "locked" | "throttled" };

/**
 * Checks a login and password in a region. Five wrong passwords in a row lock the login; many
 * failures from one address throttle that address. Every outcome is audited.
 */
export async function logIn(
  deps: Deps,
  input: { regionCode: string; login: string; password: string; clientAddress?: string | null },
): Promise<LogInResult> {
  const address = input.clientAddress ?? "unknown";
  if (failuresFromAddress(deps, address) >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, reason: "throttled" };
  }
  const user = findUserByLogin(deps.db, input.regionCode, input.login);
  if (!user) {
    await burnPasswordCheck(input.password);
    noteFailure(deps, address, null, input);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedAt) {
    noteFailure(deps, address, user, input, "auth.login_refused_locked");
    return { ok: false, reason: "locked" };
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const locked = noteFailure(deps, address, user, input);
    return { ok: false, reason: locked ? "locked" : "invalid" };
  }
  const now = deps.clock.now();
  const sessionToken = inTransaction(deps.db, (tx) => {
    tx.update(users).set({ failedAttempts: 0 }).where(eq(users.id, user.id)).run();
    recordAuditEvent(tx, {
      at: now,
      actorUserId: user.id,
      actorLabel: user.login,
      regionCode: user.regionCode,
      companyId: user.companyId,
      action: "auth.login_succeeded",
      targetType: "user",
      targetId: user.id,
      clientAddress: input.clientAddress,
    });
    return createSession(tx, user.id, now);
  });
  return { ok: true, sessionToken, mustChangePassword: user.mustChangePassword, role: user.role };
}

function failuresFromAddress(deps: Deps, address: string): number {
  const since = new Date(deps.clock.now().getTime() - ADDRESS_WINDOW_MS);
  return (
    deps.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.clientAddress, address), gte(loginFailures.at, since)))
      .get()?.n ?? 0
  );
}

/** Records a failed attempt; returns true when the login is now locked. */
function noteFailure(
  deps: Deps,
  address: string,
  user: typeof users.$inferSelect | null | undefined,
  input: { regionCode: string; login: string; clientAddress?: string | null },
  action = "auth.login_failed",
): boolean {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    tx.insert(loginFailures).values({ clientAddress: address, at: now }).run();
    if (!user) {
      recordAuditEvent(tx, {
        at: now,
        actorLabel: "anonymous",
        regionCode: input.regionCode,
        action,
        targetType: "login",
        targetId: input.login.slice(0, 40),
        clientAddress: input.clientAddress,
      });
      return false;
    }
    // Counted in SQL from the row as it is now, not from the copy read before the (slow) password
    // check: concurrent wrong guesses must each count, or a burst of them would never lock the login.
    const counted =
      action === "auth.login_failed"
        ? tx
            .update(users)
            .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
            .where(eq(users.id, user.id))
            .returning({ failedAttempts: users.failedAttempts, lockedAt: users.lockedAt })
            .get()
        : undefined;
    const attempts = counted?.failedAttempts ?? user.failedAttempts;
    const locks = !!counted && !counted.lockedAt && attempts >= MAX_FAILED_ATTEMPTS;
    if (locks) tx.update(users).set({ lockedAt: now }).where(eq(users.id, user.id)).run();
    const audit = {
      at: now,
      actorLabel: "anonymous",
      regionCode: user.regionCode,
      companyId: user.companyId,
      targetType: "user",
      targetId: user.id,
      clientAddress: input.clientAddress,
    };
    recordAuditEvent(tx, { ...audit, action, after: { failedAttempts: attempts } });
    if (locks) recordAuditEvent(tx, { ...audit, action: "auth.locked" });
    // A concurrent wrong guess may have locked it a moment ago: the answer is "locked" then too.
    return locks || !!counted?.lockedAt;
  });
}
