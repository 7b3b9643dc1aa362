import { isIPv4, isIPv6 } from "node:net";
import { inArray, lt } from "drizzle-orm";
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import type { Db } from "../db/open-database.ts";
import { rateLimits as rateLimitRows } from "../db/schema.ts";
import type { Deps } from "../deps.ts";

const MINUTE_S = 60;

/**
 * How many requests one client address may send to each public form in a window (decision 005).
 * Generous for people: a family of offices behind one address, a mobile network's shared address,
 * a form sent again after a correction. Failed logins have a stricter limit of their own (20 in
 * 15 minutes, auth/login-failures.ts) that bites first for a guesser; these catch the rest.
 */
export const RATE_LIMITS = {
  /** Access applications sent: each e-mails the office a PDF. */
  apply: { points: 10, durationSeconds: 15 * MINUTE_S },
  /** Status look-ups (reference and e-mail). */
  applicationStatus: { points: 60, durationSeconds: 15 * MINUTE_S },
  /** Login form posts, right or wrong. */
  login: { points: 30, durationSeconds: 15 * MINUTE_S },
  /** Forgotten-password requests (each may send an SMS). */
  passwordReset: { points: 10, durationSeconds: 15 * MINUTE_S },
  /** The office's form verification: an uploaded PDF, parsed. */
  formVerification: { points: 60, durationSeconds: 15 * MINUTE_S },
} as const satisfies Record<string, { points: number; durationSeconds: number }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Who a limit counts: the client address, an IPv6 one by its /64 network (one subscriber's
 * allocation, which they can rotate through freely), an IPv4-mapped one as IPv4. Requests with no
 * address (a closed socket; tests calling a route directly) share the key "unknown".
 */
export function clientKey(clientAddress: string | null | undefined): string {
  if (!clientAddress) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(clientAddress);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(clientAddress)) return clientAddress;
  return `${expandIPv6(clientAddress).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, `::` filled in, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("%")[0]?.split("::") ?? [];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array(missing).fill("0"), ...groups(tail)];
  return all.map((group) => (Number.parseInt(group, 16) || 0).toString(16));
}

// One limiter object per database handle and limit. They hold no counts (those are rows in
// rate_limits), only the settings and the handle, so this cache is not state worth sharing.
const limiters = new WeakMap<Db, Map<RateLimitName, RateLimiterSQLite>>();

function limiterFor(db: Db, name: RateLimitName): RateLimiterSQLite {
  let byName = limiters.get(db);
  if (!byName) {
    byName = new Map();
    limiters.set(db, byName);
  }
  let limiter = byName.get(name);
  if (!limiter) {
    limiter = new RateLimiterSQLite({
      storeClient: db.$client,
      storeType: "better-sqlite3",
      tableName: "rate_limits",
      tableCreated: true, // by migration 0008
      clearExpiredByTimeout: false, // the retention job prunes (pruneExpiredRateLimits)
      keyPrefix: name,
      points: RATE_LIMITS[name].points,
      duration: RATE_LIMITS[name].durationSeconds,
    });
    byName.set(name, limiter);
  }
  return limiter;
}

/**
 * Counts one request of `clientAddress` against the limit `name`, in the database (one atomic
 * upsert), and says whether it is within the limit or how long until the window ends. Windows are
 * fixed: they start at an address's first request and last the limit's duration.
 */
export async function consumeRateLimit(
  deps: Pick<Deps, "db">,
  name: RateLimitName,
  clientAddress: string | null | undefined,
): Promise<RateLimitResult> {
  try {
    await limiterFor(deps.db, name).consume(clientKey(clientAddress));
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1_000, rejection.msBeforeNext) };
    throw rejection;
  }
}

/** Deletes (at most `batchSize`) counts whose window ended before `before`: for the retention job. */
export function pruneExpiredRateLimits(db: Db, before: Date, batchSize: number): number {
  const batch = db
    .select({ key: rateLimitRows.key })
    .from(rateLimitRows)
    .where(lt(rateLimitRows.expire, before.getTime()))
    .limit(batchSize);
  return db.delete(rateLimitRows).where(inArray(rateLimitRows.key, batch)).run().changes;
}
