import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.ts";
import { logIn } from "../auth/log-in.ts";
import { submitApplication } from "../applications/submit-application.ts";
import { requestPasswordReset } from "../auth/temporary-passwords.ts";
import { accounts, applications, auditEvents, companies, outboxMessages, users } from "../db/schema.ts";
import { applicationFormFactory } from "../testing/factories.ts";
import { DomainError } from "../errors.ts";
import { listSentSms } from "../outbox/sms-outbox-page.ts";
import { getApplicationForReview } from "./application-review.ts";
import { approveApplication, rejectApplication } from "./decide-application.ts";
import { addAccount, applicationRow, companyAdmins, companyCount, officeFixture, submit } from "./office-test-fixtures.ts";

const outbox = (deps: { db: import("../db/open-database.ts").Db }) => deps.db.select().from(outboxMessages).all();
const actions = (deps: { db: import("../db/open-database.ts").Db }) =>
  deps.db.select().from(auditEvents).all().map((e) => e.action);

async function expectDomainError(work: () => unknown, code: DomainError["code"]) {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected DomainError ${code}`);
}

describe("approving an access application", () => {
  it("creates the company and its administrator, queues the SMS with login and password and the e-mail without it, and audits", async () => {
    const { deps, accountId, staff } = await officeFixture();
    const app = await submit(deps);
    const before = outbox(deps).length;

    const result = await approveApplication(deps, staff, { applicationId: app.id });
    expect(result).toEqual({ ok: true, login: "c100200300" });

    const decided = applicationRow(deps, app.id);
    expect(decided).toMatchObject({ status: "approved", decidedByUserId: staff.userId, checksOverridden: false });
    expect(decided?.decidedAt).toEqual(deps.clock.now());

    const company = deps.db.select().from(companies).get();
    expect(company).toMatchObject({ name: "ООО «Ромашка»", ownerName: "Ёлкина-Д'Арк Анна Петровна", regionCode: "ural" });
    expect(deps.db.select().from(accounts).where(eq(accounts.id, accountId)).get()?.companyId).toBe(company?.id);
    expect(decided).toMatchObject({ companyId: company?.id });

    const [admin] = companyAdmins(deps);
    expect(admin).toMatchObject({
      login: "c100200300",
      regionCode: "ural",
      companyId: company?.id,
      contactMsisdn: "+79123456789",
      mustChangePassword: true,
    });
    expect(decided?.adminUserId).toBe(admin?.id);

    const queued = outbox(deps).slice(before);
    expect(queued).toHaveLength(2);
    const sms = queued.find((m) => m.channel === "sms");
    const email = queued.find((m) => m.channel === "email");
    expect(sms?.recipient).toBe("+79123456789");
    expect(sms?.text).toContain("c100200300");
    const password = /Временный пароль: (\S+)/.exec(sms?.text ?? "")?.[1] ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(sms?.text).toContain("http://cabinet.test/login?region=ural");
    expect(email?.recipient).toBe("director@romashka.example");
    expect(email?.subject).toContain(app.reference);
    expect(email?.text).toContain("c100200300");
    expect(email?.text).not.toContain(password);
    expect(email?.html).not.toContain(password);

    // The password from the SMS opens the cabinet, and must be changed at once.
    const login = await logIn(deps, { regionCode: "ural", login: "c100200300", password });
    expect(login).toMatchObject({ ok: true, mustChangePassword: true, role: "company_admin" });

    const approved = deps.db.select().from(auditEvents).where(eq(auditEvents.action, "application.approved")).get();
    expect(approved).toMatchObject({
      actorUserId: staff.userId,
      actorLabel: "staff",
      targetType: "application",
      targetId: String(app.id),
      companyId: company?.id,
      before: { status: "submitted" },
      after: { status: "approved", adminLogin: "c100200300", checksOverridden: false, failedChecks: [] },
    });
    expect(actions(deps)).toContain("user.created");
  });

  it("links a second administrator to the company the account already belongs to", async () => {
    const { deps, staff } = await officeFixture();
    const first = await submit(deps);
    expect(await approveApplication(deps, staff, { applicationId: first.id })).toMatchObject({ ok: true });
    const second = await submit(deps, { email: "deputy@romashka.example", representativeName: "Сидоров Семён Семёнович" });
    expect(await approveApplication(deps, staff, { applicationId: second.id })).toEqual({ ok: true, login: "c100200300-2" });
    expect(companyCount(deps)).toBe(1);
    expect(new Set(companyAdmins(deps).map((u) => u.companyId)).size).toBe(1);
  });

  it("requires a confirmation and a comment when a check failed, and changes nothing without them", async () => {
    const { deps, staff } = await officeFixture();
    const app = await submit(deps, { numbers: "+7 912 345-67-89\n+7 999 000-00-01" });
    const review = getApplicationForReview(deps, staff, app.id);
    expect(review.checks.find((c) => c.code === "numbers.belong")).toEqual({
      code: "numbers.belong",
      ok: false,
      foreign: ["+79990000001"],
    });
    const outboxBefore = outbox(deps).length;
    const auditBefore = actions(deps).length;

    expect(await approveApplication(deps, staff, { applicationId: app.id })).toEqual({
      ok: false,
      fieldErrors: { confirmFailedChecks: { code: "decision.confirmChecks" }, comment: { code: "decision.commentNeeded" } },
    });
    expect(await approveApplication(deps, staff, { applicationId: app.id, confirmFailedChecks: true, comment: " ok " })).toEqual({
      ok: false,
      fieldErrors: { comment: { code: "decision.commentNeeded" } },
    });
    expect(
      await approveApplication(deps, staff, { applicationId: app.id, comment: "Номер переоформлен, договор видели" }),
    ).toEqual({ ok: false, fieldErrors: { confirmFailedChecks: { code: "decision.confirmChecks" } } });
    expect(applicationRow(deps, app.id)?.status).toBe("submitted");
    expect(outbox(deps)).toHaveLength(outboxBefore);
    expect(actions(deps)).toHaveLength(auditBefore);
    expect(companyAdmins(deps)).toHaveLength(0);

    const result = await approveApplication(deps, staff, {
      applicationId: app.id,
      confirmFailedChecks: true,
      comment: "Номер переоформлен, договор видели",
    });
    expect(result).toMatchObject({ ok: true });
    expect(applicationRow(deps, app.id)).toMatchObject({
      status: "approved",
      checksOverridden: true,
      decisionComment: "Номер переоформлен, договор видели",
    });
    const audit = deps.db.select().from(auditEvents).where(eq(auditEvents.action, "application.approved")).get();
    expect(audit?.after).toMatchObject({ checksOverridden: true, failedChecks: ["numbers.belong"] });
  });

  it("refuses a comment longer than 1000 characters even when every check passed", async () => {
    const { deps, staff } = await officeFixture();
    const app = await submit(deps);
    expect(await approveApplication(deps, staff, { applicationId: app.id, comment: "x".repeat(1001) })).toEqual({
      ok: false,
      fieldErrors: { comment: { code: "tooLong" } },
    });
    expect(applicationRow(deps, app.id)?.status).toBe("submitted");
  });
});

describe("an applicant who wrote in English", () => {
  it("gets the login SMS in English, and so does a later forgotten-password SMS", async () => {
    const { deps, staff } = await officeFixture();
    const submitted = await submitApplication(deps, applicationFormFactory(), { locale: "en" });
    if (!submitted.ok) throw new Error("factory application invalid");
    const app = deps.db.select().from(applications).where(eq(applications.reference, submitted.reference)).get();
    await approveApplication(deps, staff, { applicationId: app?.id ?? 0 });
    await requestPasswordReset(deps, { regionCode: "ural", login: "c100200300" });
    const texts = outbox(deps).filter((m) => m.channel === "sms").map((m) => m.text);
    expect(texts).toEqual([
      expect.stringMatching(/^Corporate cabinet\. Login: c100200300 Temporary password: \S+ Change it when you log in: \S+\/login\?region=ural$/),
      expect.stringMatching(/^Corporate cabinet\. Login: c100200300 Temporary password: /),
    ]);
  });
});

describe("the application's trail", () => {
  it("shows the decision and then what happened to the login it created: sign-ins, lockout, new password", async () => {
    const { deps, staff } = await officeFixture();
    const app = await submit(deps);
    await approveApplication(deps, staff, { applicationId: app.id });
    const password = /Временный пароль: (\S+)/.exec(outbox(deps).find((m) => m.channel === "sms")?.text ?? "")?.[1] ?? "";
    expect((await logIn(deps, { regionCode: "ural", login: "c100200300", password })).ok).toBe(true);
    for (let i = 0; i < 5; i++) await logIn(deps, { regionCode: "ural", login: "c100200300", password: `wrong-${i}` });

    const { trail } = getApplicationForReview(deps, staff, app.id);
    expect(trail.map((e) => e.action)).toEqual([
      "application.submitted",
      "application.approved",
      "user.created",
      "auth.login_succeeded",
      ...Array(5).fill("auth.login_failed"),
      "auth.locked",
    ]);
  });
});

describe("rejecting an access application", () => {
  it("requires a reason, then queues the e-mail with it and audits", async () => {
    const { deps, staff } = await officeFixture();
    const app = await submit(deps);
    const before = outbox(deps).length;
    expect(rejectApplication(deps, staff, { applicationId: app.id, reason: "" })).toEqual({
      ok: false,
      fieldErrors: { reason: { code: "decision.reasonNeeded" } },
    });
    expect(rejectApplication(deps, staff, { applicationId: app.id, reason: "  нет \n " })).toEqual({
      ok: false,
      fieldErrors: { reason: { code: "decision.reasonNeeded" } },
    });
    expect(rejectApplication(deps, staff, { applicationId: app.id, reason: "x".repeat(1001) })).toEqual({
      ok: false,
      fieldErrors: { reason: { code: "tooLong" } },
    });
    expect(outbox(deps)).toHaveLength(before);
    expect(applicationRow(deps, app.id)?.status).toBe("submitted");

    const reason = "Лицевой счёт  оформлен\nна другое лицо";
    expect(rejectApplication(deps, staff, { applicationId: app.id, reason })).toEqual({ ok: true });
    expect(applicationRow(deps, app.id)).toMatchObject({
      status: "rejected",
      decisionComment: "Лицевой счёт оформлен на другое лицо",
      decidedByUserId: staff.userId,
      adminUserId: null,
      companyId: null,
    });
    const queued = outbox(deps).slice(before);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ channel: "email", recipient: "director@romashka.example" });
    expect(queued[0]?.text).toContain("Лицевой счёт оформлен на другое лицо");
    const audit = deps.db.select().from(auditEvents).where(eq(auditEvents.action, "application.rejected")).get();
    expect(audit).toMatchObject({
      actorUserId: staff.userId,
      targetId: String(app.id),
      before: { status: "submitted" },
      after: { status: "rejected", reason: "Лицевой счёт оформлен на другое лицо" },
    });
    expect(companyAdmins(deps)).toHaveLength(0);
  });
});

describe("deciding twice", () => {
  it("lets exactly one of two approvals started together win, with one administrator and one SMS", async () => {
    const { deps, staff } = await officeFixture();
    const { userId } = await (await import("../auth/users.ts")).createStaffUser(deps, {
      regionCode: "ural",
      login: "staff2",
      displayName: "Второй сотрудник",
      password: "Office2026demo",
    });
    const colleague: Actor = { ...staff, userId, login: "staff2" };
    const app = await submit(deps);
    const before = outbox(deps).length;

    const results = await Promise.all([
      approveApplication(deps, staff, { applicationId: app.id }),
      approveApplication(deps, colleague, { applicationId: app.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, alreadyDecided: true }]);
    expect(companyAdmins(deps)).toHaveLength(1);
    expect(companyCount(deps)).toBe(1);
    expect(outbox(deps).slice(before).filter((m) => m.channel === "sms")).toHaveLength(1);
    expect(actions(deps).filter((a) => a === "application.approved")).toHaveLength(1);
  });

  it("lets an approval and a rejection started together produce one decision", async () => {
    const { deps, staff } = await officeFixture();
    const app = await submit(deps);
    const [approved, rejected] = await Promise.all([
      approveApplication(deps, staff, { applicationId: app.id }),
      Promise.resolve().then(() => rejectApplication(deps, staff, { applicationId: app.id, reason: "Не тот лицевой счёт" })),
    ]);
    expect([approved.ok, rejected.ok].filter(Boolean)).toHaveLength(1);
    const row = applicationRow(deps, app.id);
    expect(row?.status).toBe(approved.ok ? "approved" : "rejected");
    expect(companyAdmins(deps)).toHaveLength(approved.ok ? 1 : 0);
  });

  it("puts two applications for one account approved together into one company", async () => {
    const { deps, staff } = await officeFixture();
    const first = await submit(deps);
    const second = await submit(deps, { email: "deputy@romashka.example", representativeName: "Сидоров Семён Семёнович" });
    const results = await Promise.all([
      approveApplication(deps, staff, { applicationId: first.id }),
      approveApplication(deps, staff, { applicationId: second.id }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(companyCount(deps)).toBe(1);
    const admins = companyAdmins(deps);
    expect(admins.map((u) => u.login).sort()).toEqual(["c100200300", "c100200300-2"]);
    expect(new Set(admins.map((u) => u.companyId)).size).toBe(1);
  });

  it("answers alreadyDecided to any later decision and changes nothing", async () => {
    const { deps, staff } = await officeFixture();
    const approvedApp = await submit(deps);
    await approveApplication(deps, staff, { applicationId: approvedApp.id });
    const rejectedApp = await submit(deps, { accountNumber: "555666777", email: "other@example.com" });
    rejectApplication(deps, staff, { applicationId: rejectedApp.id, reason: "Счёт не найден в регионе" });
    const outboxBefore = outbox(deps).length;
    const auditBefore = actions(deps).length;

    for (const id of [approvedApp.id, rejectedApp.id]) {
      expect(await approveApplication(deps, staff, { applicationId: id, confirmFailedChecks: true, comment: "ещё раз" })).toEqual({
        ok: false,
        alreadyDecided: true,
      });
      expect(rejectApplication(deps, staff, { applicationId: id, reason: "Передумали совсем" })).toEqual({
        ok: false,
        alreadyDecided: true,
      });
    }
    expect(applicationRow(deps, approvedApp.id)?.status).toBe("approved");
    expect(applicationRow(deps, rejectedApp.id)).toMatchObject({ status: "rejected", decisionComment: "Счёт не найден в регионе" });
    expect(outbox(deps)).toHaveLength(outboxBefore);
    expect(actions(deps)).toHaveLength(auditBefore);
    expect(companyAdmins(deps)).toHaveLength(1);
  });
});

describe("another region's staff", () => {
  it("cannot see or decide Ural's applications: not found, and nothing changes", async () => {
    const { deps, moscowStaff } = await officeFixture();
    const app = await submit(deps);
    const before = outbox(deps).length;
    await expectDomainError(() => getApplicationForReview(deps, moscowStaff, app.id), "not_found");
    await expectDomainError(() => approveApplication(deps, moscowStaff, { applicationId: app.id }), "not_found");
    await expectDomainError(
      () => rejectApplication(deps, moscowStaff, { applicationId: app.id, reason: "Чужой регион, отклоняю" }),
      "not_found",
    );
    expect(applicationRow(deps, app.id)?.status).toBe("submitted");
    expect(outbox(deps)).toHaveLength(before);
    expect(companyAdmins(deps)).toHaveLength(0);
  });

  it("does not see the SMS sent to Ural's applicants on the development SMS page", async () => {
    const { deps, staff, moscowStaff } = await officeFixture();
    const app = await submit(deps);
    await approveApplication(deps, staff, { applicationId: app.id });
    expect(listSentSms(deps, staff).map((m) => m.text)).toEqual([expect.stringContaining("Временный пароль")]);
    expect(listSentSms(deps, moscowStaff)).toEqual([]);
  });

  it("and a company administrator is refused outright", async () => {
    const { deps } = await officeFixture();
    const app = await submit(deps);
    const admin: Actor = {
      userId: 999,
      login: "vector",
      displayName: "Admin",
      role: "company_admin",
      regionCode: "ural",
      companyId: 1,
      mustChangePassword: false,
    };
    await expectDomainError(() => getApplicationForReview(deps, admin, app.id), "forbidden");
    await expectDomainError(() => approveApplication(deps, admin, { applicationId: app.id }), "forbidden");
    expect(applicationRow(deps, app.id)?.status).toBe("submitted");
  });
});

describe("an admin created in one region", () => {
  it("cannot log in to another", async () => {
    const { deps, staff } = await officeFixture();
    addAccount(deps, { regionCode: "moscow", accountNumber: "100200300", ownerName: "Кто-то Другой", msisdns: ["+79161112233"] });
    const app = await submit(deps);
    await approveApplication(deps, staff, { applicationId: app.id });
    const sms = outbox(deps).find((m) => m.channel === "sms");
    const password = /Временный пароль: (\S+)/.exec(sms?.text ?? "")?.[1] ?? "";
    expect(await logIn(deps, { regionCode: "moscow", login: "c100200300", password })).toEqual({ ok: false, reason: "invalid" });
    expect(deps.db.select().from(users).where(eq(users.regionCode, "moscow")).all().map((u) => u.login)).toEqual(["staff"]);
  });
});
