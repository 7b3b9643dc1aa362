import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { submitApplication } from "@cabinet/domain";
import { applicationFormFactory } from "@cabinet/domain/testing";
import { renderApplicationPdf } from "@cabinet/pdf";
import fontkit from "@pdf-lib/fontkit";
import Database from "better-sqlite3";
import type { Command } from "commander";
import { PDFDocument } from "pdf-lib";
import { openDeps } from "../env.ts";
import { loginsPerSecond, reviewQueueSearchMs } from "./bench-access.ts";

const sample = {
  reference: "URL-2026-000123",
  issuedOn: "25.11.2026",
  region: { nameRu: "Урал", nameEn: "Ural", officeEmail: "corporate.ural@operator.example", officePhone: "+7 343 000-00-07" },
  companyName: "ООО «Ромашка»",
  ownerName: "Ёлкина-Д'Арк Анна Петровна",
  accountNumber: "100200300",
  numbers: ["+7 912 345-67-89", "+7 912 345-67-90", "+7 912 345-67-91"],
  contactNumber: "+7 912 345-67-89",
  email: "director@romashka.example",
  representativeName: "Петров Пётр Петрович",
  verificationCode: "7KQ4-M2XD-9PLT",
  verificationUrl: "http://localhost:3000/office/verify?code=7KQ4-M2XD-9PLT",
};

const fontBytes = readFileSync(
  createRequire(createRequire(import.meta.url).resolve("@cabinet/pdf/package.json")).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
);

/** The same text with the same font on a bare pdf-lib page: what rendering costs at the least. */
async function barePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const page = doc.addPage([595, 842]);
  const lines = [sample.reference, sample.issuedOn, sample.companyName, sample.ownerName, sample.accountNumber, ...sample.numbers, sample.email, sample.representativeName, sample.verificationCode];
  lines.forEach((line, i) => {
    page.drawText(line, { x: 50, y: 780 - i * 20, size: 11, font });
  });
  return doc.save();
}

async function median(times: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

async function submissionsPerSecond(count: number) {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-"));
  try {
    const deps = openDeps(join(dir, "domain.db"));
    const forms = Array.from({ length: count }, (_, i) =>
      applicationFormFactory({ accountNumber: String(300_000_000 + i), email: `bench${i}@example.com`, submissionKey: `bench-${randomUUID()}` }),
    );
    let started = performance.now();
    for (const form of forms) await submitApplication(deps, form, { locale: "ru" });
    const domainRate = count / ((performance.now() - started) / 1000);

    // Bare: the same rows through raw better-sqlite3 into an identical schema, one transaction each.
    const bareDeps = openDeps(join(dir, "bare.db"));
    bareDeps.db.$client.close();
    const raw = new Database(join(dir, "bare.db"));
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    const pdf = Buffer.from(await renderApplicationPdf(sample));
    const insertApp = raw.prepare(
      `insert into applications (reference, region_code, company_name, owner_name, account_number, numbers, contact_number, email, representative_name, locale, status, submitted_at, submission_key, receipt_token, verification_code, pdf, pdf_sha256)
       values (?, 'ural', ?, ?, ?, ?, ?, ?, ?, 'ru', 'submitted', ?, ?, ?, ?, ?, ?)`,
    );
    const insertMessage = raw.prepare(
      `insert into outbox_messages (channel, recipient, subject, text, html, message_id, region_code, status, attempts, next_attempt_at, created_at) values ('email', ?, 's', 't', 'h', ?, 'ural', 'pending', 0, ?, ?)`,
    );
    const insertAttachment = raw.prepare(`insert into outbox_attachments (message_id, filename, content_type, content) values (?, 'f.pdf', 'application/pdf', ?)`);
    const one = raw.transaction((i: number) => {
      const now = Date.now();
      insertApp.run(`URL-2026-${i}`, "ООО «Ромашка»", "Ёлкина Анна", String(i), '["+79123456789"]', "+79123456789", `b${i}@example.com`, "Петров Пётр", now, randomUUID(), randomUUID(), randomUUID(), pdf, "x");
      for (const to of ["office@operator.example", `b${i}@example.com`]) {
        const { lastInsertRowid } = insertMessage.run(to, randomUUID(), now, now);
        insertAttachment.run(lastInsertRowid, pdf);
      }
    });
    started = performance.now();
    for (let i = 0; i < count; i++) one(i);
    const bareRate = count / ((performance.now() - started) / 1000);
    raw.close();
    deps.db.$client.close();
    return { domainRate, bareRate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function registerBench(program: Command) {
  program
    .command("bench")
    .description("measure PDF rendering and application submissions against bare baselines")
    .option("--json", "print the figures as JSON")
    .option("--submissions <n>", "how many applications to submit", "200")
    .option("--logins <n>", "how many logins to time", "40")
    .option("--applications <n>", "how many applications the searched review queue holds", "3000")
    .action(async (options: { json?: boolean; submissions: string; logins: string; applications: string }) => {
      const pdf = await renderApplicationPdf(sample);
      const pdfMs = await median(40, () => renderApplicationPdf(sample));
      const bareMs = await median(40, barePdf);
      const { domainRate, bareRate } = await submissionsPerSecond(Number(options.submissions));
      const logins = await loginsPerSecond(Number(options.logins));
      const queue = await reviewQueueSearchMs(Number(options.applications), pdf, (work) => median(30, async () => work()));
      const figures = {
        pdfRenderMedianMs: pdfMs,
        barePdfMedianMs: bareMs,
        pdfRatio: pdfMs / bareMs,
        submissionsPerSecond: domainRate,
        bareInsertsPerSecond: bareRate,
        submissionRatio: bareRate / domainRate,
        loginsPerSecond: logins.ours,
        bareArgon2VerifiesPerSecond: logins.baseline,
        loginRatio: logins.baseline / logins.ours,
        reviewQueueSearchMedianMs: queue.ours,
        bareQueueQueryMedianMs: queue.baseline,
        reviewQueueRatio: queue.ours / queue.baseline,
      };
      if (options.json) {
        console.log(JSON.stringify(figures, null, 2));
        return;
      }
      const f = (n: number) => n.toFixed(2).padStart(10);
      console.log("figure                                   ours   baseline   ratio");
      console.log(`application PDF, median ms        ${f(pdfMs)} ${f(bareMs)} ${f(pdfMs / bareMs)}  (bare pdf-lib page, same text and font)`);
      console.log(`submissions per second            ${f(domainRate)} ${f(bareRate)} ${f(bareRate / domainRate)}  (raw better-sqlite3 inserts of the same rows; ours renders the PDF too)`);
      console.log(`logins per second                 ${f(logins.ours)} ${f(logins.baseline)} ${f(logins.baseline / logins.ours)}  (bare argon2id verify of the same hash; ours adds lookup, audit, session)`);
      console.log(`office queue search, median ms    ${f(queue.ours)} ${f(queue.baseline)} ${f(queue.ours / queue.baseline)}  (${options.applications} applications with PDFs; one raw SQL query with instr, same order and limit)`);
    });
}
