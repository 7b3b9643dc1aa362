// Submissions racing each other on a real SQLite file: the duplicate check and the reference are
// decided in one write transaction, the PDF is rendered after it and attached in a second one, and
// an application left between the two is completed later. See submit-application.ts.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createSmtpTransport } from "@cabinet/mail";
import { startSmtpSink } from "@cabinet/mail/testing";
import { extractPdfText } from "@cabinet/pdf/testing";
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../db/open-database.ts";
import { applications, outboxMessages } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { startOutboxWorker } from "../outbox/outbox-worker.ts";
import { createSmsGateway } from "../outbox/sms-gateways.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";
import { applicationFormFactory } from "../testing/factories.ts";
import { TestClock, testConfig } from "../testing/test-deps.ts";
import { findApplicationPdf, findApplicationReceipt } from "./application-receipt.ts";
import { type RenderApplicationPdf, renderApplicationPdfInWorkers, stopPdfWorkers } from "./application-pdf.ts";
import { completeUnfinishedApplications, UNFINISHED_AFTER_MS } from "./complete-application.ts";
import { submitApplication } from "./submit-application.ts";
import { getApplicationPdfForOffice } from "../office/application-review.ts";
import { addStaff } from "../office/office-test-fixtures.ts";

const directories: string[] = [];
const databases: Db[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const db of databases.splice(0)) db.$client.close();
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => stopPdfWorkers());

function fileDeps(): Deps & { clock: TestClock; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-submit-"));
  directories.push(dir);
  const file = join(dir, "cabinet.db");
  const db = openDatabase(file);
  databases.push(db);
  seedReferenceData(db);
  return { db, clock: new TestClock(), config: testConfig, file };
}

const references = (deps: Deps) =>
  deps.db.select({ reference: applications.reference }).from(applications).orderBy(asc(applications.id)).all().map((r) => r.reference);
const consecutive = (count: number) => Array.from({ length: count }, (_, i) => `URL-2026-${String(i + 1).padStart(6, "0")}`);
const outbox = (deps: Deps) => deps.db.select().from(outboxMessages).all();

/** A renderer that fails the first `times` times, as a crash between the two steps would leave it. */
function failingRenderer(times: number): RenderApplicationPdf & { failures: number } {
  const render = Object.assign(
    async (data: Parameters<RenderApplicationPdf>[0]) => {
      if (render.failures < times) {
        render.failures++;
        throw new Error("renderer crashed");
      }
      return renderApplicationPdfInWorkers(data);
    },
    { failures: 0 },
  );
  return render;
}

