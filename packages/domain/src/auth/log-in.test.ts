import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { adminFixture, authEvents, userRow } from "./auth-test-fixtures.ts";
import { ADDRESS_WINDOW_MS, logIn, MAX_FAILED_ATTEMPTS, MAX_FAILURES_PER_ADDRESS } from "./log-in.ts";
import { pruneExpiredRecords } from "../retention/prune-expired-records.ts";
import { LOGIN_ATTEMPT_RETENTION_MS } from "./login-failures.ts";
import { verifyPassword } from "./passwords.ts";
import { findSessionActor } from "./sessions.ts";
import { requestPasswordReset } from "./temporary-passwords.ts";

// Counts password checks: a wrong attempt must cost the same whether or not the login exists.
vi.mock("./passwords.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("./passwords.ts")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
beforeEach(() => vi.mocked(verifyPassword).mockClear());

const ural = (login: string, password: string, clientAddress = "198.51.100.1") => ({
  regionCode: "ural",
  login,
  password,
  clientAddress,
});

async function wrongPasswords(deps: Deps, login: string, times: number) {
  const reasons: string[] = [];
  for (let i = 0; i < times; i++) {
    const result = await logIn(deps, ural(login, `Wrong-guess-${i}`));
    reasons.push(result.ok ? "ok" : result.reason);
  }
  return reasons;
}

describe("locking a login after wrong passwords in a row", () => {
  it("answers 'invalid' to four wrong passwords, then lets the right one in and starts the count afresh", async () => {
    const { deps, admin, password } = await adminFixture();
    expect(MAX_FAILED_ATTEMPTS).toBe(5);

    expect(await wrongPasswords(deps, admin.login, 4)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(userRow(deps, admin.id)).toMatchObject({ failedAttempts: 4, lockedAt: null });

    const result = await logIn(deps, ural(admin.login, password));
    expect(result).toMatchObject({ ok: true, role: "company_admin", mustChangePassword: true });
    expect(userRow(deps, admin.id)).toMatchObject({ failedAttempts: 0, lockedAt: null });
    const succeeded = authEvents(deps, admin.id).filter((e) => e.action === "auth.login_succeeded");
    expect(succeeded).toEqual([
      expect.objectContaining({ actorUserId: admin.id, actorLabel: admin.login, clientAddress: "198.51.100.1" }),
    ]);
  });

  it("locks the login on the fifth wrong password, after which even the right password answers 'locked'", async () => {
    const { deps, admin, password, logInAdmin } = await adminFixture();
    const openSession = await logInAdmin();

    expect(await wrongPasswords(deps, admin.login, 5)).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    expect(userRow(deps, admin.id)).toMatchObject({ failedAttempts: 5, lockedAt: deps.clock.now() });
    expect(await logIn(deps, ural(admin.login, password))).toEqual({ ok: false, reason: "locked" });
    expect(await logIn(deps, ural(admin.login, "Wrong-again-1"))).toEqual({ ok: false, reason: "locked" });
    // A session opened before the lock no longer lets anyone in either.
    expect(findSessionActor(deps, openSession)).toBeUndefined();

    const events = authEvents(deps, admin.id);
    expect(events.map((e) => e.action)).toEqual([
      "auth.login_succeeded",
      "auth.login_failed",
      "auth.login_failed",
      "auth.login_failed",
      "auth.login_failed",
      "auth.login_failed",
      "auth.locked",
      "auth.login_refused_locked",
      "auth.login_refused_locked",
    ]);
    expect(events.filter((e) => e.action === "auth.login_failed").map((e) => e.after)).toEqual(
      [1, 2, 3, 4, 5].map((failedAttempts) => ({ failedAttempts })),
    );
    expect(events.find((e) => e.action === "auth.locked")).toMatchObject({
      actorLabel: "anonymous",
      regionCode: "ural",
      companyId: admin.companyId,
      clientAddress: "198.51.100.1",
    });
    // What was typed is never written down.
    expect(JSON.stringify(events)).not.toContain("Wrong-guess");
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it("does not lock after 4 wrong, 1 right and 4 more wrong passwords, because a successful login resets the count", async () => {
    const { deps, admin, password } = await adminFixture();
    expect(await wrongPasswords(deps, admin.login, 4)).not.toContain("locked");
    expect(await logIn(deps, ural(admin.login, password))).toMatchObject({ ok: true });
    expect(await wrongPasswords(deps, admin.login, 4)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(userRow(deps, admin.id)).toMatchObject({ failedAttempts: 4, lockedAt: null });
    expect(await logIn(deps, ural(admin.login, password))).toMatchObject({ ok: true });
  });
});

describe("throttling a client address that keeps failing", () => {
  const noisy = "203.0.113.66";

  /** Fails from `noisy` `times` times, spread over unknown logins and a few wrong passwords of `login`. */
  async function failFromNoisyAddress(deps: Deps, login: string, times: number) {
    for (let i = 0; i < times; i++) {
      const attempt = i < MAX_FAILED_ATTEMPTS - 1 ? ural(login, `Wrong-${i}`, noisy) : ural(`nobody-${i}`, "Guess-1234", noisy);
      expect(await logIn(deps, attempt)).toEqual({ ok: false, reason: "invalid" });
    }
  }

  it("makes an address with MAX_FAILURES_PER_ADDRESS failures over any logins wait, even with the right password, while other addresses get in", async () => {
    const { deps, admin, password } = await adminFixture();
    await failFromNoisyAddress(deps, admin.login, MAX_FAILURES_PER_ADDRESS);

    expect(await logIn(deps, ural(admin.login, password, noisy))).toEqual({ ok: false, reason: "throttled" });
    expect(await logIn(deps, ural("nobody-else", "Guess-1234", noisy))).toEqual({ ok: false, reason: "throttled" });
    // Being throttled is the address's doing: it neither counts against nor locks the login.
    expect(userRow(deps, admin.id)).toMatchObject({ failedAttempts: MAX_FAILED_ATTEMPTS - 1, lockedAt: null });

    expect(await logIn(deps, ural(admin.login, password, "198.51.100.23"))).toMatchObject({ ok: true });
  });

  it("lets the address try again once ADDRESS_WINDOW_MS has passed since its failures", async () => {
    const { deps, admin, password } = await adminFixture();
    await failFromNoisyAddress(deps, admin.login, MAX_FAILURES_PER_ADDRESS);

    deps.clock.advance(ADDRESS_WINDOW_MS - 1_000);
    expect(await logIn(deps, ural(admin.login, password, noisy))).toEqual({ ok: false, reason: "throttled" });

    deps.clock.advance(2_000);
    expect(await logIn(deps, ural(admin.login, password, noisy))).toMatchObject({ ok: true });
  });
});

describe("a login that does not exist", () => {
  const DAY_MS = 24 * 60 * 60_000;

  /** Each attempt's answer and how many password checks it cost. */
  async function attempts(deps: Deps, login: string, times: number, clientAddress: string) {
    const seen: { reason: string; checks: number }[] = [];
    for (let i = 0; i < times; i++) {
      vi.mocked(verifyPassword).mockClear();
      const result = await logIn(deps, ural(login, `Wrong-guess-${i}`, clientAddress));
      seen.push({ reason: result.ok ? "ok" : result.reason, checks: vi.mocked(verifyPassword).mock.calls.length });
    }
    return seen;
  }

  const userCount = (deps: Deps) => deps.db.select({ n: count() }).from(users).get()?.n;

  it("answers exactly as an existing one, attempt after attempt, at the same cost in password checks, and creates no user", async () => {
    const { deps, admin } = await adminFixture();
    const users = userCount(deps);
    const existing = await attempts(deps, admin.login, 7, "198.51.100.7");
    const unknown = await attempts(deps, "c999999999", 7, "198.51.100.8");
    expect(existing.map((a) => a.reason)).toEqual(["invalid", "invalid", "invalid", "invalid", "locked", "locked", "locked"]);
    // Two checks for a wrong password (the password's, a temporary one's), one once locked (a temporary one's).
    expect(existing.map((a) => a.checks)).toEqual([2, 2, 2, 2, 2, 1, 1]);
    expect(unknown).toEqual(existing);
    expect(userCount(deps)).toBe(users);
  });

  it("still answers the same when someone asked for a temporary password for both", async () => {
    const { deps, admin } = await adminFixture();
    await requestPasswordReset(deps, { regionCode: "ural", login: admin.login, clientAddress: "198.51.100.9" });
    await requestPasswordReset(deps, { regionCode: "ural", login: "c999999999", clientAddress: "198.51.100.9" });
    const existing = await attempts(deps, admin.login, 7, "198.51.100.7");
    const unknown = await attempts(deps, "c999999999", 7, "198.51.100.8");
    expect(unknown).toEqual(existing);
  });

  it("stays locked while attempts keep coming, and is forgotten by the retention job after LOGIN_ATTEMPT_RETENTION_MS without one", async () => {
    const { deps } = await adminFixture();
    await attempts(deps, "c999999999", MAX_FAILED_ATTEMPTS, "198.51.100.8");
    expect(LOGIN_ATTEMPT_RETENTION_MS).toBe(30 * DAY_MS);

    deps.clock.advance(29 * DAY_MS);
    expect((await attempts(deps, "c999999999", 1, "198.51.100.8"))[0]?.reason).toBe("locked");
    deps.clock.advance(29 * DAY_MS);
    await pruneExpiredRecords(deps);
    expect((await attempts(deps, "c999999999", 1, "198.51.100.8"))[0]?.reason).toBe("locked");

    deps.clock.advance(LOGIN_ATTEMPT_RETENTION_MS + 1_000);
    await pruneExpiredRecords(deps);
    expect((await attempts(deps, "c999999999", 1, "198.51.100.8"))[0]?.reason).toBe("invalid");
  });
});

describe("attempts whose slow checks overlap", () => {
  it("does not lock when four wrong passwords and the right one arrive at once: the right one ends the run", async () => {
    const { deps, admin, password } = await adminFixture();
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => logIn(deps, ural(admin.login, i === 4 ? password : `Wrong-${i}`, `198.51.100.${20 + i}`))),
    );
    expect(results[4]).toMatchObject({ ok: true });
    expect(results.slice(0, 4).map((r) => !r.ok && r.reason)).toEqual(["invalid", "invalid", "invalid", "invalid"]);
    expect(userRow(deps, admin.id)).toMatchObject({ failedAttempts: 0, lockedAt: null });
  });
});
