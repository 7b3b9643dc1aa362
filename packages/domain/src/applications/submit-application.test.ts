import { createHash } from "node:crypto";
import { createSmtpTransport } from "@cabinet/mail";
import { startSmtpSink } from "@cabinet/mail/testing";
import { extractPdfText } from "@cabinet/pdf/testing";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { applications, auditEvents, outboxMessages } from "../db/schema.ts";
import { deliverDueMessages } from "../outbox/deliver-due-messages.ts";
import { createSmsGateway } from "../outbox/sms-gateways.ts";
import { applicationFormFactory } from "../testing/factories.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { findApplicationStatus } from "./application-status.ts";
import { submitApplication } from "./submit-application.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function sinkAndPorts(options: { refuse?: boolean } = {}) {
  const sink = await startSmtpSink(options);
  const email = createSmtpTransport(sink.url);
  cleanups.push(() => email.close(), () => sink.close());
  return { sink, ports: { email, sms: createSmsGateway({}) } };
}

describe("submitting an access application", () => {
  it("stores it with a reference and queues both e-mails in one go, then delivers them with the PDF", async () => {
    const deps = createTestDeps();
    const result = await submitApplication(deps, applicationFormFactory(), { locale: "ru" });
    expect(result).toMatchObject({ ok: true, reference: "URL-2026-000001", duplicate: false });

    const app = deps.db.select().from(applications).get();
    expect(app?.numbers).toEqual(["+79123456789", "+79123456790", "+79123456791"]);
    expect(app?.pdfSha256).toBe(createHash("sha256").update(app?.pdf ?? "").digest("hex"));
    const queued = deps.db.select().from(outboxMessages).all();
    expect(queued.map((m) => m.recipient).sort()).toEqual(["corporate.ural@operator.example", "director@romashka.example"]);
    expect(deps.db.select().from(auditEvents).all().map((e) => e.action)).toEqual(["application.submitted"]);

    const { sink, ports } = await sinkAndPorts();
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 2, retried: 0, failed: 0 });
    const mails = await sink.waitFor(2);
    const office = mails.find((m) => m.to.includes("corporate.ural@operator.example"));
    expect(office?.subject).toContain("URL-2026-000001");
    expect(office?.subject).toContain("ООО «Ромашка»");
    const attachment = office?.attachments[0];
    expect(attachment?.filename).toBe("zayavlenie-URL-2026-000001.pdf");
    // The attachment is byte for byte the PDF on record, and its text carries the application.
    expect(createHash("sha256").update(attachment?.content ?? "").digest("hex")).toBe(app?.pdfSha256);
    const text = await extractPdfText(new Uint8Array(attachment?.content ?? []));
    expect(text).toContain("URL-2026-000001");
    expect(text).toContain("Ёлкина-Д'Арк Анна Петровна");
    expect(text).toContain(app?.verificationCode);
    // Nothing is sent twice.
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("keeps retrying while the SMTP server refuses and delivers once when it accepts, with one Message-ID", async () => {
    const deps = createTestDeps();
    await submitApplication(deps, applicationFormFactory(), { locale: "en" });
    const { sink, ports } = await sinkAndPorts({ refuse: true });

    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 2, failed: 0 });
    const afterFailure = deps.db.select().from(outboxMessages).all();
    expect(afterFailure.every((m) => m.status === "pending" && m.attempts === 1 && /451/.test(m.lastError ?? ""))).toBe(true);
    // Not due yet: the backoff holds it back.
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 0, failed: 0 });

    sink.setRefusing(false);
    deps.clock.advance(60_000);
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 2, retried: 0, failed: 0 });
    deps.clock.advance(3_600_000);
    expect(await deliverDueMessages(deps, ports)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sink.received).toHaveLength(2);
    const ids = deps.db.select({ id: outboxMessages.messageId }).from(outboxMessages).all().map((r) => r.id);
    expect(sink.received.map((m) => m.messageId).sort()).toEqual(ids.sort());
    const applicant = sink.received.find((m) => m.to.includes("director@romashka.example"));
    expect(applicant?.subject).toBe("Application URL-2026-000001 received");
  });

  it("creates one application for a double submit of the same form, and for the same application sent again", async () => {
    const deps = createTestDeps();
    const form = applicationFormFactory();
    const [a, b] = await Promise.all([
      submitApplication(deps, form, { locale: "ru" }),
      submitApplication(deps, form, { locale: "ru" }),
    ]);
    const again = await submitApplication(deps, { ...form, submissionKey: "another-form-instance-123" }, { locale: "ru" });
    expect(a.ok && b.ok && again.ok).toBe(true);
    if (!a.ok || !b.ok || !again.ok) return;
    expect(new Set([a.reference, b.reference, again.reference]).size).toBe(1);
    expect(again.duplicate).toBe(true);
    expect(deps.db.select().from(applications).all()).toHaveLength(1);
    expect(deps.db.select().from(outboxMessages).all()).toHaveLength(2);
  });

  it("numbers references per region and year, in the region's time zone", async () => {
    const deps = createTestDeps();
    // 31 Dec 2026 20:00 UTC is already 1 Jan 2027 in Yekaterinburg (UTC+5).
    deps.clock.set(new Date("2026-12-31T20:00:00Z"));
    const ural = await submitApplication(deps, applicationFormFactory(), { locale: "ru" });
    const moscow = await submitApplication(
      deps,
      applicationFormFactory({ regionCode: "moscow", accountNumber: "555000111" }),
      { locale: "ru" },
    );
    expect(ural.ok && ural.reference).toBe("URL-2027-000001");
    expect(moscow.ok && moscow.reference).toBe("MSK-2026-000001");
  });

  it("changes nothing when the input is invalid", async () => {
    const deps = createTestDeps();
    const result = await submitApplication(deps, applicationFormFactory({ numbers: "12345" }), { locale: "ru" });
    expect(result.ok).toBe(false);
    expect(deps.db.select().from(applications).all()).toHaveLength(0);
    expect(deps.db.select().from(outboxMessages).all()).toHaveLength(0);
  });

  it("shows the status only to someone with both the reference and the e-mail", async () => {
    const deps = createTestDeps();
    const result = await submitApplication(deps, applicationFormFactory(), { locale: "ru" });
    if (!result.ok) throw new Error("not submitted");
    expect(findApplicationStatus(deps, { reference: result.reference.toLowerCase(), email: "Director@Romashka.example" })?.status).toBe("submitted");
    expect(findApplicationStatus(deps, { reference: result.reference, email: "someone@else.example" })).toBeUndefined();
    expect(findApplicationStatus(deps, { reference: "URL-2026-000999", email: "director@romashka.example" })).toBeUndefined();
    const app = deps.db.select().from(applications).where(eq(applications.reference, result.reference)).get();
    expect(app?.status).toBe("submitted");
  });
});
