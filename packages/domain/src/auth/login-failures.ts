import { and, count, eq, gte, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { inTransaction } from "../db/open-database.ts";
import { loginFailures, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";

/** Wrong passwords in a row that lock a login. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Wrong attempts (and password-reset requests) from one client address before it must wait. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

export const addressOf = (clientAddress: string | null | undefined) => clientAddress ?? "unknown";

/** True when the address has used up its attempts for the current window. */
export function isAddressThrottled(deps: Deps, clientAddress: string | null | undefined): boolean {
  const since = new Date(deps.clock.now().getTime() - ADDRESS_WINDOW_MS);
  const n =
    deps.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.clientAddress, addressOf(clientAddress)), gte(loginFailures.at, since)))
      .get()?.n ?? 0;
  return n >= MAX_FAILURES_PER_ADDRESS;
}

/** Counts an attempt against the address without any login (e.g. a password-reset request). */
export function noteAddressAttempt(tx: Deps["db"], clientAddress: string | null | undefined, at: Date): void {
  tx.insert(loginFailures).values({ clientAddress: addressOf(clientAddress), at }).run();
}

type FailedUser = Pick<typeof users.$inferSelect, "id" | "regionCode" | "companyId" | "failedAttempts">;

/**
 * Records a wrong password: against the address always, and against the login when there is one,
 * locking it at the fifth in a row. `counts: false` records without counting (an attempt on a login
 * already locked). Returns true when the login is locked now.
 */
export function recordLoginFailure(
  deps: Deps,
  input: {
    user: FailedUser | undefined;
    regionCode: string;
    login: string;
    clientAddress?: string | null;
    action?: "auth.login_failed" | "auth.login_refused_locked" | "auth.wrong_current_password";
  },
): boolean {
  const now = deps.clock.now();
  const action = input.action ?? "auth.login_failed";
  const { user } = input;
  return inTransaction(deps.db, (tx) => {
    noteAddressAttempt(tx, input.clientAddress, now);
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
      action === "auth.login_refused_locked"
        ? undefined
        : tx
            .update(users)
            .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
            .where(eq(users.id, user.id))
            .returning({ failedAttempts: users.failedAttempts, lockedAt: users.lockedAt })
            .get();
    const attempts = counted?.failedAttempts ?? user.failedAttempts;
    const locks = !!counted && !counted.lockedAt && attempts >= MAX_FAILED_ATTEMPTS;
    if (locks) tx.update(users).set({ lockedAt: now }).where(eq(users.id, user.id)).run();
    const audit = {
      at: now,
      actorLabel: action === "auth.wrong_current_password" ? input.login : "anonymous",
      actorUserId: action === "auth.wrong_current_password" ? user.id : null,
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
