import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { billingMonthOf, billingMonthStart, createDemoCompany, rateUsageEvents, type UsageEventInput, type UsageKind } from "@cabinet/domain";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";

export interface UsageRatingMeasurement {
  events: number;
  lines: number;
  batchSize: number;
  /** Events rated per second by rateUsageEvents. */
  ours: number;
  /** Rows per second of a bare better-sqlite3 INSERT of the same events, one transaction. */
  baseline: number;
  /** The same bare INSERT into a table without any index, for reference. */
  baselineNoIndexes: number;
}

const kinds: readonly UsageKind[] = ["call_out", "call_in", "data", "call_out", "sms_out", "call_in", "data", "call_out", "sms_in", "data"];

/**
 * `usage.rating`: `events` usage events over `lines` lines of one company (Ural), in time order
 * over this month so far, rated by `rateUsageEvents` in batches of `batchSize` (one transaction
 * each) into a database with the demo catalogue. The baseline inserts the same events, already
 * rated, with one prepared statement into a copy of that database (the same table, indexes and
 * lines), in one transaction. The two run alternately, a batch at a time (the baseline's
 * transaction stays open across its pauses), so that both see the same machine.
 */
export function measureUsageRating(options: { events: number; lines: number; batchSize: number; log?: (line: string) => void }): UsageRatingMeasurement {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-usage-"));
  try {
    const deps = openDeps(join(dir, "ours.db"));
    const msisdnOf = (i: number) => `+7961${String(i).padStart(7, "0")}`;
    createDemoCompany(deps.db, {
      regionCode: "ural",
      companyName: "АО «Бенчмарк»",
      holderName: "АО «Бенчмарк»",
      ownerName: "Бенчмарков Б. Б.",
      accountNumber: "999000001",
      lineCount: options.lines,
      msisdnOf,
      seed: 1,
      activatedAt: new Date(Date.now() - 365 * 86_400_000),
    });
    const lineIds = deps.db.$client.prepare("select msisdn, id from lines where company_id is not null").raw().all() as [string, number][];
    const lineIdOf = new Map(lineIds);
    // This month so far in Yekaterinburg, evenly, each line about every (lines / events) of it.
    const now = Date.now();
    const from = billingMonthStart("Asia/Yekaterinburg", billingMonthOf("Asia/Yekaterinburg", now));
    const span = Math.max(60_000, now - from - 60_000);
    const events: UsageEventInput[] = new Array(options.events);
    for (let i = 0; i < options.events; i++) {
      const kind = kinds[i % kinds.length] as UsageKind;
      const event: UsageEventInput = {
        eventId: `bench-${i}`,
        msisdn: msisdnOf((i * 7919) % options.lines),
        startedAt: from + Math.floor((i / options.events) * span),
        kind,
        roaming: i % 97 === 0,
        otherParty: kind === "data" ? "internet" : "+79991234567",
      };
      if (kind === "call_out" || kind === "call_in") event.durationSeconds = 5 + ((i * 37) % 400);
      if (kind === "data") event.volumeBytes = 200_000 + ((i * 7777) % 30_000_000);
      events[i] = event;
    }

    const bare = (file: string, withIndexes: boolean) => {
      // The same schema with the same lines (the events' foreign key is checked on both sides).
      deps.db.$client.prepare("vacuum into ?").run(file);
      const raw = new Database(file);
      if (!withIndexes) raw.exec("drop index usage_events_key_uq; drop index usage_events_line_time_idx;");
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = NORMAL");
      const insert = raw.prepare(
        `insert into usage_events (event_key, line_id, started_at, kind, roaming, other_party, duration_seconds, volume_bytes, units, included_units, charge)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      raw.exec("begin");
      return {
        chunk(start: number, end: number) {
          for (let i = start; i < end; i++) {
            const e = events[i] as UsageEventInput;
            insert.run(e.eventId, lineIdOf.get(e.msisdn) ?? 0, e.startedAt, e.kind, e.roaming ? 1 : 0, e.otherParty ?? null, e.durationSeconds ?? null, e.volumeBytes ?? null, 1, 0, 0);
          }
        },
        finish() {
          raw.exec("commit");
          raw.close();
        },
      };
    };
    const withIndexes = bare(join(dir, "bare.db"), true);
    const noIndexes = bare(join(dir, "bare-no-indexes.db"), false);
    const spent = { ours: 0, bare: 0, bareNoIndexes: 0 };
    const time = (key: keyof typeof spent, work: () => void) => {
      const started = performance.now();
      work();
      spent[key] += performance.now() - started;
    };
    let rated = 0;
    for (let start = 0; start < options.events; start += options.batchSize) {
      const end = Math.min(options.events, start + options.batchSize);
      time("ours", () => {
        rated += rateUsageEvents(deps, events.slice(start, end)).rated;
      });
      time("bare", () => withIndexes.chunk(start, end));
      time("bareNoIndexes", () => noIndexes.chunk(start, end));
      options.log?.(`usage.rating: ${end.toLocaleString("en")} of ${options.events.toLocaleString("en")} events`);
    }
    time("bare", () => withIndexes.finish());
    time("bareNoIndexes", () => noIndexes.finish());
    if (rated !== options.events) throw new Error(`rated ${rated} of ${options.events} events`);
    deps.db.$client.close();
    const perSecond = (ms: number) => options.events / (ms / 1000);
    return {
      events: options.events,
      lines: options.lines,
      batchSize: options.batchSize,
      ours: perSecond(spent.ours),
      baseline: perSecond(spent.bare),
      baselineNoIndexes: perSecond(spent.bareNoIndexes),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Batches of the benchmark: a bulk load's (`usage import --batch-size 250000`). The import's default
 * of 50,000 keeps the write lock short for a running portal and rates more slowly (README).
 */
const RATING_BENCH_BATCH = 250_000;

/** The `usage.rating` figure of `pnpm bench`: events rated per second against the bare INSERT. */
export const usageRatingFigure = {
  name: "usage.rating",
  label: "usage events rated per second (1,000,000 events over 100,000 lines, batches of 250,000)",
  baseline: "bare better-sqlite3 INSERT of the same events into the same table and indexes, one transaction",
  async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
    const m = measureUsageRating({ events: 1_000_000, lines: 100_000, batchSize: RATING_BENCH_BATCH, log });
    log(`usage.rating: the same INSERT into a table without indexes: ${Math.round(m.baselineNoIndexes)} /s`);
    return { name: "usage.rating", ours: m.ours, baseline: m.baseline, ratio: m.baseline / m.ours, unit: "/s" };
  },
};
