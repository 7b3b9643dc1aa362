import { beforeAll, describe, expect, it } from "vitest";
import { adminFixture, authEvents, userRow } from "./auth-test-fixtures.ts";
import { changePassword } from "./change-password.ts";
import { logIn, MAX_FAILED_ATTEMPTS } from "./log-in.ts";
import { PASSWORD_MIN_LENGTH } from "./passwords.ts";
import { findSessionActor } from "./sessions.ts";

const NEW_PASSWORD = "Ландыш-2026-весна";

/** An administrator logged in with the temporary password from the approval SMS. */
async function loggedInAdmin() {
  const fixture = await adminFixture();
  const sessionToken = await fixture.logInAdmin();
  const actor = findSessionActor(fixture.deps, sessionToken);
  if (!actor) throw new Error("no session");
  return { ...fixture, sessionToken, actor: { ...actor, clientAddress: "198.51.100.1" } };
}

describe("changing a password", () => {
  it("clears the must-change flag of a temporary password, lets in only the new one, ends the other sessions and audits the change", async () => {
    const { deps, admin, password, actor, sessionToken, logInAdmin } = await loggedInAdmin();
    expect(actor.mustChangePassword).toBe(true);
    const otherDevice = await logInAdmin(password, "203.0.113.7");
    deps.clock.advance(60_000);

    const result = await changePassword(deps, actor, {
      currentPassword: password,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      sessionToken,
    });
    expect(result).toEqual({ ok: true });

    expect(userRow(deps, admin.id)).toMatchObject({ mustChangePassword: false, passwordChangedAt: deps.clock.now() });
    // The session that changed it carries on, now without the must-change flag; the other one ends.
    expect(findSessionActor(deps, sessionToken)).toMatchObject({ userId: admin.id, mustChangePassword: false });
    expect(findSessionActor(deps, otherDevice)).toBeUndefined();

    const ural = { regionCode: "ural", login: admin.login, clientAddress: "198.51.100.1" };
    expect(await logIn(deps, { ...ural, password })).toEqual({ ok: false, reason: "invalid" });
    expect(await logIn(deps, { ...ural, password: NEW_PASSWORD })).toMatchObject({ ok: true, mustChangePassword: false });

    expect(authEvents(deps, admin.id).find((e) => e.action === "auth.password_changed")).toMatchObject({
      actorUserId: admin.id,
      actorLabel: admin.login,
      regionCode: "ural",
      companyId: admin.companyId,
      clientAddress: "198.51.100.1",
    });
    expect(JSON.stringify(authEvents(deps, admin.id))).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong or missing current password on its field and changes nothing", async () => {
    const { deps, admin, password, actor, sessionToken } = await loggedInAdmin();
    const change = { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, sessionToken };

    expect(await changePassword(deps, actor, { ...change, currentPassword: "Not-the-password-1" })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: { code: "password.wrongCurrent" } },
    });
    expect(await changePassword(deps, actor, { ...change, currentPassword: "" })).toEqual({
      ok: false,
      fieldErrors: { currentPassword: { code: "required" } },
    });

    expect(userRow(deps, admin.id)).toMatchObject({ passwordHash: admin.passwordHash, mustChangePassword: true });
    expect(findSessionActor(deps, sessionToken)).toBeDefined();
    expect(authEvents(deps, admin.id).map((e) => e.action)).not.toContain("auth.password_changed");
    expect(await logIn(deps, { regionCode: "ural", login: admin.login, password })).toMatchObject({ ok: true });
  });

  it("locks the login and ends the session at the fifth wrong current password, as the login page would", async () => {
    const { deps, admin, actor, sessionToken } = await loggedInAdmin();
    const wrong = { currentPassword: "Not-the-password-1", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, sessionToken };
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await changePassword(deps, actor, wrong)).not.toHaveProperty("locked");
    }
    expect(findSessionActor(deps, sessionToken)).toBeDefined();
    expect(await changePassword(deps, actor, wrong)).toMatchObject({ ok: false, locked: true });
    expect(userRow(deps, admin.id).lockedAt).not.toBeNull();
    expect(findSessionActor(deps, sessionToken)).toBeUndefined();
    expect(authEvents(deps, admin.id).map((e) => e.action).slice(-2)).toEqual(["auth.wrong_current_password", "auth.locked"]);
  });

  it("refuses a confirmation that differs from the new password", async () => {
    const { deps, admin, password, actor, sessionToken } = await loggedInAdmin();
    expect(
      await changePassword(deps, actor, {
        currentPassword: password,
        newPassword: NEW_PASSWORD,
        confirmPassword: `${NEW_PASSWORD}!`,
        sessionToken,
      }),
    ).toEqual({ ok: false, fieldErrors: { confirmPassword: { code: "password.mismatch" } } });
    expect(userRow(deps, admin.id).passwordHash).toBe(admin.passwordHash);
  });

  describe("names the rule a new password breaks", () => {
    // Refusals change nothing, so one administrator serves every case.
    let fixture: Awaited<ReturnType<typeof loggedInAdmin>>;
    beforeAll(async () => {
      fixture = await loggedInAdmin();
    });

    it.each([
      ["shorter than the minimum", "Kor0tkiy", { code: "password.tooShort", params: { min: String(PASSWORD_MIN_LENGTH) } }],
      ["longer than 128 characters", `Dlinnyy-1${"x".repeat(120)}`, { code: "tooLong" }],
      ["without a digit", "Tolko-bukvy-bez-cifr", { code: "password.lettersAndDigits" }],
      ["without a letter", "1234-5678-90", { code: "password.lettersAndDigits" }],
      ["containing the login, in any case", "Moy-C100200300-parol", { code: "password.containsLogin" }],
      ["of fewer than five different characters", "abab1212ab", { code: "password.tooSimple" }],
      ["empty", "", { code: "required" }],
    ])("refuses a new password %s", async (_rule, newPassword, error) => {
      const { deps, admin, password, actor, sessionToken } = fixture;
      const result = await changePassword(deps, actor, {
        currentPassword: password,
        newPassword,
        confirmPassword: newPassword,
        sessionToken,
      });
      expect(result).toEqual({ ok: false, fieldErrors: { newPassword: error } });
      expect(userRow(deps, admin.id).passwordHash).toBe(admin.passwordHash);
    });

    it("refuses a new password the same as the current one", async () => {
      const { deps, password, actor, sessionToken } = fixture;
      const result = await changePassword(deps, actor, {
        currentPassword: password,
        newPassword: password,
        confirmPassword: password,
        sessionToken,
      });
      expect(result).toEqual({ ok: false, fieldErrors: { newPassword: { code: "password.sameAsCurrent" } } });
    });
  });
});
