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
import { logIn, MAX_FAILED_ATTEMPTS, MAX_FAILURES_PER_ADDRESS, RESET_PASSWORD_TTL_MS } from "./log-in.ts";
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
  const ask = (deps: Deps, login: string, clientAddress = "10.2.2.2") =>
    requestPasswordReset(deps, { regionCode: "ural", login, clientAddress });
  const smsTo = (deps: Deps) => outbox(deps).filter((m) => m.channel === "sms");

  it("sends one SMS with a temporary password, and the current password keeps working: asking locks nobody out", async () => {
    const { deps, admin, logInAdmin, password } = await adminFixture();
    const session = await logInAdmin();
    const before = smsTo(deps).length;

    expect(await ask(deps, ` ${admin.login.toUpperCase()} `)).toEqual({ ok: true });

    const queued = smsTo(deps).slice(before);
    expect(queued).toEqual([expect.objectContaining({ recipient: CONTACT_NUMBER, regionCode: "ural" })]);
    expect(queued[0]?.text).toContain(`/login?region=ural`);
    const temporary = temporaryPasswordIn(queued[0]?.text ?? "");
    expect(findSessionActor(deps, session)).toBeDefined();
    expect(userRow(deps, admin.id).passwordHash).toBe(admin.passwordHash);
    expect(authEvents(deps, admin.id).at(-1)).toMatchObject({
      action: "auth.password_reset_requested",
      actorUserId: null,
      actorLabel: "anonymous",
      clientAddress: "10.2.2.2",
    });

    // The owner remembered the password after all: the temporary one is void.
    expect(await logIn(deps, ural(admin.login, password))).toMatchObject({ ok: true });
    expect(await logIn(deps, ural(admin.login, temporary))).toEqual({ ok: false, reason: "invalid" });
  });

  it("opens a locked login with the temporary password only, unlocks it, ends its sessions and asks for a new password", async () => {
    const { deps, admin, logInAdmin, password } = await adminFixture();
    const session = await logInAdmin();
    await lock(deps, admin.login);
    await ask(deps, admin.login);
    const temporary = temporaryPasswordIn(smsTo(deps).at(-1)?.text ?? "");

    expect(await logIn(deps, ural(admin.login, password))).toEqual({ ok: false, reason: "locked" });
    expect(await logIn(deps, ural(admin.login, temporary))).toMatchObject({ ok: true, mustChangePassword: true });
    expect(userRow(deps, admin.id)).toMatchObject({ lockedAt: null, failedAttempts: 0, mustChangePassword: true, resetPasswordHash: null });
    expect(findSessionActor(deps, session)).toBeUndefined();
    expect(authEvents(deps, admin.id).map((e) => e.action).slice(-2)).toEqual(["auth.reset_password_used", "auth.login_succeeded"]);
    // Used once, it is now the password (to be changed); the old one is gone.
    expect(await logIn(deps, ural(admin.login, password))).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires a temporary password not used within RESET_PASSWORD_TTL_MS", async () => {
    const { deps, admin } = await adminFixture();
    await lock(deps, admin.login);
    await ask(deps, admin.login);
    const temporary = temporaryPasswordIn(smsTo(deps).at(-1)?.text ?? "");
    deps.clock.advance(RESET_PASSWORD_TTL_MS + 1_000);
    expect(await logIn(deps, ural(admin.login, temporary))).toEqual({ ok: false, reason: "locked" });
  });

  it("queues nothing for an unknown login, a staff login or another region's login, and answers just the same", async () => {
    const { deps, staff, admin } = await adminFixture();
    const queuedBefore = outbox(deps).length;

    for (const request of [
      { regionCode: "ural", login: "c999999999" },
      { regionCode: "ural", login: staff.login },
      { regionCode: "moscow", login: admin.login },
    ]) {
      expect(await requestPasswordReset(deps, request)).toEqual({ ok: true });
    }

    expect(outbox(deps)).toHaveLength(queuedBefore);
    expect(userRow(deps, admin.id)).toMatchObject({ passwordHash: admin.passwordHash, resetPasswordHash: null });
  });

  it("sends nothing more within RESET_COOLDOWN_MS, then a new password that replaces the unused one; no e-mail ever carries one", async () => {
    const { deps, admin, password: approvalPassword } = await adminFixture();
    await lock(deps, admin.login);
    const before = smsTo(deps).length;

    await Promise.all([ask(deps, admin.login), ask(deps, admin.login)]);
    expect(smsTo(deps)).toHaveLength(before + 1);
    const first = temporaryPasswordIn(smsTo(deps).at(-1)?.text ?? "");
    deps.clock.advance(RESET_COOLDOWN_MS - 1_000);
    await ask(deps, admin.login);
    expect(smsTo(deps)).toHaveLength(before + 1);

    deps.clock.advance(2_000);
    await ask(deps, admin.login);
    expect(smsTo(deps)).toHaveLength(before + 2);
    const second = temporaryPasswordIn(smsTo(deps).at(-1)?.text ?? "");
    expect(second).not.toBe(first);
    expect(await logIn(deps, ural(admin.login, first))).toEqual({ ok: false, reason: "locked" });
    expect(await logIn(deps, ural(admin.login, second))).toMatchObject({ ok: true });

    const emails = outbox(deps).filter((m) => m.channel === "email");
    expect(emails.length).toBeGreaterThan(0); // the approval's e-mail to the applicant
    for (const email of emails) {
      for (const password of [approvalPassword, first, second]) {
        expect(`${email.subject} ${email.text} ${email.html}`).not.toContain(password);
      }
    }
  });

  it("makes an address that keeps asking wait, without sending more", async () => {
    const { deps, admin } = await adminFixture();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) await ask(deps, `c10000000${i}`, "203.0.113.9");
    const before = outbox(deps).length;
    expect(await ask(deps, admin.login, "203.0.113.9")).toEqual({ ok: false, reason: "throttled" });
    expect(outbox(deps)).toHaveLength(before);
    expect(await ask(deps, admin.login, "203.0.113.10")).toEqual({ ok: true });
  });

  it("counts a burst of requests from one address before hashing any, so no more than the limit get through", async () => {
    const { deps } = await adminFixture();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ask(deps, `c20000000${i}`, "203.0.113.11")));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_FAILURES_PER_ADDRESS);
  });
});
