import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSmtpTransport } from "@cabinet/mail";
import { type SmtpSink, startSmtpSink } from "@cabinet/mail/testing";
import { unzipSync } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor.ts";
import { DomainError } from "../../errors.ts";
import { runDueJobs, runPeriodicTasks } from "../../jobs/job-runner.ts";
import { deliverDueMessages } from "../../outbox/deliver-due-messages.ts";
import { createSmsGateway } from "../../outbox/sms-gateways.ts";
import { csvPhoneNumber } from "../../shared/phone-numbers.ts";
import type { TestClock } from "../../testing/test-deps.ts";
import { rateUsageEvents, type UsageEventInput } from "../../usage/rate-usage-events.ts";
import { addCompany, usageFixture } from "../../usage/usage-test-fixtures.ts";
import type { Deps } from "../../deps.ts";
import { pruneDetailingFiles } from "./detailing-files.ts";
import { checkDetailingPeriod, detailingWindow } from "./detailing-period.ts";
import { detailingDownload, detailingOrderForm, getDetailingOrder, listDetailingOrders } from "./detailing-orders.ts";
import { type DetailingOrderInput, placeDetailingOrder } from "./place-detailing-order.ts";

const DAY_MS = 86_400_000;

// ─── The period: the last six full billing months and the current one, in the region's zone ────
describe("the period of an order", () => {
  // 15:30 UTC on 30 November: 20:30 in Yekaterinburg (still November), 01:30 on 1 December in Vladivostok.
  const now = new Date("2026-11-30T15:30:00Z");

  it("starts on the first day of the sixth month before the current one, and ends today, each in the region's own calendar", () => {
    expect(detailingWindow("Asia/Yekaterinburg", now)).toEqual({ earliest: "2026-05-01", latest: "2026-11-30" });
    expect(detailingWindow("Asia/Vladivostok", now)).toEqual({ earliest: "2026-06-01", latest: "2026-12-01" });
  });

  it("accepts the earliest day and today, and refuses the day before the earliest naming the earliest allowed date (Ural)", () => {
    const ok = checkDetailingPeriod("Asia/Yekaterinburg", now, { from: "2026-05-01", to: "2026-11-30" });
    expect(ok).toEqual({
      ok: true,
      period: {
        from: "2026-05-01",
        to: "2026-11-30",
        // Midnight in Yekaterinburg (UTC+5), to the midnight after the last day.
        fromMs: Date.parse("2026-04-30T19:00:00Z"),
        toMs: Date.parse("2026-11-30T19:00:00Z"),
      },
    });
    expect(checkDetailingPeriod("Asia/Yekaterinburg", now, { from: "2026-04-30", to: "2026-11-30" })).toEqual({
      ok: false,
      fieldErrors: { from: { code: "details.period.tooEarly", params: { earliest: "01.05.2026" } } },
    });
    // Tomorrow for Ural is today in Vladivostok: refused here, naming today.
    expect(checkDetailingPeriod("Asia/Yekaterinburg", now, { from: "2026-11-01", to: "2026-12-01" })).toEqual({
      ok: false,
      fieldErrors: { to: { code: "details.period.future", params: { latest: "30.11.2026" } } },
    });
  });

  it("moves the earliest day a month on in the Far East, where the new month has already begun", () => {
    expect(checkDetailingPeriod("Asia/Vladivostok", now, { from: "2026-05-31", to: "2026-06-30" })).toEqual({
      ok: false,
      fieldErrors: { from: { code: "details.period.tooEarly", params: { earliest: "01.06.2026" } } },
    });
    const ok = checkDetailingPeriod("Asia/Vladivostok", now, { from: "2026-06-01", to: "2026-12-01" });
    expect(ok).toMatchObject({ ok: true, period: { fromMs: Date.parse("2026-05-31T14:00:00Z"), toMs: Date.parse("2026-12-01T14:00:00Z") } });
  });

  it("refuses a period that ends before it starts, and a date that is not one", () => {
    expect(checkDetailingPeriod("Asia/Yekaterinburg", now, { from: "2026-11-20", to: "2026-11-10" })).toEqual({
      ok: false,
      fieldErrors: { to: { code: "details.period.reversed" } },
    });
    expect(checkDetailingPeriod("Asia/Yekaterinburg", now, { from: "2026-02-30", to: "" })).toEqual({
      ok: false,
      fieldErrors: { from: { code: "details.period.date" }, to: { code: "required" } },
    });
  });
});

