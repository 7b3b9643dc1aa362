import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopPdfWorkers, submitApplication } from "@cabinet/domain";
import { applicationFormFactory } from "@cabinet/domain/testing";
import { renderApplicationPdf } from "@cabinet/pdf";
import fontkit from "@pdf-lib/fontkit";
import Database from "better-sqlite3";
import type { Command } from "commander";
import { PDFDocument } from "pdf-lib";
import { openDeps } from "../env.ts";
import { loginsPerSecond, reviewQueueSearchMs } from "./bench-access.ts";
import { defaultWebRoot, loginLatencyWhileApplying } from "./bench-concurrent.ts";
import { detailingFigures } from "./bench-detailing.ts";
import { bulkFigures } from "./bench-bulk.ts";
import { employeesImportFigure } from "./bench-employees.ts";
import { limitsRatingFigure } from "./bench-limits.ts";
import { linesListFigure } from "./bench-lines.ts";
import { savingsAdviceFigure } from "./bench-savings.ts";
import { usageRatingFigure } from "./bench-usage.ts";

/**
 * One measured figure beside its bare baseline from the same run. `ratio` says how many times
 * ours costs what the baseline costs (above 1: slower), whichever way the unit points.
 * Names are stable: scripts compare runs by them.
 */
export interface Figure {
  name: string;
  ours: number;
  baseline: number;
  ratio: number;
  unit: "ms" | "/s" | "MB";
}

interface FigureSpec {
  name: string;
  /** The table's line for people: what is measured, and against what. */
  label: string;
  baseline: string;
  measure(options: BenchOptions, log: (line: string) => void): Promise<Figure>;
}

interface BenchOptions {
  json?: boolean;
  only?: string;
  submissions: string;
  logins: string;
  applications: string;
  clients: string;
  concurrentSubmissions: string;
  web: string;
}

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

/**
 * Median of `ours` and `bare` timed alternately, so that both see the same machine: this one is
 * shared, and a burst of someone else's work would otherwise land on one side only.
 */
async function alternatingMedians(times: number, ours: () => Promise<unknown>, bare: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await Promise.all([ours(), bare()]);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < times; i++) {
    let started = performance.now();
    await ours();
    a.push(performance.now() - started);
    started = performance.now();
    await bare();
    b.push(performance.now() - started);
  }
  const mid = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  return { ours: mid(a), baseline: mid(b) };
}

async function submissionsPerSecond(count: number) {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-"));
  try {
    const deps = openDeps(join(dir, "domain.db"));
    const forms = Array.from({ length: count }, (_, i) =>
      applicationFormFactory({ accountNumber: String(300_000_000 + i), email: `bench${i}@example.com`, submissionKey: `bench-${randomUUID()}` }),
    );
    // The PDF threads started and warm, as in a running server.
    await submitApplication(deps, applicationFormFactory({ accountNumber: "299999999", email: "warm@example.com" }), { locale: "ru" });
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

const figure = (name: string, ours: number, baseline: number, unit: Figure["unit"]): Figure => ({
  name,
  ours,
  baseline,
  ratio: unit === "/s" ? baseline / ours : ours / baseline,
  unit,
});

export const figures: FigureSpec[] = [
  {
    name: "pdf.application",
    label: "render one filled application PDF, median",
    baseline: "bare pdf-lib page, same text and DejaVu font",
    async measure() {
      const { ours, baseline } = await alternatingMedians(40, () => renderApplicationPdf(sample), barePdf);
      return figure("pdf.application", ours, baseline, "ms");
    },
  },
  {
    name: "apply.submissions",
    label: "application submissions per second (file DB)",
    baseline: "raw better-sqlite3 inserts of the same rows and PDF blobs",
    async measure(options) {
      const { domainRate, bareRate } = await submissionsPerSecond(Number(options.submissions));
      return figure("apply.submissions", domainRate, bareRate, "/s");
    },
  },
  {
    name: "apply.concurrent",
    label: "GET /login p95 while clients submit applications (built server)",
    baseline: "GET /login p95 on the idle server (timed before and after the load)",
    async measure(options, log) {
      const result = await loginLatencyWhileApplying({
        webRoot: options.web,
        clients: Number(options.clients),
        submissions: Number(options.concurrentSubmissions),
        idleProbes: 400,
        log,
      });
      log(
        `apply.concurrent: ${result.loginSamples} login page loads during ${options.concurrentSubmissions} submissions by ${options.clients} clients (${result.submissionsPerSecond.toFixed(1)} submissions/s)`,
      );
      return figure("apply.concurrent", result.busyP95, result.idleP95, "ms");
    },
  },
  {
    name: "login",
    label: "logins per second (right password)",
    baseline: "bare argon2id verify of the same hash",
    async measure(options) {
      const logins = await loginsPerSecond(Number(options.logins));
      return figure("login", logins.ours, logins.baseline, "/s");
    },
  },
  {
    name: "office.search",
    label: "office queue search among N applications with PDFs, median",
    baseline: "one raw SQL query, instr over the same columns, same order and limit",
    async measure(options) {
      const pdf = await renderApplicationPdf(sample);
      const queue = await reviewQueueSearchMs(Number(options.applications), pdf, (work) => median(30, async () => work()));
      return figure("office.search", queue.ours, queue.baseline, "ms");
    },
  },
  usageRatingFigure,
  limitsRatingFigure,
  linesListFigure,
  employeesImportFigure,
  savingsAdviceFigure,
  ...bulkFigures,
  ...detailingFigures,
];

export function registerBench(program: Command) {
  program
    .command("bench")
    .description(`measure figures against bare baselines measured in the same run: ${figures.map((f) => f.name).join(", ")}`)
    .option("--json", "print the figures as a JSON array of {name, ours, baseline, ratio, unit}, and nothing else on stdout")
    .option("--only <name>", "measure one figure only")
    .option("--submissions <n>", "apply.submissions: how many applications to submit", "200")
    .option("--logins <n>", "login: how many logins to time", "40")
    .option("--applications <n>", "office.search: how many applications the searched queue holds", "3000")
    .option("--clients <n>", "apply.concurrent: how many clients submit at once", "20")
    .option("--concurrent-submissions <n>", "apply.concurrent: how many applications they submit in all", "200")
    .option("--web <dir>", "apply.concurrent: the built web app to start", defaultWebRoot)
    .action(async (options: BenchOptions) => {
      const chosen = options.only ? figures.filter((f) => f.name === options.only) : figures;
      if (chosen.length === 0) {
        console.error(`unknown figure "${options.only}"; the figures are: ${figures.map((f) => f.name).join(", ")}`);
        process.exitCode = 2;
        return;
      }
      const log = (line: string) => console.error(line);
      const measured: Figure[] = [];
      try {
        for (const spec of chosen) {
          if (!options.json) log(`measuring ${spec.name} …`);
          measured.push(await spec.measure(options, log));
        }
      } finally {
        await stopPdfWorkers();
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(measured, null, 2)}\n`);
        return;
      }
      const n = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));
      const rows = measured.map((m) => {
        const spec = figures.find((f) => f.name === m.name) as FigureSpec;
        return [m.name, spec.label, `${n(m.ours)} ${m.unit}`, `${n(m.baseline)} ${m.unit}`, `${m.ratio.toFixed(2)}×`, spec.baseline];
      });
      const header = ["name", "figure", "ours", "baseline", "ratio", "baseline is"];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
      for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd());
    });
}
