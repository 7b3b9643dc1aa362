import { and, count, eq, gte, inArray, lt, lte, ne, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Db } from "../db/open-database.ts";
import { loginAttempts, loginFailures, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { clientKey } from "../rate-limits/rate-limits.ts";

/** Wrong passwords in a row that lock a login. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Wrong attempts (and password-reset requests) from one client address before it must wait. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
/** A reserved attempt not settled by then belonged to a process that died: it counts as wrong. */
export const PENDING_ATTEMPT_TTL_MS = 60_000;
/**
 * How long the attempts at a login are kept after the last one. A lock of an existing login lasts
 * until a temporary password opens it; an unknown login's lock, which nobody can open, is forgotten
 * after this long without an attempt (every attempt on it starts the time again).
 */
export const LOGIN_ATTEMPT_RETENTION_MS = 30 * 24 * 60 * 60_000;
/** Logins are at most 40 characters; the key of an unknown one is cut here. */
const MAX_LOGIN_KEY_LENGTH = 100;

/** The address as the rate limits count it too (an IPv6 client by its /64): one notion of "one client". */
export const addressOf = clientKey;

/** True when the address has used up its attempts for the current window. */
export function isAddressThrottled(deps: Pick<Deps, "db" | "clock">, clientAddress: string | null | undefined): boolean {
  const since = new Date(deps.clock.now().getTime() - ADDRESS_WINDOW_MS);
  const n =
    deps.db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.clientAddress, addressOf(clientAddress)), gte(loginFailures.at, since)))
      .get()?.n ?? 0;
  return n >= MAX_FAILURES_PER_ADDRESS;
}

/** Counts an attempt against the address (a wrong password, a password-reset request); returns its row. */
export function noteAddressAttempt(tx: Db, clientAddress: string | null | undefined, at: Date): number {
  return tx.insert(loginFailures).values({ clientAddress: addressOf(clientAddress), at }).returning().get().id;
}

type UserRow = typeof users.$inferSelect;

/** Whose attempt it is: a login in a region, and its user when it exists. */
interface Subject {
  regionCode: string;
  login: string;
  user: UserRow | undefined;
}

/**
 * An attempt reserved before the slow password check. `allowed`: one of the five in a row, the
 * password is to be checked. `refused`: five are already pending, so this one is counted as wrong
 * unchecked. `locked`: the login is locked, only a temporary password can open it.
 */
export interface AttemptReservation {
  kind: "allowed" | "refused" | "locked";
  subject: Subject;
  attemptId: number | null;
  addressAttemptId: number;
  clientAddress: string | null | undefined;
}

const keyOf = (subject: Pick<Subject, "regionCode" | "login">) =>
  and(eq(loginAttempts.regionCode, subject.regionCode), eq(loginAttempts.login, subject.login));

export function loginKey(login: string): string {
  return login.trim().toLowerCase().slice(0, MAX_LOGIN_KEY_LENGTH);
}

/**
 * Reserves an attempt at `login` in one write transaction, before any password is checked: so a
 * burst of parallel guesses cannot all pass the check "fewer than five so far" while the first ones
 * are still hashing. The address is charged here too, for the same reason (given back on success):
 * the caller checks `isAddressThrottled` in the same transaction. Existing and unknown logins go
 * through the very same steps.
 */
export function reserveLoginAttempt(
  tx: Db,
  input: {
    regionCode: string;
    login: string;
    user: UserRow | undefined;
    clientAddress?: string | null;
  },
  now: Date,
): AttemptReservation {
  const subject: Subject = { regionCode: input.regionCode, login: loginKey(input.login), user: input.user };
  const addressAttemptId = noteAddressAttempt(tx, input.clientAddress, now);
  const reservation = { subject, clientAddress: input.clientAddress, addressAttemptId, attemptId: null };
  if (isLocked(tx, subject)) {
    // Every attempt keeps a lock remembered as long as attempts keep coming.
    tx.update(loginAttempts).set({ at: now }).where(and(keyOf(subject), eq(loginAttempts.outcome, "locked"))).run();
    return { ...reservation, kind: "locked" };
  }
  const run = attemptsInRun(tx, subject);
  const kind = run.length >= MAX_FAILED_ATTEMPTS ? "refused" : "allowed";
  const attemptId = tx
    .insert(loginAttempts)
    .values({ ...subjectKey(subject), outcome: kind === "allowed" ? "pending" : "refused", at: now })
    .returning()
    .get().id;
  mirrorFailedAttempts(tx, subject);
  if (kind === "refused") lockIfDue(tx, subject, input.clientAddress, now);
  return { ...reservation, kind, attemptId };
}

/**
 * Settles a reserved attempt whose password was wrong (a refused or locked one was counted already)
 * and audits it. Returns true when the login is locked now, by this attempt or by others.
 */
export function settleWrongAttempt(
  tx: Db,
  reservation: AttemptReservation,
  now: Date,
  action: "auth.login_failed" | "auth.wrong_current_password" = "auth.login_failed",
): boolean {
  const { subject } = reservation;
  if (reservation.kind === "allowed" && reservation.attemptId !== null) {
    tx.update(loginAttempts).set({ outcome: "wrong" }).where(eq(loginAttempts.id, reservation.attemptId)).run();
  }
  const failedAttempts = mirrorFailedAttempts(tx, subject);
  const locked = reservation.kind === "locked";
  recordAuditEvent(tx, {
    ...auditTarget(subject, reservation.clientAddress, now, action === "auth.wrong_current_password"),
    action: locked && action === "auth.login_failed" ? "auth.login_refused_locked" : action,
    after: locked || !subject.user ? null : { failedAttempts },
  });
  if (!locked) lockIfDue(tx, subject, reservation.clientAddress, now);
  return isLocked(tx, subject);
}

