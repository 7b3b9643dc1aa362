import { describe, expect, it } from "vitest";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import {
  actorOf,
  adminFixture,
  authEvents,
  CONTACT_NUMBER,
  outbox,
  sessionsOf,
  temporaryPasswordIn,
  userRow,
} from "./auth-test-fixtures.ts";
import { logIn, MAX_FAILED_ATTEMPTS } from "./log-in.ts";
import { findSessionActor } from "./sessions.ts";
import { issuePasswordByStaff, RESET_COOLDOWN_MS, requestPasswordReset } from "./temporary-passwords.ts";

const ural = (login: string, password: string) => ({ regionCode: "ural", login, password, clientAddress: "198.51.100.1" });

async function lock(deps: Deps, login: string) {
  for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await logIn(deps, ural(login, `Wrong-guess-${i}`));
}

async function expectDomainError(work: () => Promise<unknown>, code: DomainError["code"]) {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

describe("office staff unlocking a company administrator", () => {
  it("unlocks with a new temporary password sent by SMS to the contact number, ends the old sessions, and only the new password works", async () => {
    const { deps, staff, admin, password, logInAdmin } = await adminFixture();
    const oldSession = await logInAdmin();
    await lock(deps, admin.login);
    expect(userRow(deps, admin.id).lockedAt).not.toBeNull();
    const queuedBefore = outbox(deps).length;

    await issuePasswordByStaff(deps, { ...staff, clientAddress: "10.1.1.1" }, admin.id);

    const queued = outbox(deps).slice(queuedBefore);
    expect(queued).toEqual([
      expect.objectContaining({
        channel: "sms",
        recipient: CONTACT_NUMBER,
        regionCode: "ural",
        topic: `user:${admin.id}`,
        status: "pending",
      }),
    ]);
    const sms = queued[0]?.text ?? "";
    expect(sms).toContain(`Логин: ${admin.login}`);
    expect(sms).toContain("http://cabinet.test/login?region=ural");
    const temporary = temporaryPasswordIn(sms);
    expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(temporary).not.toBe(password);

    expect(userRow(deps, admin.id)).toMatchObject({ lockedAt: null, failedAttempts: 0, mustChangePassword: true });
    // Unlocked, yet the session from before stays ended: it was revoked, not merely blocked by the lock.
    expect(findSessionActor(deps, oldSession)).toBeUndefined();
    expect(sessionsOf(deps, admin.id).every((s) => s.revokedAt !== null)).toBe(true);

    expect(await logIn(deps, ural(admin.login, password))).toEqual({ ok: false, reason: "invalid" });
    expect(await logIn(deps, ural(admin.login, temporary))).toMatchObject({ ok: true, mustChangePassword: true });

    expect(authEvents(deps, admin.id).find((e) => e.action === "auth.unlocked_by_staff")).toMatchObject({
      actorUserId: staff.userId,
      actorLabel: staff.login,
      regionCode: "ural",
      companyId: admin.companyId,
      clientAddress: "10.1.1.1",
      before: { locked: true },
      after: { locked: false, mustChangePassword: true },
    });
  });

  it("answers not_found to staff of another region, or for a login that is not a company administrator, and changes nothing", async () => {
    const { deps, staff, moscowStaff, admin } = await adminFixture();
    await lock(deps, admin.login);
    const adminBefore = userRow(deps, admin.id);
    const queuedBefore = outbox(deps).length;
    const eventsBefore = authEvents(deps, admin.id).length;

    await expectDomainError(() => issuePasswordByStaff(deps, moscowStaff, admin.id), "not_found");
    await expectDomainError(() => issuePasswordByStaff(deps, staff, staff.userId), "not_found");
    await expectDomainError(() => issuePasswordByStaff(deps, staff, 999_999), "not_found");

    expect(userRow(deps, admin.id)).toEqual(adminBefore);
    expect(outbox(deps)).toHaveLength(queuedBefore);
    expect(authEvents(deps, admin.id)).toHaveLength(eventsBefore);
  });

  it("forbids a company administrator to issue passwords, even their own", async () => {
    const { deps, admin } = await adminFixture();
    const queuedBefore = outbox(deps).length;
    await expectDomainError(() => issuePasswordByStaff(deps, actorOf(admin), admin.id), "forbidden");
    expect(userRow(deps, admin.id).passwordHash).toBe(admin.passwordHash);
    expect(outbox(deps)).toHaveLength(queuedBefore);
  });
});

describe("asking for a new password because the old one is forgotten", () => {
  it("sends an existing administrator one SMS with a new temporary password and unlocks the login", async () => {
    const { deps, admin, password } = await adminFixture();
    await lock(deps, admin.login);
    const queuedBefore = outbox(deps).length;

    await expect(
      requestPasswordReset(deps, { regionCode: "ural", login: ` ${admin.login.toUpperCase()} `, clientAddress: "10.2.2.2" }),
    ).resolves.toBeUndefined();

    const queued = outbox(deps).slice(queuedBefore);
    expect(queued).toEqual([expect.objectContaining({ channel: "sms", recipient: CONTACT_NUMBER, regionCode: "ural" })]);
    const temporary = temporaryPasswordIn(queued[0]?.text ?? "");
    expect(userRow(deps, admin.id)).toMatchObject({ lockedAt: null, failedAttempts: 0, mustChangePassword: true });
    expect(await logIn(deps, ural(admin.login, password))).toEqual({ ok: false, reason: "invalid" });
    expect(await logIn(deps, ural(admin.login, temporary))).toMatchObject({ ok: true, mustChangePassword: true });
    expect(authEvents(deps, admin.id).find((e) => e.action === "auth.password_reset_requested")).toMatchObject({
      actorUserId: null,
      actorLabel: "anonymous",
      clientAddress: "10.2.2.2",
    });
  });

  it("queues nothing for an unknown login, a staff login or another region's login, and answers just the same", async () => {
    const { deps, staff, admin } = await adminFixture();
    const queuedBefore = outbox(deps).length;

    for (const request of [
      { regionCode: "ural", login: "c999999999" },
      { regionCode: "ural", login: staff.login },
      { regionCode: "moscow", login: admin.login },
    ]) {
      await expect(requestPasswordReset(deps, request)).resolves.toBeUndefined();
    }

    expect(outbox(deps)).toHaveLength(queuedBefore);
    expect(userRow(deps, admin.id).passwordHash).toBe(admin.passwordHash);
  });

  it("sends nothing more when asked again within RESET_COOLDOWN_MS, and sends a new password after it; no e-mail ever carries one", async () => {
    const { deps, admin, password: approvalPassword } = await adminFixture();
    const sms = () => outbox(deps).filter((m) => m.channel === "sms");
    const request = () => requestPasswordReset(deps, { regionCode: "ural", login: admin.login });
    const smsBefore = sms().length;

    await request();
    expect(sms()).toHaveLength(smsBefore + 1);
    const first = temporaryPasswordIn(sms().at(-1)?.text ?? "");

    deps.clock.advance(RESET_COOLDOWN_MS - 1_000);
    await request();
    expect(sms()).toHaveLength(smsBefore + 1);
    // The password just sent still works: a repeated request must not silently replace it.
    expect(await logIn(deps, ural(admin.login, first))).toMatchObject({ ok: true });

    deps.clock.advance(2_000);
    await request();
    expect(sms()).toHaveLength(smsBefore + 2);
    const second = temporaryPasswordIn(sms().at(-1)?.text ?? "");
    expect(second).not.toBe(first);
    expect(await logIn(deps, ural(admin.login, first))).toEqual({ ok: false, reason: "invalid" });
    expect(await logIn(deps, ural(admin.login, second))).toMatchObject({ ok: true });

    const emails = outbox(deps).filter((m) => m.channel === "email");
    expect(emails.length).toBeGreaterThan(0); // the approval's e-mail to the applicant
    for (const email of emails) {
      for (const password of [approvalPassword, first, second]) {
        expect(`${email.subject} ${email.text} ${email.html}`).not.toContain(password);
      }
    }
  });
});
