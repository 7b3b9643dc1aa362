// The crash test of a bulk apply: 100,000 lines changed by a job in a child process that is killed
// with SIGKILL at random moments, again and again. After each kill (and the recovery a restarted
// server does), every line is either wholly as it was or wholly changed — tariff, version and its
// audit event together — and the job is queued for another run, failed, or done: never "running".
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import { JOB_LEASE_MS, recoverAbandonedJobs } from "../jobs/job-runner.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";
import { TestClock, testConfig } from "../testing/test-deps.ts";
import { addCompany, tariffOf } from "../usage/usage-test-fixtures.ts";
import { submitBulkChange } from "./apply-bulk-change.ts";
import { previewBulkChange } from "./preview-bulk-change.ts";

const LINES = 100_000;
const KILLS = 5;
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cabinet-bulk-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker process on the file, killed `afterReadyMs` after it has loaded (or left to finish); how long it worked. */
function runWorker(file: string, afterReadyMs: number): Promise<{ ran: "killed" | "finished"; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(here, "bulk-apply-worker.fixture.ts"), file], {
      cwd: join(here, "..", ".."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let timer: NodeJS.Timeout | undefined;
    let ready = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      if (!timer && chunk.toString().includes("ready")) {
        ready = performance.now();
        timer = setTimeout(() => child.kill("SIGKILL"), afterReadyMs);
      }
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      resolve({ ran: signal === "SIGKILL" ? "killed" : "finished", ms: performance.now() - ready });
    });
  });
}

describe("a bulk apply killed at random moments", () => {
  it(`leaves each of ${LINES.toLocaleString("en")} lines wholly old or wholly new, and no job running`, async () => {
    const file = join(dir, "cabinet.db");
    const db = openDatabase(file);
    seedReferenceData(db);
    const clock = new TestClock(new Date());
    const deps = { db, clock, config: testConfig };
    const company = addCompany(deps, { regionCode: "ural", name: "АО «Сто тысяч»", accountNumber: "700000001", msisdns: [] });
    const start = tariffOf(deps, "ural", "biz-start");
    const pro = tariffOf(deps, "ural", "biz-pro");
    const insert = db.$client.prepare("insert into lines (region_code, company_id, account_id, msisdn, tariff_id, activated_at) values ('ural', ?, ?, ?, ?, 0)");
    db.$client.transaction(() => {
      for (let i = 0; i < LINES; i++) insert.run(company.companyId, company.accountId, `+7950${String(i).padStart(7, "0")}`, start.id);
    })();

    const sqlite = db.$client;
    const state = () => {
      const byTariff = sqlite.prepare("select tariff_id as tariff, version, count(*) as n from lines where company_id = ? group by tariff_id, version").all(company.companyId);
      return byTariff as { tariff: number; version: number; n: number }[];
    };
    const auditsOf = (bulkChangeId: number) =>
      sqlite.prepare("select count(*) from audit_events where action = 'line.plan_changed' and json_extract(after, '$.bulkChange') = ?").pluck().get(bulkChangeId) as number;

    // The change under test, from whichever tariff the lines are on to the other.
    let from = start.id;
    let version = 1;
    const submitNext = () => {
      clock.set(new Date());
      const { bulkChangeId } = previewBulkChange(deps, company.admin, { source: { kind: "filter", query: {} }, tariffId: from === start.id ? pro.id : start.id });
      const { jobId } = submitBulkChange(deps, company.admin, { bulkChangeId, effective: "now" });
      return { bulkChangeId, jobId };
    };
    let current = submitNext();
    // One run left alone says how long an apply takes on this machine now; the kills then land at
    // random moments within about that time: before the job is claimed, while its lines are checked,
    // inside the one transaction, around its commit — or not at all (the worker finished first).
    const check = async (ran: "killed" | "finished") => {
      // What a restarted server does first: jobs whose worker died (lease run out) are retried or failed.
      clock.set(new Date(Date.now() + JOB_LEASE_MS + 1000));
      recoverAbandonedJobs(deps);
      const job = sqlite.prepare("select status, error from jobs where id = ?").get(current.jobId) as { status: string; error: string | null };
      outcomes.push(`${ran}: ${job.status}`);
      expect(["queued", "failed", "done"]).toContain(job.status);
      const to = from === start.id ? pro.id : start.id;
      if (job.status === "done") {
        expect(state()).toEqual([{ tariff: to, version: version + 1, n: LINES }]);
        expect(auditsOf(current.bulkChangeId)).toBe(LINES);
        from = to;
        version++;
        current = submitNext();
      } else {
        expect(state()).toEqual([{ tariff: from, version, n: LINES }]);
        expect(auditsOf(current.bulkChangeId)).toBe(0);
        if (job.status === "failed") {
          expect(job.error).toBe("interrupted");
          current = submitNext();
        }
      }
    };
    const outcomes: string[] = [];
    const calibration = await runWorker(file, 120_000);
    expect(calibration.ran).toBe("finished");
    await check("finished");
    let kills = 0;
    for (let round = 0; kills < KILLS && round < KILLS * 3; round++) {
      const { ran } = await runWorker(file, Math.floor(Math.random() * calibration.ms * 1.2));
      if (ran === "killed") kills++;
      await check(ran);
    }
    expect(kills).toBe(KILLS);
    // Finally left alone, the last change is carried out.
    expect((await runWorker(file, 120_000)).ran).toBe("finished");
    expect(sqlite.prepare("select status from jobs where id = ?").pluck().get(current.jobId)).toBe("done");
    expect(state()).toEqual([{ tariff: from === start.id ? pro.id : start.id, version: version + 1, n: LINES }]);
    expect(sqlite.prepare("select count(*) from jobs where status = 'running'").pluck().get()).toBe(0);
    console.info(`bulk crash test (an apply takes ${Math.round(calibration.ms)} ms here): ${outcomes.join(", ")}`);
    db.$client.close();
  }, 180_000);
});