// ─── Orders of a Ural company with usage ───────────────────────────────────────────────────────
let n = 0;
const event = (msisdn: string, startedAt: number, extra: Partial<UsageEventInput> = {}): UsageEventInput => ({
  eventId: `d-${++n}`,
  msisdn,
  startedAt,
  kind: "call_out",
  roaming: false,
  durationSeconds: 61 + (n % 300),
  otherParty: "+79990000000",
  ...extra,
});

interface Fixture {
  deps: Deps & { clock: TestClock };
  admin: Actor;
  otherAdmin: Actor;
  salesId: number;
  otherDepartmentId: number;
  salesLines: string[];
  filesDir: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function fixture(): Fixture {
  const { deps, ural, other } = usageFixture();
  const filesDir = mkdtempSync(join(tmpdir(), "detailing-orders-"));
  dirs.push(filesDir);
  deps.config.detailing = { filesDir };
  deps.clock.set(new Date("2026-11-25T09:00:00Z"));
  const more = addCompany(deps, { regionCode: "ural", name: "ООО «Третья»", accountNumber: "500000005", msisdns: ["+79120000050"], login: "third" });
  void more;
  const sqlite = deps.db.$client;
  const department = (companyId: number, name: string) =>
    sqlite.prepare("insert into departments (company_id, name, name_folded, created_at) values (?, ?, ?, ?) returning id").pluck().get(companyId, name, name.toLowerCase(), 0) as number;
  const salesId = department(ural.companyId, "Продажи");
  const otherDepartmentId = department(other.companyId, "Продажи");
  sqlite.prepare("update lines set department_id = ?, employee_name = 'Иванов Сергей' where msisdn = '+79120000001'").run(salesId);
  sqlite.prepare("update lines set department_id = ? where company_id = ?").run(otherDepartmentId, other.companyId);
  const base = Date.parse("2026-11-02T06:00:00Z");
  const events: UsageEventInput[] = [];
  for (let i = 0; i < 40; i++) {
    events.push(event("+79120000001", base + i * 3_600_000));
    events.push(event("+79120000002", base + i * 3_600_000 + 60_000, { kind: "sms_out", durationSeconds: null }));
    events.push(event("+79120000099", base + i * 3_600_000 + 120_000));
  }
  // Before the period and after it: not in the file.
  events.push(event("+79120000001", Date.parse("2026-10-31T18:59:00Z")));
  expect(rateUsageEvents(deps, events).refused).toEqual([]);
  return { deps, admin: ural.admin, otherAdmin: other.admin, salesId, otherDepartmentId, salesLines: ["+79120000001"], filesDir };
}

const order = (overrides: Partial<DetailingOrderInput> = {}): DetailingOrderInput => ({
  from: "2026-11-01",
  to: "2026-11-25",
  lines: { kind: "all" },
  format: "csv",
  zip: false,
  email: "Admin@Uraltest.example",
  locale: "ru",
  ...overrides,
});

function placed(deps: Deps, admin: Actor, input: DetailingOrderInput): number {
  const result = placeDetailingOrder(deps, admin, input);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.fieldErrors)}`);
  return result.orderId;
}

const jobCount = (deps: Deps) => deps.db.$client.prepare("select count(*) from jobs").pluck().get() as number;

/** The CSV's data rows (BOM, `;`, CRLF, a header row). */
function csvRows(bytes: Uint8Array): string[][] {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split("\r\n").filter(Boolean);
  return lines.slice(1).map((line) => line.split(";"));
}

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
afterEach(() => {
  sink.received.length = 0;
});

async function deliver(deps: Deps) {
  return deliverDueMessages(deps, { email: createSmtpTransport(sink.url), sms: createSmsGateway({}) });
}

describe("ordering call details", () => {
  it("refuses a period outside the window with a message naming the earliest date, and stores nothing", () => {
    const { deps, admin } = fixture();
    expect(placeDetailingOrder(deps, admin, order({ from: "2026-04-30" }))).toEqual({
      ok: false,
      fieldErrors: { from: { code: "details.period.tooEarly", params: { earliest: "01.05.2026" } } },
    });
    expect(jobCount(deps)).toBe(0);
  });

  it("takes a department's lines, produces a ZIP of CSV in the background and e-mails it as an attachment through SMTP", async () => {
    const { deps, admin, salesId } = fixture();
    const orderId = placed(deps, admin, order({ lines: { kind: "department", departmentId: salesId }, zip: true }));
    expect(getDetailingOrder(deps, admin, orderId)).toMatchObject({ status: "queued", progressTotal: 40, lines: { kind: "department", name: "Продажи" } });
    expect(await runDueJobs(deps)).toBe(1);
    const done = getDetailingOrder(deps, admin, orderId);
    expect(done).toMatchObject({ status: "done", rows: 40, delivery: "attachment", downloadable: true, email: "admin@uraltest.example" });
    expect(done.expiresAt?.getTime()).toBe(deps.clock.now().getTime() + 7 * DAY_MS);

    expect(await deliver(deps)).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = await sink.waitFor(1);
    expect(mail?.to).toEqual(["admin@uraltest.example"]);
    expect(mail?.subject).toBe(`Детализация № ${orderId} за 01.11.2026 – 25.11.2026 готова`);
    expect(mail?.text).toContain("отдел «Продажи»");
    expect(mail?.attachments).toHaveLength(1);
    const attachment = mail?.attachments[0];
    expect(attachment?.filename).toMatch(/\.zip$/);
    const entries = unzipSync(new Uint8Array(attachment?.content ?? []));
    const [csvName] = Object.keys(entries);
    expect(csvName).toMatch(/\.csv$/);
    const rows = csvRows(entries[csvName as string] as Uint8Array);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set([csvPhoneNumber("+79120000001")]));
    // The attachment is the file the cabinet offers for download.
    const download = detailingDownload(deps, admin, orderId);
    if (!download.ok) throw new Error("not downloadable");
    expect(new Uint8Array(readFileSync(download.path))).toEqual(new Uint8Array(attachment?.content ?? []));
  });

  it("attaches a file up to the attachment limit and sends a link to the cabinet's download above it", async () => {
    const { deps, admin } = fixture();
    const first = placed(deps, admin, order());
    await runDueJobs(deps);
    const size = getDetailingOrder(deps, admin, first).bytes as number;
    expect(size).toBeGreaterThan(1000);

    deps.config.detailing = { ...deps.config.detailing, attachmentLimitBytes: size };
    const atLimit = placed(deps, admin, order());
    await runDueJobs(deps);
    deps.config.detailing = { ...deps.config.detailing, attachmentLimitBytes: size - 1 };
    const aboveLimit = placed(deps, admin, order());
    await runDueJobs(deps);
    expect(getDetailingOrder(deps, admin, atLimit)).toMatchObject({ bytes: size, delivery: "attachment" });
    expect(getDetailingOrder(deps, admin, aboveLimit)).toMatchObject({ bytes: size, delivery: "link" });

    await deliver(deps);
    const mails = await sink.waitFor(3);
    const byOrder = (id: number) => mails.find((m) => m.subject.includes(`№ ${id} `));
    expect(byOrder(atLimit)?.attachments).toHaveLength(1);
    const linked = byOrder(aboveLimit);
    expect(linked?.attachments).toEqual([]);
    expect(linked?.text).toContain(`http://cabinet.test/cabinet/details/${aboveLimit}/download`);
    expect(linked?.text).toContain("Ссылка действует до 02.12.2026 14:00");
  });

  it("lets the file be downloaded until its link expires, then says it expired and deletes the file", async () => {
    const { deps, admin, filesDir } = fixture();
    deps.config.detailing = { filesDir, linkLifetimeMs: 2 * DAY_MS };
    const orderId = placed(deps, admin, order({ format: "xlsx" }));
    await runDueJobs(deps);
    const download = detailingDownload(deps, admin, orderId);
    expect(download).toMatchObject({ ok: true, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const path = download.ok ? download.path : "";
    expect(existsSync(path)).toBe(true);

    deps.clock.advance(2 * DAY_MS - 1000);
    expect(detailingDownload(deps, admin, orderId).ok).toBe(true);
    await runPeriodicTasks(deps);
    expect(existsSync(path)).toBe(true);

    deps.clock.advance(1000);
    expect(detailingDownload(deps, admin, orderId)).toEqual({ ok: false, expiredAt: deps.clock.now() });
    expect(listDetailingOrders(deps, admin)[0]).toMatchObject({ id: orderId, downloadable: false });
    await runPeriodicTasks(deps);
    expect(existsSync(path)).toBe(false);
  });

  it("deletes a half-written file a day after a crashed run left it, and a file no order points at; leaves a fresh one", async () => {
    const { deps, admin, filesDir } = fixture();
    const orderId = placed(deps, admin, order());
    await runDueJobs(deps);
    const kept = detailingDownload(deps, admin, orderId);
    const now = deps.clock.now().getTime() / 1000;
    const file = (name: string, ageSeconds: number) => {
      const path = join(filesDir, name);
      writeFileSync(path, "x");
      utimesSync(path, now - ageSeconds, now - ageSeconds);
      return path;
    };
    const crashed = file(`${orderId}-00000000-0000-4000-8000-000000000001.csv.part`, 2 * 86_400);
    const writing = file(`${orderId + 1}-00000000-0000-4000-8000-000000000002.csv.part`, 60);
    const orphan = file(`${orderId}-00000000-0000-4000-8000-000000000003.csv`, 2 * 86_400);
    const unrelated = file("notes.txt", 10 * 86_400);
    expect(pruneDetailingFiles(deps)).toBe(2);
    expect([crashed, writing, orphan, unrelated].map(existsSync)).toEqual([false, true, false, true]);
    expect(kept.ok && existsSync(kept.path)).toBe(true);
  });

  it("refuses a PDF longer than the writers' limit, offering CSV or XLSX, and takes the same lines as CSV", () => {
    const { deps, admin } = fixture();
    const many: UsageEventInput[] = [];
    const start = Date.parse("2026-11-10T00:00:00Z");
    for (let i = 0; i < 20_000; i++) many.push(event("+79120000002", start + i * 10_000, { kind: "sms_out", durationSeconds: null }));
    rateUsageEvents(deps, many);
    const refused = placeDetailingOrder(deps, admin, order({ format: "pdf" }));
    expect(refused).toEqual({ ok: false, fieldErrors: { format: { code: "detailing_pdf_too_large", params: { rows: "20080", max: "20000" } } } });
    expect(jobCount(deps)).toBe(0);
    expect(placeDetailingOrder(deps, admin, order({ format: "csv" })).ok).toBe(true);
  });

  it("takes one line by its number as typed, and defaults the e-mail to the administrator's last order", () => {
    const { deps, admin } = fixture();
    expect(detailingOrderForm(deps, admin).email).toBe("");
    const orderId = placed(deps, admin, order({ lines: { kind: "line", number: "8 (912) 000-00-02" } }));
    expect(getDetailingOrder(deps, admin, orderId).lines).toEqual({ kind: "line", msisdn: "+79120000002" });
    expect(detailingOrderForm(deps, admin).email).toBe("admin@uraltest.example");
  });
});

