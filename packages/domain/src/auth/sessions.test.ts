import { describe, expect, it } from "vitest";
import { adminFixture, authEvents, sessionsOf } from "./auth-test-fixtures.ts";
import { findSessionActor, logOutEverywhere, revokeSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./sessions.ts";

const MINUTE = 60_000;

describe("sessions", () => {
  it("keep going while they are used and end after SESSION_IDLE_MS without use", async () => {
    const { deps, admin, logInAdmin } = await adminFixture();
    const token = await logInAdmin();
    expect(findSessionActor(deps, token)).toMatchObject({
      userId: admin.id,
      login: admin.login,
      role: "company_admin",
      regionCode: "ural",
      companyId: admin.companyId,
    });

    // Two pauses just short of the idle limit: each use moves the limit on.
    deps.clock.advance(SESSION_IDLE_MS - MINUTE);
    expect(findSessionActor(deps, token)).toBeDefined();
    deps.clock.advance(SESSION_IDLE_MS - MINUTE);
    expect(findSessionActor(deps, token)).toBeDefined();

    deps.clock.advance(SESSION_IDLE_MS + 1);
    expect(findSessionActor(deps, token)).toBeUndefined();
    // Coming back does not revive it.
    expect(findSessionActor(deps, token)).toBeUndefined();
  });

  it("end SESSION_ABSOLUTE_MS after they began, however busy they were", async () => {
    const { deps, logInAdmin } = await adminFixture();
    const token = await logInAdmin();
    const step = 20 * MINUTE;
    for (let elapsed = step; elapsed <= SESSION_ABSOLUTE_MS; elapsed += step) {
      deps.clock.advance(step);
      expect(findSessionActor(deps, token), `after ${elapsed / MINUTE} minutes`).toBeDefined();
    }
    deps.clock.advance(1);
    expect(findSessionActor(deps, token)).toBeUndefined();
  });

  it("are no longer accepted after logging out, while the user's other sessions stay open", async () => {
    const { deps, admin, logInAdmin } = await adminFixture();
    const laptop = await logInAdmin();
    const phone = await logInAdmin();

    revokeSession(deps, laptop);
    const revokedAt = deps.clock.now();
    expect(findSessionActor(deps, laptop)).toBeUndefined();
    expect(findSessionActor(deps, phone)).toBeDefined();

    // Logging out twice is harmless and keeps the time of the first.
    deps.clock.advance(MINUTE);
    revokeSession(deps, laptop);
    expect(sessionsOf(deps, admin.id).map((s) => s.revokedAt)).toContainEqual(revokedAt);
  });

  it("are not found for an empty or made-up token", async () => {
    const { deps } = await adminFixture();
    expect(findSessionActor(deps, "")).toBeUndefined();
    expect(findSessionActor(deps, "made-up-token")).toBeUndefined();
  });

  it("all end at once when the user logs out everywhere (a lost phone), and the login still works", async () => {
    const { deps, admin, logInAdmin } = await adminFixture();
    const here = await logInAdmin();
    const phone = await logInAdmin();
    const actor = findSessionActor(deps, here);
    if (!actor) throw new Error("no session");
    logOutEverywhere(deps, { ...actor, clientAddress: "198.51.100.1" });
    expect(findSessionActor(deps, here)).toBeUndefined();
    expect(findSessionActor(deps, phone)).toBeUndefined();
    expect(authEvents(deps, admin.id).at(-1)).toMatchObject({ action: "auth.logged_out_everywhere", actorUserId: admin.id });
    expect(findSessionActor(deps, await logInAdmin())).toBeDefined();
  });
});