/**
 * Settles an attempt whose password was right: it ends the run of wrong ones before it (attempts
 * reserved after it stay counted, and a lock they caused stays) and gives the address its attempt back.
 */
export function settleRightAttempt(tx: Db, reservation: AttemptReservation): void {
  const { subject } = reservation;
  if (reservation.attemptId !== null) {
    tx.delete(loginAttempts)
      .where(and(keyOf(subject), lte(loginAttempts.id, reservation.attemptId), ne(loginAttempts.outcome, "locked")))
      .run();
  }
  tx.delete(loginFailures).where(eq(loginFailures.id, reservation.addressAttemptId)).run();
  mirrorFailedAttempts(tx, subject);
}

/** Forgets every attempt at a login: it was unlocked, or its password replaced. */
export function forgetLoginAttempts(tx: Db, regionCode: string, login: string): void {
  tx.delete(loginAttempts).where(keyOf({ regionCode, login: loginKey(login) })).run();
}

/**
 * Deletes (up to `batchSize` logins at a time) the attempts at logins nobody has tried since
 * `idleSince`: for the retention job. Returns how many rows went.
 */
export function pruneIdleLoginAttempts(db: Db, idleSince: Date, batchSize: number): number {
  const idle = db
    .select({ regionCode: loginAttempts.regionCode, login: loginAttempts.login })
    .from(loginAttempts)
    .groupBy(loginAttempts.regionCode, loginAttempts.login)
    .having(lt(sql`max(${loginAttempts.at})`, idleSince.getTime()))
    .limit(batchSize)
    .all();
  let deleted = 0;
  for (const key of idle) deleted += db.delete(loginAttempts).where(keyOf(key)).run().changes;
  return deleted;
}

function subjectKey(subject: Subject) {
  return { regionCode: subject.regionCode, login: subject.login };
}

function isLocked(tx: Db, subject: Subject): boolean {
  if (subject.user) {
    const row = tx.select({ lockedAt: users.lockedAt }).from(users).where(eq(users.id, subject.user.id)).get();
    return !!row?.lockedAt;
  }
  return !!tx
    .select({ id: loginAttempts.id })
    .from(loginAttempts)
    .where(and(keyOf(subject), eq(loginAttempts.outcome, "locked")))
    .get();
}

/** The attempts since the last success or unlock, oldest first (a success deletes those before it). */
function attemptsInRun(tx: Db, subject: Subject) {
  return tx
    .select({ outcome: loginAttempts.outcome, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(keyOf(subject), inArray(loginAttempts.outcome, ["pending", "wrong", "refused"])))
    .orderBy(loginAttempts.id)
    .all();
}

/** `users.failed_attempts` shows the run's length (what the office and the audit trail read). */
function mirrorFailedAttempts(tx: Db, subject: Subject): number {
  const failedAttempts = attemptsInRun(tx, subject).length;
  if (subject.user) tx.update(users).set({ failedAttempts }).where(eq(users.id, subject.user.id)).run();
  return failedAttempts;
}

/**
 * Locks the login when five attempts in a row are known to be wrong. A pending attempt breaks the
 * row: its password may be right, and a right password ends the run. So a lock always rests on five
 * wrong attempts that came after any right one, whatever order the slow checks finish in.
 */
function lockIfDue(tx: Db, subject: Subject, clientAddress: string | null | undefined, now: Date): boolean {
  if (isLocked(tx, subject)) return false;
  const staleBefore = now.getTime() - PENDING_ATTEMPT_TTL_MS;
  let inARow = 0;
  for (const attempt of attemptsInRun(tx, subject)) {
    const known = attempt.outcome !== "pending" || attempt.at.getTime() < staleBefore;
    inARow = known ? inARow + 1 : 0;
    if (inARow >= MAX_FAILED_ATTEMPTS) break;
  }
  if (inARow < MAX_FAILED_ATTEMPTS) return false;
  tx.insert(loginAttempts).values({ ...subjectKey(subject), outcome: "locked", at: now }).run();
  if (subject.user) tx.update(users).set({ lockedAt: now }).where(eq(users.id, subject.user.id)).run();
  recordAuditEvent(tx, { ...auditTarget(subject, clientAddress, now, false), action: "auth.locked" });
  return true;
}

/** Who an attempt's audit event is about: the user when the login exists, else the login typed. */
function auditTarget(subject: Subject, clientAddress: string | null | undefined, at: Date, byTheUser: boolean) {
  const { user } = subject;
  if (!user) {
    return {
      at,
      actorLabel: "anonymous",
      regionCode: subject.regionCode,
      targetType: "login",
      targetId: subject.login.slice(0, 40),
      clientAddress,
    };
  }
  return {
    at,
    actorLabel: byTheUser ? user.login : "anonymous",
    actorUserId: byTheUser ? user.id : null,
    regionCode: user.regionCode,
    companyId: user.companyId,
    targetType: "user",
    targetId: user.id,
    clientAddress,
  };
}
