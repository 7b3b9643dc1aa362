import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, billingMonthOf, billingMonthStart, generateDemoCompany, type LimitPolicy, rateUsageEvents, setLineLimits, type UsageEventInput, type UsageKind } from "@cabinet/domain";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";

export interface LimitsRatingMeasurement {
  events: number;
  lines: number;
  batchSize: number;
  /** Events rated per second with every line under a limit. */
  withLimits: number;
  /** The same events rated per second into the same company without any limit. */
  withoutLimits: number;
  /** Rows per second of a bare better-sqlite3 INSERT of the same events, one transaction. */
  bare: number;
  /** The same three by the process's CPU time instead of the wall clock. */
  cpu: { withLimits: number; withoutLimits: number; bare: number };
  /** What the limits did in the run. */
  refused: number;
  blockedLines: number;
  notices: number;
  /** Setting the 100,000 lines' own limits (one call of setLineLimits: one transaction, audited per line), ms. */
  setLimitsMs: number;
}

const kinds: readonly UsageKind[] = ["call_out", "call_in", "data", "call_out", "sms_out", "call_in", "data", "call_out", "sms_in", "data"];
const policies: readonly LimitPolicy[] = ["block", "split", "notify"];

/**
 * `usage.rating.limits`: the `usage.rating` run (its events over this month so far, in batches) on a
 * company of `lines` lines (the demo generator: employees, departments, an administrator with an
 * e-mail) in three copies of one database: every line under its own limit (50 … 550 ₽, block /
 * split / notify in turn, a third telling the employee by SMS — a few percent of the lines cross
 * theirs, with notices and refusals); the same lines without limits; and the bare INSERT of the
 * same events. The three run alternately, a batch at a time, so that all see the same machine.
 */