describe("applications submitted at the same moment", () => {
  it("makes one application of the same content sent five times at once under five form keys", async () => {
    const deps = fileDeps();
    const form = applicationFormFactory();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => submitApplication(deps, { ...form, submissionKey: `form-instance-key-${i}-0000` }, { locale: "ru" })),
    );
    expect(new Set(results.map((r) => r.ok && r.reference))).toEqual(new Set(["URL-2026-000001"]));
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(references(deps)).toEqual(["URL-2026-000001"]);
    expect(outbox(deps)).toHaveLength(2);
    // No number was burned by the four that lost: the next application is 000002.
    const next = await submitApplication(deps, applicationFormFactory({ accountNumber: "100200301" }), { locale: "ru" });
    expect(next.ok && next.reference).toBe("URL-2026-000002");
  });

  it("gives distinct applications sent at once consecutive references, each with its PDF and e-mails", async () => {
    const deps = fileDeps();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        submitApplication(deps, applicationFormFactory({ accountNumber: String(700_000_000 + i) }), { locale: "ru" }),
      ),
    );
    expect(results.every((r) => r.ok && !r.duplicate && !r.documentsPending)).toBe(true);
    expect(references(deps)).toEqual(consecutive(12));
    expect(deps.db.select({ pdf: applications.pdf }).from(applications).all().every((a) => a.pdf !== null)).toBe(true);
    expect(outbox(deps)).toHaveLength(24);
    // Each PDF prints its own reference.
    const eleventh = deps.db.select().from(applications).where(eq(applications.reference, "URL-2026-000011")).get();
    expect(await extractPdfText(new Uint8Array(eleventh?.pdf ?? []))).toContain("URL-2026-000011");
  });

  it("makes a new application of a resubmission that corrects the owner's or the representative's name", async () => {
    const deps = fileDeps();
    const form = applicationFormFactory();
    const first = await submitApplication(deps, form, { locale: "ru" });
    // The same form sent again (back button), with the owner's name corrected.
    const ownerCorrected = await submitApplication(deps, { ...form, ownerName: "Ёлкина-Д'Арк Анна Павловна" }, { locale: "ru" });
    const representativeCorrected = await submitApplication(
      deps,
      applicationFormFactory({ representativeName: "Петров Павел Петрович" }),
      { locale: "ru" },
    );
    const again = await submitApplication(deps, form, { locale: "ru" });
    expect([first, ownerCorrected, representativeCorrected, again].map((r) => r.ok && [r.reference, r.duplicate])).toEqual([
      ["URL-2026-000001", false],
      ["URL-2026-000002", false],
      ["URL-2026-000003", false],
      ["URL-2026-000001", true],
    ]);
    const owners = deps.db.select({ owner: applications.ownerName }).from(applications).orderBy(asc(applications.id)).all();
    expect(owners.map((o) => o.owner)).toEqual(["Ёлкина-Д'Арк Анна Петровна", "Ёлкина-Д'Арк Анна Павловна", "Ёлкина-Д'Арк Анна Петровна"]);
    expect(outbox(deps)).toHaveLength(6);
  });

  it("completes an application whose PDF failed between the two steps, without losing or renumbering it", async () => {
    const deps = fileDeps();
    const renderPdf = failingRenderer(1);
    const crashed = await submitApplication(deps, applicationFormFactory(), { locale: "en" }, { renderPdf });
    expect(crashed).toMatchObject({ ok: true, reference: "URL-2026-000001", duplicate: false, documentsPending: true });
    if (!crashed.ok) return;
    // Stored with its reference; no PDF and no e-mail yet.
    expect(deps.db.select({ pdf: applications.pdf }).from(applications).get()?.pdf).toBeNull();
    expect(outbox(deps)).toHaveLength(0);
    // The receipt page works meanwhile; the office's download says it is not there yet.
    expect(findApplicationReceipt(deps, crashed.receiptToken)?.reference).toBe("URL-2026-000001");
    const staff = await addStaff(deps, "ural");
    expect(() => getApplicationPdfForOffice(deps, staff, 1)).toThrow(DomainError);
    // Numbering goes on without a gap.
    const next = await submitApplication(deps, applicationFormFactory({ accountNumber: "100200301" }), { locale: "ru" }, { renderPdf });
    expect(next.ok && next.reference).toBe("URL-2026-000002");

    // Recovery leaves young applications to their own request, then completes the abandoned one.
    expect(await completeUnfinishedApplications(deps, { renderPdf })).toEqual({ completed: 0, failed: [] });
    deps.clock.advance(UNFINISHED_AFTER_MS);
    expect(await completeUnfinishedApplications(deps, { renderPdf })).toEqual({ completed: 1, failed: [] });
    expect(await completeUnfinishedApplications(deps, { renderPdf })).toEqual({ completed: 0, failed: [] });
    const mails = outbox(deps).filter((m) => m.topic === "application:1");
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "Application URL-2026-000001 received",
      "Заявление на доступ к корпоративному кабинету URL-2026-000001 — ООО «Ромашка»",
    ]);
    const pdf = await findApplicationPdf(deps, crashed.receiptToken);
    expect(await extractPdfText(pdf?.bytes ?? new Uint8Array())).toContain("URL-2026-000001");
    expect(references(deps)).toEqual(consecutive(2));
  });

  it("renders the PDF on demand when the applicant downloads it before the recovery ran", async () => {
    const deps = fileDeps();
    const crashed = await submitApplication(deps, applicationFormFactory(), { locale: "ru" }, { renderPdf: failingRenderer(1) });
    if (!crashed.ok) throw new Error("not submitted");
    const pdf = await findApplicationPdf(deps, crashed.receiptToken);
    expect(pdf?.filename).toBe("zayavlenie-URL-2026-000001.pdf");
    expect(await extractPdfText(pdf?.bytes ?? new Uint8Array())).toContain("URL-2026-000001");
    expect(outbox(deps)).toHaveLength(2);
    // Downloading again neither renders nor queues anything more.
    expect(Buffer.from((await findApplicationPdf(deps, crashed.receiptToken))?.bytes ?? [])).toEqual(Buffer.from(pdf?.bytes ?? []));
    expect(outbox(deps)).toHaveLength(2);
  });

  it("has the outbox worker complete an abandoned application at start and deliver its e-mails with the PDF", async () => {
    const deps = fileDeps();
    await submitApplication(deps, applicationFormFactory(), { locale: "ru" }, { renderPdf: failingRenderer(1) });
    deps.clock.advance(UNFINISHED_AFTER_MS + 1000);
    const sink = await startSmtpSink();
    const email = createSmtpTransport(sink.url);
    cleanups.push(() => email.close(), () => sink.close());
    const worker = startOutboxWorker(deps, { email, sms: createSmsGateway({}) }, { intervalMs: 60_000 });
    cleanups.push(() => worker.stop());
    const mails = await sink.waitFor(2);
    expect(mails.every((m) => m.attachments[0]?.filename === "zayavlenie-URL-2026-000001.pdf")).toBe(true);
    expect(deps.db.select({ pdf: applications.pdf }).from(applications).get()?.pdf).not.toBeNull();
  });

  it("holds across two server processes submitting to one database file at once", { timeout: 120_000 }, async () => {
    const deps = fileDeps();
    const same = applicationFormFactory();
    // Each process: the same application under its own form key, and three of its own.
    const formsOf = (p: number) => [
      { ...same, submissionKey: `process-${p}-same-application` },
      ...Array.from({ length: 3 }, (_, i) => applicationFormFactory({ accountNumber: String(800_000_000 + p * 10 + i) })),
    ];
    const here = dirname(fileURLToPath(import.meta.url));
    const tsx = join(here, "..", "..", "node_modules", ".bin", "tsx");
    const startAt = Date.now() + 4000;
    const run = (p: number) =>
      promisify(execFile)(tsx, [join(here, "submit-from-another-process.fixture.ts"), JSON.stringify({ file: deps.file, startAt, forms: formsOf(p) })], {
        timeout: 100_000,
      });
    const outputs = await Promise.all([run(1), run(2)]);
    const results = outputs.flatMap((o) => JSON.parse(o.stdout.trim().split("\n").at(-1) ?? "[]")) as { reference: string; duplicate: boolean }[];
    expect(results).toHaveLength(8);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.reference)).size).toBe(7);
    expect(references(deps)).toEqual(consecutive(7));
    expect(outbox(deps)).toHaveLength(14);
  });
});
