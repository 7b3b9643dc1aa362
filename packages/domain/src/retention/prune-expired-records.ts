import { inArray, lt } from "drizzle-orm";
import { LOGIN_ATTEMPT_RETENTION_MS, pruneIdleLoginAttempts } from "../auth/login-failures.ts";
import { pruneEndedSessions } from "../auth/sessions.ts";
import type { Db } from "../db/open-database.ts";
import { loginFailures } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { pruneFinishedMessages } from "../outbox/prune-outbox.ts";
import { pruneExpiredRateLimits } from "../rate-limits/rate-limits.ts";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

// How long records that hold personal data (client addresses, phone numbers, e-mails) are kept
// once they have done their job. The README's "Retention" states the same figures.
/** An ended session (logged out, idle, too old) is kept a week, to answer "was that me?". */
export const ENDED_SESSION_RETENTION_MS = 7 * DAY_MS;
/** A failed login's client address counts for 15 minutes; it is kept a day. */
export const LOGIN_FAILURE_RETENTION_MS = DAY_MS;
/** A delivered e-mail or SMS is kept 30 days after delivery (support: "did the SMS go out?"). */
export const SENT_MESSAGE_RETENTION_MS = 30 * DAY_MS;
/** A message given up on is kept 90 days after it was queued, for the operator to look into. */
export const FAILED_MESSAGE_RETENTION_MS = 90 * DAY_MS;

/** Rows deleted per statement: each statement holds the write lock only briefly. */
const BATCH_SIZE = 500;

export interface PruneReport {
  sessions: number;
  loginFailures: number;
  outboxMessages: number;
  /** Per-address counts of the public forms whose window has ended. */
  rateLimits: number;
}

function pruneLoginFailures(db: Db, before: Date, batchSize: number): number {
  const batch = db.select({ id: loginFailures.id }).from(loginFailures).where(lt(loginFailures.at, before)).limit(batchSize);
  return db.delete(loginFailures).where(inArray(loginFailures.id, batch)).run().changes;
}

/** Runs `deleteBatch` until a batch comes back short, letting other work run between batches. */
async function inBatches(deleteBatch: (batchSize: number) => number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = deleteBatch(BATCH_SIZE);
    total += deleted;
    if (deleted < BATCH_SIZE) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Deletes what has outlived its retention: ended sessions, old failed-login records, delivered and
 * given-up outbox messages. Idempotent and made of short single statements, so several processes
 * sharing the database may run it at the same time.
 */
export async function pruneExpiredRecords(deps: Deps): Promise<PruneReport> {
  const now = deps.clock.now().getTime();
  const ago = (ms: number) => new Date(now - ms);
  return {
    sessions: await inBatches((n) => pruneEndedSessions(deps.db, ago(ENDED_SESSION_RETENTION_MS), n)),
    loginFailures:
      (await inBatches((n) => pruneLoginFailures(deps.db, ago(LOGIN_FAILURE_RETENTION_MS), n))) +
      (await inBatches((n) => pruneIdleLoginAttempts(deps.db, ago(LOGIN_ATTEMPT_RETENTION_MS), n))),
    outboxMessages: await inBatches((n) =>
      pruneFinishedMessages(deps.db, ago(SENT_MESSAGE_RETENTION_MS), ago(FAILED_MESSAGE_RETENTION_MS), n),
    ),
    rateLimits: await inBatches((n) => pruneExpiredRateLimits(deps.db, ago(0), n)),
  };
}