export async function measureLimitsRating(options: { events: number; lines: number; batchSize: number; log?: (line: string) => void }): Promise<LimitsRatingMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-limits-"));
  try {
    const limited = openDeps(join(dir, "limits.db"));
    const company = await generateDemoCompany(limited, { regionCode: "ural", lines: options.lines, months: 0 });
    const sqlite = limited.db.$client;
    const user = sqlite.prepare("select id from users where login = ? and region_code = 'ural'").get(company.login) as { id: number };
    // The administrator's e-mail, where the notices go (an approved application's, as in the portal).
    sqlite
      .prepare(
        `insert into applications (reference, region_code, company_name, owner_name, account_number, numbers, contact_number, email, representative_name,
           status, submitted_at, submission_key, receipt_token, verification_code, company_id, admin_user_id)
         values ('BENCH-1', 'ural', 'bench', 'bench', '0', '[]', '+79000000000', 'admin@bench.example', 'bench', 'approved', 0, 'bench', 'bench', 'bench', ?, ?)`,
      )
      .run(company.companyId, user.id);
    const actor: Actor = { userId: user.id, login: company.login, displayName: "bench", role: "company_admin", regionCode: "ural", companyId: company.companyId, mustChangePassword: false };
    const lines = sqlite.prepare("select id, msisdn from lines where company_id = ? order by id").raw().all(company.companyId) as [number, string][];
    const lineIdOf = new Map(lines.map(([id, msisdn]) => [msisdn, id]));
    // Copies before any limit: the same company without limits, and the bare table.
    for (const name of ["no-limits.db", "bare.db"]) sqlite.prepare("vacuum into ?").run(join(dir, name));

    const started = performance.now();
    setLineLimits(limited, actor, {
      items: lines.map(([lineId], i) => ({
        lineId,
        limit: { amount: 5_000 + ((i * 7_919) % 50_000), policy: policies[i % 3] as LimitPolicy, notifyEmployee: i % 3 === 1 },
      })),
    });
    const setLimitsMs = performance.now() - started;
    options.log?.(`usage.rating.limits: ${lines.length.toLocaleString("en")} limits set in ${(setLimitsMs / 1000).toFixed(1)} s`);
    // The setting's large transaction is written back from the WAL now, not during the timed rating.
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const unlimited = openDeps(join(dir, "no-limits.db"));

    const now = Date.now();
    const from = billingMonthStart("Asia/Yekaterinburg", billingMonthOf("Asia/Yekaterinburg", now));
    const span = Math.max(60_000, now - from - 60_000);
    const events: UsageEventInput[] = new Array(options.events);
    for (let i = 0; i < options.events; i++) {
      const kind = kinds[i % kinds.length] as UsageKind;
      const event: UsageEventInput = {
        eventId: `bench-${i}`,
        msisdn: (lines[(i * 7919) % lines.length] as [number, string])[1],
        startedAt: from + Math.floor((i / options.events) * span),
        kind,
        roaming: i % 97 === 0,
        otherParty: kind === "data" ? "internet" : "+79991234567",
      };
      if (kind === "call_out" || kind === "call_in") event.durationSeconds = 5 + ((i * 37) % 400);
      if (kind === "data") event.volumeBytes = 200_000 + ((i * 7777) % 30_000_000);
      events[i] = event;
    }

    const raw = new Database(join(dir, "bare.db"));
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    const insert = raw.prepare(
      `insert into usage_events (event_key, line_id, started_at, kind, roaming, other_party, duration_seconds, volume_bytes, units, included_units, charge)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    raw.exec("begin");
    const spent = { withLimits: 0, withoutLimits: 0, bare: 0 };
    // CPU time too: on a shared machine other work lands on one side or the other of the wall clock.
    const cpu = { withLimits: 0, withoutLimits: 0, bare: 0 };
    const time = (key: keyof typeof spent, work: () => void) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      work();
      const c = process.cpuUsage(c0);
      cpu[key] += (c.user + c.system) / 1000;
      spent[key] += performance.now() - t0;
    };
    let refused = 0;
    for (let start = 0; start < options.events; start += options.batchSize) {
      const end = Math.min(options.events, start + options.batchSize);
      const batch = events.slice(start, end);
      // Each goes first every other batch.
      const withLimits = () =>
        time("withLimits", () => {
          refused += rateUsageEvents(limited, batch).limitRefused;
        });
      const withoutLimits = () => time("withoutLimits", () => rateUsageEvents(unlimited, batch));
      if ((start / options.batchSize) % 2 === 0) {
        withLimits();
        withoutLimits();
      } else {
        withoutLimits();
        withLimits();
      }
      time("bare", () => {
        for (const e of batch) {
          insert.run(e.eventId, lineIdOf.get(e.msisdn) ?? 0, e.startedAt, e.kind, e.roaming ? 1 : 0, e.otherParty ?? null, e.durationSeconds ?? null, e.volumeBytes ?? null, 1, 0, 0);
        }
      });
      options.log?.(`usage.rating.limits: ${end.toLocaleString("en")} of ${options.events.toLocaleString("en")} events`);
    }
    time("bare", () => raw.exec("commit"));
    raw.close();
    const blockedLines = sqlite.prepare("select count(*) from line_blocks where reason = 'limit'").pluck().get() as number;
    const notices = sqlite.prepare("select count(*) from limit_notices").pluck().get() as number;
    limited.db.$client.close();
    unlimited.db.$client.close();
    const perSecond = (ms: number) => options.events / (ms / 1000);
    return {
      events: options.events,
      lines: lines.length,
      batchSize: options.batchSize,
      withLimits: perSecond(spent.withLimits),
      withoutLimits: perSecond(spent.withoutLimits),
      bare: perSecond(spent.bare),
      cpu: { withLimits: perSecond(cpu.withLimits), withoutLimits: perSecond(cpu.withoutLimits), bare: perSecond(cpu.bare) },
      refused,
      blockedLines,
      notices,
      setLimitsMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The batches of `usage.rating` (a bulk load's), so that the two figures compare. */
const RATING_BENCH_BATCH = 250_000;

/**
 * The `usage.rating.limits` figure of `pnpm bench`: rating with limits against the same rating
 * without, by the process's CPU time — the two differ by a few percent of work, and on the shared
 * machine the wall clock of one side or the other takes whatever else runs meanwhile (both logged).
 */
export const limitsRatingFigure = {
  name: "usage.rating.limits",
  label: "usage events rated per CPU second with every line under a spending limit (1,000,000 events over 100,000 lines, batches of 250,000)",
  baseline: "the same events rated into the same company without limits, same run, per CPU second (target ≤ 1.2×; against the bare INSERT ≤ 2.5×, logged)",
  async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
    const m = await measureLimitsRating({ events: 1_000_000, lines: 100_000, batchSize: RATING_BENCH_BATCH, log });
    log(
      `usage.rating.limits: ${Math.round(m.withLimits)} /s with limits, ${Math.round(m.withoutLimits)} /s without, bare INSERT ${Math.round(m.bare)} /s ` +
        `(${(m.bare / m.withLimits).toFixed(2)}× of bare); by CPU time ${Math.round(m.cpu.withLimits)} /s, ${Math.round(m.cpu.withoutLimits)} /s, ` +
        `${Math.round(m.cpu.bare)} /s (${(m.cpu.withoutLimits / m.cpu.withLimits).toFixed(2)}× of without limits, ${(m.cpu.bare / m.cpu.withLimits).toFixed(2)}× of bare); ` +
        `${m.refused} events refused, ${m.blockedLines} lines blocked, ${m.notices} notices`,
    );
    return { name: "usage.rating.limits", ours: m.cpu.withLimits, baseline: m.cpu.withoutLimits, ratio: m.cpu.withoutLimits / m.cpu.withLimits, unit: "/s" };
  },
};