describe("tenancy of orders and downloads", () => {
  it("shows and serves an order to its own company's administrators only: another company's is not found", async () => {
    const { deps, admin, otherAdmin } = fixture();
    const orderId = placed(deps, admin, order());
    await runDueJobs(deps);
    expect(detailingDownload(deps, admin, orderId).ok).toBe(true);
    const notFound = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return error instanceof DomainError && error.code === "not_found";
      }
      return false;
    };
    expect(notFound(() => detailingDownload(deps, otherAdmin, orderId))).toBe(true);
    expect(notFound(() => getDetailingOrder(deps, otherAdmin, orderId))).toBe(true);
    expect(listDetailingOrders(deps, otherAdmin)).toEqual([]);
    // The same company's administrator in another region (another tenant there) finds nothing either.
    expect(notFound(() => detailingDownload(deps, { ...admin, regionCode: "moscow" }, orderId))).toBe(true);
  });

  it("orders nothing of another company: its department is not found, its number is not a line of yours, its ticked lines are left out", () => {
    const { deps, admin, otherDepartmentId } = fixture();
    expect(() => placeDetailingOrder(deps, admin, order({ lines: { kind: "department", departmentId: otherDepartmentId } }))).toThrow(DomainError);
    expect(placeDetailingOrder(deps, admin, order({ lines: { kind: "line", number: "+79120000099" } }))).toEqual({
      ok: false,
      fieldErrors: { line: { code: "details.line.notCompany" } },
    });
    const otherLine = deps.db.$client.prepare("select id from lines where msisdn = '+79120000099'").pluck().get() as number;
    expect(placeDetailingOrder(deps, admin, order({ lines: { kind: "selection", selection: { kind: "lines", lineIds: [otherLine] } } }))).toEqual({
      ok: false,
      fieldErrors: { lines: { code: "details.lines.none" } },
    });
    expect(jobCount(deps)).toBe(0);
  });
});
