import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inTransaction, openDatabase } from "../db/open-database.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { TestClock, testConfig } from "../testing/test-deps.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";
import { addCompany, usageFixture } from "../usage/usage-test-fixtures.ts";
import { recoverAbandonedJobs, runDueJobs, JOB_LEASE_MS } from "./job-runner.ts";
import type { JobHandler } from "./job-types.ts";
import { cancelJob, enqueueJob, getJob, listJobs } from "./jobs.ts";

/** A handler that writes a row of its own and marks the job done in the same transaction. */
function recordingHandler(seen: number[], options: { failOn?: string; afterCrash?: "retry" | "fail" } = {}): Record<string, JobHandler<{ note: string }>> {
  return {
    test: {
      afterCrash: options.afterCrash ?? "fail",
      async run(deps, job) {
        seen.push(job.id);
        job.progress(1, 2);
        await job.yield();
        if (job.payload.note === options.failOn) throw new DomainError("conflict", "refused by the handler");
        if (job.payload.note === "boom") throw new Error("a bug, with personal data: +79120000001");
        inTransaction(deps.db, (tx) => {
          tx.$client.prepare("insert into job_effects (job_id) values (?)").run(job.id);
          job.completeIn(tx, { wrote: 1 });
        });
      },
    },
  };
}

function withEffectsTable(deps: Deps) {
  deps.db.$client.exec("create table if not exists job_effects (job_id integer not null)");
  return deps;
}

function enqueue(deps: Deps, companyId: number | null, note: string, runAfter?: Date) {
  return inTransaction(deps.db, (tx) => enqueueJob(tx, deps.clock.now(), { kind: "test", companyId, regionCode: companyId ? "ural" : null, createdBy: null, payload: { note }, runAfter }));
}

