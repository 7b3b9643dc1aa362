import { describe, expect, it } from "vitest";
import type { Deps } from "../deps.ts";
import { adminFixture, authEvents, userRow } from "./auth-test-fixtures.ts";
import { ADDRESS_WINDOW_MS, logIn, MAX_FAILED_ATTEMPTS, MAX_FAILURES_PER_ADDRESS } from "./log-in.ts";
import { findSessionActor } from "./sessions.ts";

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
