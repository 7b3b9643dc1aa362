import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import { sessions, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { type Actor, actorOfUser } from "./actor.ts";

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
const TOUCH_EVERY_MS = 60_000;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** Starts a session; the returned token goes into the (signed, httpOnly) cookie and nowhere else. */
export function createSession(tx: Db, userId: number, now: Date): string {
  const token = randomBytes(32).toString("base64url");
  tx.insert(sessions).values({ tokenHash: digest(token), userId, createdAt: now, lastSeenAt: now }).run();
  return token;
}

/** The user of a live session, or undefined when it expired, was revoked or never existed. */
export function findSessionActor(deps: Deps, token: string): Actor | undefined {
  if (!token) return undefined;
  const now = deps.clock.now().getTime();
  const row = deps.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, digest(token)))
    .get();
  if (!row || row.session.revokedAt) return undefined;
  const idle = now - row.session.lastSeenAt.getTime() > SESSION_IDLE_MS;
  const tooOld = now - row.session.createdAt.getTime() > SESSION_ABSOLUTE_MS;
  if (idle || tooOld || row.user.lockedAt) return undefined;
  if (now - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    deps.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.tokenHash, row.session.tokenHash))
      .run();
  }
  return actorOfUser(row.user);
}

export function revokeSession(deps: Deps, token: string): void {
  deps.db
    .update(sessions)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(sessions.tokenHash, digest(token)), isNull(sessions.revokedAt)))
    .run();
}

/** Ends every session of a user (password changed or reset, login locked), except `keepToken`'s. */
export function revokeUserSessions(tx: Db, userId: number, now: Date, keepToken?: string): void {
  const live = and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  tx.update(sessions)
    .set({ revokedAt: now })
    .where(keepToken ? and(live, ne(sessions.tokenHash, digest(keepToken))) : live)
    .run();
}

/** "Log out everywhere": ends every session of the actor's login, this one included, and audits it. */
export function logOutEverywhere(deps: Deps, actor: Actor): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    revokeUserSessions(tx, actor.userId, now);
    recordAuditEvent(tx, {
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.login,
      regionCode: actor.regionCode,
      companyId: actor.companyId,
      action: "auth.logged_out_everywhere",
      targetType: "user",
      targetId: actor.userId,
      clientAddress: actor.clientAddress,
    });
  });
}

/**
 * Deletes up to `batchSize` sessions that ended (revoked, idle or too old) before `endedBefore`;
 * returns how many. One statement: safe while other processes use or prune the same table.
 */
export function pruneEndedSessions(db: Db, endedBefore: Date, batchSize: number): number {
  const cutoff = endedBefore.getTime();
  const ended = or(
    lt(sessions.revokedAt, endedBefore),
    lt(sessions.lastSeenAt, new Date(cutoff - SESSION_IDLE_MS)),
    lt(sessions.createdAt, new Date(cutoff - SESSION_ABSOLUTE_MS)),
  );
  const batch = db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(ended).limit(batchSize);
  return db.delete(sessions).where(inArray(sessions.tokenHash, batch)).run().changes;
}