describe("jobs", () => {
  it("runs a queued job once: its effect and its 'done' land together", async () => {
    const { deps, ural } = usageFixture();
    withEffectsTable(deps);
    const seen: number[] = [];
    const id = enqueue(deps, ural.companyId, "hello");
    expect(getJob(deps, ural.admin, id).status).toBe("queued");
    expect(await runDueJobs(deps, { handlers: recordingHandler(seen) })).toBe(1);
    expect(await runDueJobs(deps, { handlers: recordingHandler(seen) })).toBe(0);
    const job = getJob(deps, ural.admin, id);
    expect(job).toMatchObject({ status: "done", result: { wrote: 1 }, attempts: 1, error: null, progressDone: 2, progressTotal: 2 });
    expect(job.finishedAt).not.toBeNull();
    expect(seen).toEqual([id]);
    expect(deps.db.$client.prepare("select count(*) from job_effects").pluck().get()).toBe(1);
  });

  it("marks a refused job failed with the error's code, and a crashed handler 'internal' without its message", async () => {
    const { deps, ural } = usageFixture();
    withEffectsTable(deps);
    const refused = enqueue(deps, ural.companyId, "refuse");
    const broken = enqueue(deps, ural.companyId, "boom");
    const logged: unknown[] = [];
    await runDueJobs(deps, { handlers: recordingHandler([], { failOn: "refuse" }), onError: (error) => logged.push(error) });
    expect(getJob(deps, ural.admin, refused)).toMatchObject({ status: "failed", error: "conflict" });
    expect(getJob(deps, ural.admin, broken)).toMatchObject({ status: "failed", error: "internal" });
    expect(JSON.stringify(deps.db.$client.prepare("select * from jobs").all())).not.toContain("+7912");
    expect(logged).toHaveLength(1);
    expect(deps.db.$client.prepare("select count(*) from job_effects").pluck().get()).toBe(0);
  });

  it("waits for a scheduled job's moment, and a cancelled one never runs", async () => {
    const { deps, ural } = usageFixture();
    withEffectsTable(deps);
    const later = new Date(deps.clock.now().getTime() + 3_600_000);
    const scheduled = enqueue(deps, ural.companyId, "later", later);
    const cancelled = enqueue(deps, ural.companyId, "cancel me", later);
    cancelJob(deps, ural.admin, cancelled);
    expect(await runDueJobs(deps, { handlers: recordingHandler([]) })).toBe(0);
    deps.clock.set(later);
    expect(await runDueJobs(deps, { handlers: recordingHandler([]) })).toBe(1);
    expect(getJob(deps, ural.admin, scheduled).status).toBe("done");
    expect(getJob(deps, ural.admin, cancelled).status).toBe("cancelled");
    expect(() => cancelJob(deps, ural.admin, scheduled)).toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("shows a company's jobs to its own administrators only", () => {
    const { deps, ural, other, moscow } = usageFixture();
    const id = enqueue(deps, ural.companyId, "mine");
    expect(listJobs(deps, ural.admin, { kind: "test" }).map((job) => job.id)).toEqual([id]);
    expect(listJobs(deps, other.admin, { kind: "test" })).toEqual([]);
    for (const stranger of [other.admin, moscow.admin]) {
      expect(() => getJob(deps, stranger, id)).toThrow(expect.objectContaining({ code: "not_found" }));
      expect(() => cancelJob(deps, stranger, id)).toThrow(expect.objectContaining({ code: "not_found" }));
    }
    expect(getJob(deps, ural.admin, id).status).toBe("queued");
  });

  it("after a worker died: retries a job whose kind allows it, fails the others, never leaves one running", async () => {
    const { deps, ural } = usageFixture();
    withEffectsTable(deps);
    const retried = enqueue(deps, ural.companyId, "retry");
    const claimAndDie = () =>
      deps.db.$client
        .prepare("update jobs set status = 'running', lease_owner = 'dead', lease_until = ?, attempts = attempts + 1 where id = ?")
        .run(deps.clock.now().getTime() + JOB_LEASE_MS, retried);
    claimAndDie();
    expect(recoverAbandonedJobs(deps, { handlers: recordingHandler([], { afterCrash: "retry" }) })).toEqual({ retried: 0, failed: 0 });
    deps.clock.advance(JOB_LEASE_MS + 1);
    expect(recoverAbandonedJobs(deps, { handlers: recordingHandler([], { afterCrash: "retry" }) })).toEqual({ retried: 1, failed: 0 });
    // Dies twice more: three runs in all, then it fails.
    claimAndDie();
    deps.clock.advance(JOB_LEASE_MS + 1);
    recoverAbandonedJobs(deps, { handlers: recordingHandler([], { afterCrash: "retry" }) });
    claimAndDie();
    deps.clock.advance(JOB_LEASE_MS + 1);
    expect(recoverAbandonedJobs(deps, { handlers: recordingHandler([], { afterCrash: "retry" }) })).toEqual({ retried: 0, failed: 1 });
    expect(getJob(deps, ural.admin, retried)).toMatchObject({ status: "failed", error: "interrupted", attempts: 3 });

    const failed = enqueue(deps, ural.companyId, "fail");
    deps.db.$client.prepare("update jobs set status = 'running', lease_owner = 'dead', lease_until = ? where id = ?").run(deps.clock.now().getTime() - 1, failed);
    recoverAbandonedJobs(deps, { handlers: recordingHandler([]) });
    expect(getJob(deps, ural.admin, failed)).toMatchObject({ status: "failed", error: "interrupted" });
  });

  it("a worker whose job was taken over cannot write its outcome", async () => {
    const { deps, ural } = usageFixture();
    withEffectsTable(deps);
    const id = enqueue(deps, ural.companyId, "slow");
    const handlers: Record<string, JobHandler<unknown>> = {
      test: {
        afterCrash: "retry",
        async run(d, job) {
          // Meanwhile the lease ran out and another worker claimed the job.
          d.db.$client.prepare("update jobs set lease_owner = 'other' where id = ?").run(job.id);
          inTransaction(d.db, (tx) => {
            tx.$client.prepare("insert into job_effects (job_id) values (?)").run(job.id);
            job.completeIn(tx, "mine");
          });
        },
      },
    };
    await runDueJobs(deps, { handlers });
    expect(deps.db.$client.prepare("select count(*) from job_effects").pluck().get()).toBe(0);
    expect(getJob(deps, ural.admin, id)).toMatchObject({ status: "running", result: null });
  });
});

describe("jobs shared by several workers", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("runs each of 40 jobs exactly once when four connections claim at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-jobs-"));
    dirs.push(dir);
    const file = join(dir, "cabinet.db");
    const clock = new TestClock();
    const first: Deps = { db: openDatabase(file), clock, config: testConfig };
    seedReferenceData(first.db);
    withEffectsTable(first);
    const { companyId } = addCompany(first, { regionCode: "ural", name: "ООО «Очередь»", accountNumber: "500000010", msisdns: ["+79120000010"] });
    for (let i = 0; i < 40; i++) enqueue(first, companyId, `job ${i}`);
    const workers = [first, ...[1, 2, 3].map((): Deps => ({ db: openDatabase(file), clock, config: testConfig }))];
    const seen: number[] = [];
    const ran = await Promise.all(workers.map((deps, i) => runDueJobs(deps, { workerId: `w${i}`, handlers: recordingHandler(seen) })));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(40);
    expect(new Set(seen).size).toBe(40);
    expect(first.db.$client.prepare("select count(*) from job_effects").pluck().get()).toBe(40);
    expect(first.db.$client.prepare("select count(*) from jobs where status = 'done'").pluck().get()).toBe(40);
    for (const deps of workers) deps.db.$client.close();
  });
});
