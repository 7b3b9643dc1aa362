// Several processes rating usage for the same lines at once on one SQLite file (two importers and
// the simulator, say): the limit check sits in each rating transaction, so exactly one event crosses
// each line's limit, nothing paid is allowed after it, and each notice goes out once.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { balanceDiscrepancies } from "../accounts/movements.ts";
import { openDatabase } from "../db/open-database.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";
import { TestClock, testConfig } from "../testing/test-deps.ts";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { addCompany } from "../usage/usage-test-fixtures.ts";
import { giveAdministratorEmail, roamingCall } from "./limit-test-fixtures.ts";
import type { DueLimitChanges } from "./limit-month-change.ts";
import { setLineLimits } from "./set-limits.ts";

const directories: string[] = [];
afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const PROCESSES = 3;
const EVENTS_PER_LINE_PER_PROCESS = 30;
/** The same events sent by every process (a file imported twice): rated once. */
const SHARED_EVENTS_PER_LINE = 5;
const LIMIT = 100_000; // 1,000 ₽: the 17th roaming minute at 59 ₽ crosses it
const MINUTE = 5_900;

describe("limits under concurrent rating by several processes", () => {
  it("crosses each line's limit exactly once, allows nothing paid after it, and sends each notice once", { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-limits-"));
    directories.push(dir);
    const file = join(dir, "cabinet.db");
    const db = openDatabase(file);
    seedReferenceData(db);
    const deps = { db, clock: new TestClock(new Date()), config: testConfig };
    const numbers = Array.from({ length: 24 }, (_, i) => `+7912700${String(i).padStart(4, "0")}`);
    const company = addCompany(deps, { regionCode: "ural", name: "ООО «Параллель»", accountNumber: "600000001", msisdns: numbers });
    giveAdministratorEmail(db, company.admin, "admin@parallel.example", "600000001");
    const blockLines = company.lineIds.slice(0, 18);
    const splitLines = company.lineIds.slice(18);
    setLineLimits(deps, company.admin, {
      items: company.lineIds.map((lineId, i) => ({ lineId, limit: { amount: LIMIT, policy: i < 18 ? "block" : "split", notifyEmployee: true } })),
    });

    // Each process: its own events for every line, and the shared ones, shuffled into batches of 8.
    const base = Date.now() - 3 * 3_600_000;
    const batchesOf = (p: number) => {
      const events: UsageEventInput[] = [];
      numbers.forEach((msisdn, line) => {
        for (let k = 0; k < EVENTS_PER_LINE_PER_PROCESS; k++) {
          events.push({ ...roamingCall(msisdn, new Date(base + (p * 100 + k) * 1000 + line).toISOString()), eventId: `p${p}-l${line}-${k}` });
        }
        for (let k = 0; k < SHARED_EVENTS_PER_LINE; k++) {
          events.push({ ...roamingCall(msisdn, new Date(base + 1_000_000 + k * 1000 + line).toISOString()), eventId: `shared-l${line}-${k}` });
        }
      });
      let seed = p + 1;
      for (let i = events.length - 1; i > 0; i--) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        const j = seed % (i + 1);
        [events[i], events[j]] = [events[j] as UsageEventInput, events[i] as UsageEventInput];
      }
      const batches: UsageEventInput[][] = [];
      for (let i = 0; i < events.length; i += 8) batches.push(events.slice(i, i + 8));
      return batches;
    };
    const here = dirname(fileURLToPath(import.meta.url));
    const tsx = join(here, "..", "..", "node_modules", ".bin", "tsx");
    const startAt = Date.now() + 5000;
    const run = (p: number) => {
      const batchesFile = join(dir, `batches-${p}.json`);
      writeFileSync(batchesFile, JSON.stringify(batchesOf(p)));
      return promisify(execFile)(tsx, [join(here, "rate-from-another-process.fixture.ts"), JSON.stringify({ file, startAt, batchesFile })], { timeout: 150_000 });
    };
    const outputs = await Promise.all(Array.from({ length: PROCESSES }, (_, p) => run(p)));
    const totals = outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").at(-1) ?? "{}") as { rated: number; duplicates: number; limitRefused: number });

    const perLine = EVENTS_PER_LINE_PER_PROCESS * PROCESSES + SHARED_EVENTS_PER_LINE;
    expect(totals.reduce((sum, t) => sum + t.rated, 0)).toBe(perLine * numbers.length);
    expect(totals.reduce((sum, t) => sum + t.duplicates, 0)).toBe(SHARED_EVENTS_PER_LINE * numbers.length * (PROCESSES - 1));

    const sqlite = db.$client;
    const eventsOf = (lineId: number) =>
      sqlite.prepare("select id, charge, employee_charge as employee, refused from usage_events where line_id = ? order by id").all(lineId) as {
        id: number;
        charge: number;
        employee: number;
        refused: number;
      }[];
    const noticesOf = (lineId: number) => sqlite.prepare("select kind from limit_notices where line_id = ? order by kind").pluck().all(lineId);
    const smsOf = (msisdn: string) => sqlite.prepare("select text from outbox_messages where channel = 'sms' and recipient = ?").pluck().all(msisdn) as string[];

    for (const lineId of blockLines) {
      const events = eventsOf(lineId);
      expect(events).toHaveLength(perLine);
      // In rating order: 16 allowed minutes below the limit, the 17th crosses it, everything after is refused.
      let spent = 0;
      const crossings: number[] = [];
      events.forEach((event, index) => {
        if (event.refused) return;
        if (spent < LIMIT && spent + event.charge >= LIMIT) crossings.push(index);
        spent += event.charge;
      });
      expect(crossings).toEqual([16]);
      expect(events.slice(0, 17).every((e) => e.refused === 0 && e.charge === MINUTE)).toBe(true);
      expect(events.slice(17).every((e) => e.refused === 1 && e.charge === 0)).toBe(true);
      expect(noticesOf(lineId)).toEqual(["blocked", "warning"]);
    }
    for (const lineId of splitLines) {
      const events = eventsOf(lineId);
      expect(events.every((e) => e.refused === 0)).toBe(true);
      expect(events.reduce((sum, e) => sum + e.charge - e.employee, 0)).toBe(LIMIT);
      const divided = events.map((e, index) => [index, e] as const).filter(([, e]) => e.employee > 0 && e.employee < e.charge);
      expect(divided.map(([index]) => index)).toEqual([16]);
      expect(events.slice(17).every((e) => e.employee === e.charge)).toBe(true);
      expect(noticesOf(lineId)).toEqual(["reached", "warning"]);
    }
    // One SMS per threshold to each employee; each number in exactly one administrator e-mail per kind.
    for (const msisdn of numbers) expect(smsOf(msisdn)).toHaveLength(2);
    const mails = sqlite.prepare("select subject, text from outbox_messages where channel = 'email'").all() as { subject: string; text: string }[];
    for (const msisdn of numbers) {
      const listing = mails.filter((m) => m.text.includes(formatMsisdn(msisdn)));
      expect(listing).toHaveLength(2);
    }
    expect(sqlite.prepare("select count(*) from line_blocks where reason = 'limit'").pluck().get()).toBe(blockLines.length);
    expect(balanceDiscrepancies(db)).toEqual([]);
    expect(sqlite.prepare("select balance from accounts where id = ?").pluck().get(company.accountId)).toBe(-(blockLines.length * 17 * MINUTE + splitLines.length * LIMIT));
    db.$client.close();
  });

  it("makes each region's month change and each temporary limit's end once when several processes run the task at once", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-limits-"));
    directories.push(dir);
    const file = join(dir, "cabinet.db");
    const db = openDatabase(file);
    seedReferenceData(db);
    const deps = { db, clock: new TestClock(new Date("2026-11-25T09:00:00Z")), config: testConfig };
    const vostok = addCompany(deps, { regionCode: "fareast", name: "ООО «Восток»", accountNumber: "600000002", msisdns: ["+79147000001", "+79147000002"] });
    const moscow = addCompany(deps, { regionCode: "moscow", name: "ООО «Москва»", accountNumber: "600000003", msisdns: ["+79167000001"] });
    giveAdministratorEmail(db, vostok.admin, "admin@vostok.example", "600000002");
    giveAdministratorEmail(db, moscow.admin, "admin@moscow.example", "600000003");
    setLineLimits(deps, vostok.admin, { items: vostok.lineIds.map((lineId) => ({ lineId, limit: { amount: 100, policy: "block" } })) });
    setLineLimits(deps, moscow.admin, { items: [{ lineId: moscow.lineIds[0] as number, limit: { amount: 100, policy: "block" } }] });
    rateUsageEvents(deps, [roamingCall("+79147000001", "2026-11-24T05:00:00Z"), roamingCall("+79147000002", "2026-11-24T05:00:00Z"), roamingCall("+79167000001", "2026-11-24T05:00:00Z")]);
    // A temporary limit over one blocked line's own, ending on 27 November (Vladivostok): it unblocks that line now.
    setLineLimits(deps, vostok.admin, { items: [{ lineId: vostok.lineIds[1] as number, limit: { amount: 1_000_000, policy: "block", until: "2026-11-27" } }] });
    const blocked = () => db.$client.prepare("select count(*) from line_blocks where reason = 'limit'").pluck().get();
    expect(blocked()).toBe(2); // a Vladivostok line and the Moscow one

    // Three processes at 2 December: every region's month change is due, and the temporary limit's end.
    const here = dirname(fileURLToPath(import.meta.url));
    const tsx = join(here, "..", "..", "node_modules", ".bin", "tsx");
    const startAt = Date.now() + 4000;
    const run = () =>
      promisify(execFile)(tsx, [join(here, "month-change-from-another-process.fixture.ts"), JSON.stringify({ file, startAt, now: "2026-12-02T06:00:00Z" })], { timeout: 100_000 });
    const outputs = await Promise.all([run(), run(), run()]);
    const done = outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").at(-1) ?? "{}") as DueLimitChanges);

    // Each region's December change made by exactly one of the processes.
    const regions = db.$client.prepare("select count(*) from regions").pluck().get() as number;
    const changed = done.flatMap((d) => d.monthChanges.filter((c) => c.billingMonth === 202612).map((c) => c.regionCode));
    expect(changed).toHaveLength(regions);
    expect(new Set(changed).size).toBe(regions);
    expect(db.$client.prepare("select count(*) from limit_month_changes where billing_month = 202612").pluck().get()).toBe(regions);
    expect(done.reduce((sum, d) => sum + d.expired, 0)).toBe(1);
    expect(done.reduce((sum, d) => sum + d.unblocked, 0)).toBe(2);
    expect(blocked()).toBe(0);
    // November's unblock by the temporary limit, and December's two.
    expect(db.$client.prepare("select count(*) from limit_notices where kind = 'unblocked'").pluck().get()).toBe(3);
    expect(db.$client.prepare("select recipient from outbox_messages where channel = 'email' and subject like '%разблокирован%' order by recipient").pluck().all()).toEqual([
      "admin@moscow.example",
      "admin@vostok.example",
      "admin@vostok.example",
    ]);
    expect(db.$client.prepare("select count(*) from audit_events where action = 'limit.expired'").pluck().get()).toBe(1);
    db.$client.close();
  });
});
