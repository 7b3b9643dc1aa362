import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, type Deps, generateDemoCompany, previewBulkChange, runDueJobs, submitBulkChange } from "@cabinet/domain";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";

const LINES = 100_000;

interface BulkBench {
  dir: string;
  file: string;
  deps: Deps;
  actor: Actor;
  companyId: number;
  targetTariffId: number;
}

/** One generated company of 100,000 lines for both figures of a run (generating it is the slow part). */
let shared: Promise<BulkBench> | null = null;

function bulkBench(log: (line: string) => void): Promise<BulkBench> {
  shared ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-bulk-"));
    const file = join(dir, "bulk.db");
    const deps = openDeps(file);
    const started = performance.now();
    // The demo generator's company: tariffs, services, departments and blocks as a real one has them.
    const company = await generateDemoCompany(deps, { regionCode: "ural", lines: LINES, months: 0 });
    deps.db.$client.exec("analyze");
    const sqlite = deps.db.$client;
    const user = sqlite.prepare("select id from users where login = ? and region_code = 'ural'").get(company.login) as { id: number };
    const actor: Actor = { userId: user.id, login: company.login, displayName: "bench", role: "company_admin", regionCode: "ural", companyId: company.companyId, mustChangePassword: false };
    const targetTariffId = sqlite.prepare("select id from tariffs where region_code = 'ural' and code = 'biz-chief'").pluck().get() as number;
    log(`bulk: ${company.lines.toLocaleString("en")} lines generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { dir, file, deps, actor, companyId: company.companyId, targetTariffId };
  })();
  return shared;
}

function release(bench: BulkBench) {
  bench.deps.db.$client.close();
  rmSync(bench.dir, { recursive: true, force: true });
  shared = null;
}

/**
 * `bulk.preview`: every line of the company ("all lines matching the filter") previewed onto another
 * tariff — read with its services and version, each line planned (blocks, services the tariff does not
 * allow, already so, fees before and after), the preview stored row by row — against the bare SELECT
 * of the same rows with their services. Timed alternately, the fastest of each compared.
 */
export async function measureBulkPreview(log: (line: string) => void, rounds = 3) {
  const bench = await bulkBench(log);
  const sqlite = bench.deps.db.$client;
  const bare = sqlite.prepare(
    `select l.id, l.msisdn, l.version, l.tariff_id, l.block_mask, (select group_concat(s.service_id) from line_services s where s.line_id = l.id) as services
     from lines l where l.company_id = ? and l.region_code = 'ural' and l.terminated_at is null order by l.msisdn`,
  );
  const ours: number[] = [];
  const baseline: number[] = [];
  let changes = 0;
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    const { bulkChangeId } = previewBulkChange(bench.deps, bench.actor, { source: { kind: "filter", query: {} }, tariffId: bench.targetTariffId });
    ours.push(performance.now() - t);
    changes = sqlite.prepare("select change_count from bulk_changes where id = ?").pluck().get(bulkChangeId) as number;
    t = performance.now();
    const rows = bare.all(bench.companyId);
    baseline.push(performance.now() - t);
    if (rows.length !== LINES) throw new Error(`bulk.preview: the bare SELECT read ${rows.length} lines`);
  }
  log(`bulk.preview: ${LINES.toLocaleString("en")} lines, ${changes.toLocaleString("en")} would change; ours ${ours.map(Math.round).join(", ")} ms, bare ${baseline.map(Math.round).join(", ")} ms`);
  // The least disturbed run of each: on a shared machine a burst of someone else's work lands on one side only.
  return { ours: Math.min(...ours), baseline: Math.min(...baseline) };
}

/**
 * `bulk.apply`: a stored preview of every line onto another tariff applied by its job (the check of
 * every line's version, then one transaction: each line's tariff and version, one audit event per
 * line with the values before and after, the job done) against bare better-sqlite3 in one committed
 * transaction: an UPDATE of the same lines' tariff and version by id and an INSERT of one audit row
 * each, on a copy of the same database. `rounds` rounds, the lines going back and forth between two
 * tariffs, each timed beside its bare twin; the fastest of each compared.
 */
export async function measureBulkApply(log: (line: string) => void, rounds = 3) {
  const bench = await bulkBench(log);
  const sqlite = bench.deps.db.$client;
  const proTariffId = sqlite.prepare("select id from tariffs where region_code = 'ural' and code = 'biz-pro'").pluck().get() as number;
  const ours: number[] = [];
  const baseline: number[] = [];
  let changed = 0;
  for (let round = 0; round < rounds; round++) {
    const target = round % 2 === 0 ? bench.targetTariffId : proTariffId;
    const { bulkChangeId } = previewBulkChange(bench.deps, bench.actor, { source: { kind: "filter", query: {} }, tariffId: target });
    const changing = sqlite.prepare("select line_id, msisdn from bulk_change_lines where bulk_change_id = ? and refusal is null order by seq").raw().all(bulkChangeId) as [number, string][];
    changed = changing.length;
    const copy = join(bench.dir, `bare-${round}.db`);
    sqlite.prepare("vacuum into ?").run(copy);
    const raw = new Database(copy);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    const update = raw.prepare("update lines set tariff_id = ?, version = version + 1 where id = ?");
    const audit = raw.prepare(
      `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
       values (?, ?, ?, 'ural', ?, 'line.plan_changed', 'line', ?, null, ?, ?)`,
    );
    let t = performance.now();
    raw.transaction(() => {
      const at = Date.now();
      for (const [id, msisdn] of changing) {
        update.run(target, id);
        audit.run(at, bench.actor.userId, bench.actor.login, bench.companyId, String(id), `{"msisdn":"${msisdn}","tariff":"biz-start"}`, `{"msisdn":"${msisdn}","tariff":"biz-chief"}`);
      }
    })();
    baseline.push(performance.now() - t);
    raw.close();
    rmSync(copy, { force: true });

    submitBulkChange(bench.deps, bench.actor, { bulkChangeId, effective: "now" });
    // Both start from a checkpointed file: the copy is fresh, ours has the previews' writes in its WAL.
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    t = performance.now();
    const ran = await runDueJobs(bench.deps);
    ours.push(performance.now() - t);
    const status = sqlite.prepare("select j.status from bulk_changes b join jobs j on j.id = b.job_id where b.id = ?").pluck().get(bulkChangeId);
    if (ran !== 1 || status !== "done") throw new Error(`bulk.apply: the job ran ${ran} times and is ${String(status)}`);
  }
  log(`bulk.apply: ${changed.toLocaleString("en")} lines changed per round; ours ${ours.map(Math.round).join(", ")} ms, bare UPDATE + audit INSERT ${baseline.map(Math.round).join(", ")} ms`);
  // The least disturbed run of each: on a shared machine a burst of someone else's work lands on one side only.
  return { ours: Math.min(...ours), baseline: Math.min(...baseline) };
}

export const bulkFigures = [
  {
    name: "bulk.preview",
    label: "bulk change preview of 100,000 lines (plan each line, store the preview), fastest of 3",
    baseline: "bare SELECT of the same lines with their services",
    async measure(options: { only?: string }, log: (line: string) => void): Promise<Figure> {
      const m = await measureBulkPreview(log);
      // Measured alone, nothing comes after it that needs the company.
      if (options.only) release(await bulkBench(log));
      return { name: "bulk.preview", ours: m.ours, baseline: m.baseline, ratio: m.ours / m.baseline, unit: "ms" };
    },
  },
  {
    name: "bulk.apply",
    label: "bulk change apply of 100,000 lines by its job (version check, one transaction, audit per line), fastest of 3",
    baseline: "bare UPDATE of the same lines + one audit INSERT each, one transaction",
    async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
      const m = await measureBulkApply(log);
      release(await bulkBench(log));
      return { name: "bulk.apply", ours: m.ours, baseline: m.baseline, ratio: m.ours / m.baseline, unit: "ms" };
    },
  },
];
