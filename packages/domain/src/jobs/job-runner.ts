import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../db/open-database.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { jobHandlers, periodicTasks } from "./job-handlers.ts";
import { type JobHandler, JobLostError, MAX_JOB_ATTEMPTS, type PeriodicTask, type RunningJob } from "./job-types.ts";

/** How long a claimed job stays its worker's without a sign of life (progress, yield). */
export const JOB_LEASE_MS = 60_000;
const PROGRESS_WRITE_EVERY_MS = 250;

export interface RunnerOptions {
  /** Who claims: unique per worker (process and thread). */
  workerId?: string;
  /** The kinds this runner knows; job-handlers.ts by default. */
  handlers?: Record<string, JobHandler<never>>;
  onError?: (error: unknown, job: { id: number; kind: string }) => void;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

interface ClaimedRow {
  id: number;
  kind: string;
  company_id: number | null;
  region_code: string | null;
  created_by: number | null;
  payload: string;
  attempts: number;
}

/**
 * Takes the next due job of a known kind, atomically: one UPDATE … RETURNING in a write
 * transaction, so two workers never get the same job.
 */
function claimNextJob(deps: Pick<Deps, "db" | "clock">, workerId: string, kinds: string[]): ClaimedRow | null {
  const now = deps.clock.now().getTime();
  const row = deps.db.$client
    .prepare(
      `update jobs set status = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
              started_at = coalesce(started_at, ?)
       where id = (select id from jobs where status = 'queued' and run_after <= ? and kind in (select value from json_each(?))
                   order by run_after, id limit 1)
         and status = 'queued'
       returning id, kind, company_id, region_code, created_by, payload, attempts`,
    )
    .get(workerId, now + JOB_LEASE_MS, now, now, JSON.stringify(kinds)) as ClaimedRow | undefined;
  return row ?? null;
}

/**
 * Runs every due job, one after another, until none is due; returns how many ran. A job's handler
 * decides its outcome (`completeIn`); a handler that returns without it leaves the job done, one
 * that throws leaves it failed with the error's code.
 */
export async function runDueJobs(deps: Deps, options: RunnerOptions = {}): Promise<number> {
  const workerId = options.workerId ?? newWorkerId();
  const handlers = (options.handlers ?? jobHandlers) as Record<string, JobHandler<unknown>>;
  const kinds = Object.keys(handlers);
  let ran = 0;
  for (;;) {
    const claimed = claimNextJob(deps, workerId, kinds);
    if (!claimed) return ran;
    ran++;
    await runClaimedJob(deps, workerId, handlers[claimed.kind] as JobHandler<unknown>, claimed, options.onError);
  }
}

async function runClaimedJob(
  deps: Deps,
  workerId: string,
  handler: JobHandler<unknown>,
  claimed: ClaimedRow,
  onError: RunnerOptions["onError"],
): Promise<void> {
  const sqlite = deps.db.$client;
  const now = () => deps.clock.now().getTime();
  let completed = false;
  let lastWrite = 0;
  const renew = sqlite.prepare("update jobs set lease_until = ? where id = ? and lease_owner = ? and status = 'running'");
  const writeProgress = sqlite.prepare(
    `update jobs set progress_done = ?, progress_total = coalesce(?, progress_total), lease_until = ?
     where id = ? and lease_owner = ? and status = 'running'`,
  );
  const job: RunningJob<unknown> = {
    id: claimed.id,
    kind: claimed.kind,
    companyId: claimed.company_id,
    regionCode: claimed.region_code,
    createdBy: claimed.created_by,
    payload: JSON.parse(claimed.payload),
    attempts: claimed.attempts,
    progress(done, total) {
      const at = Date.now();
      if (at - lastWrite < PROGRESS_WRITE_EVERY_MS && (total === undefined || done < total)) return;
      lastWrite = at;
      writeProgress.run(done, total ?? null, now() + JOB_LEASE_MS, claimed.id, workerId);
    },
    completeIn(tx: Db, result: unknown) {
      const changed = tx.$client
        .prepare(
          `update jobs set status = 'done', result = ?, error = null, finished_at = ?, lease_owner = null, lease_until = null,
                  progress_done = coalesce(progress_total, progress_done)
           where id = ? and lease_owner = ? and status = 'running'`,
        )
        .run(JSON.stringify(result ?? null), now(), claimed.id, workerId).changes;
      if (changed === 0) throw new JobLostError(claimed.id);
      completed = true;
    },
    async yield() {
      await nextTurn();
      const at = Date.now();
      if (at - lastWrite >= PROGRESS_WRITE_EVERY_MS) {
        lastWrite = at;
        renew.run(now() + JOB_LEASE_MS, claimed.id, workerId);
      }
    },
  };
  try {
    await handler.run(deps, job);
    if (!completed) {
      sqlite
        .prepare(
          `update jobs set status = 'done', finished_at = ?, lease_owner = null, lease_until = null
           where id = ? and lease_owner = ? and status = 'running'`,
        )
        .run(now(), claimed.id, workerId);
    }
  } catch (error) {
    if (error instanceof JobLostError) return; // another worker owns the outcome now
    if (!(error instanceof DomainError)) onError?.(error, claimed);
    const code = error instanceof DomainError ? error.code : "internal";
    sqlite
      .prepare(
        `update jobs set status = 'failed', error = ?, finished_at = ?, lease_owner = null, lease_until = null
         where id = ? and lease_owner = ? and status = 'running'`,
      )
      .run(code, now(), claimed.id, workerId);
  }
}

/**
 * Jobs left running by a worker that died (their lease ran out): run again from their payload when
 * their kind allows it and attempts remain, failed with "interrupted" otherwise. Never "running"
 * for ever. Returns what was done.
 */
export function recoverAbandonedJobs(
  deps: Pick<Deps, "db" | "clock">,
  options: Pick<RunnerOptions, "handlers"> = {},
): { retried: number; failed: number } {
  const handlers = (options.handlers ?? jobHandlers) as Record<string, JobHandler<unknown>>;
  const now = deps.clock.now().getTime();
  const sqlite = deps.db.$client;
  const abandoned = sqlite
    .prepare("select id, kind, attempts from jobs where status = 'running' and lease_until < ?")
    .all(now) as { id: number; kind: string; attempts: number }[];
  let retried = 0;
  let failed = 0;
  for (const job of abandoned) {
    const retry = handlers[job.kind]?.afterCrash === "retry" && job.attempts < MAX_JOB_ATTEMPTS;
    const changed = retry
      ? sqlite
          .prepare("update jobs set status = 'queued', lease_owner = null, lease_until = null where id = ? and status = 'running' and lease_until < ?")
          .run(job.id, now).changes
      : sqlite
          .prepare(
            `update jobs set status = 'failed', error = 'interrupted', finished_at = ?, lease_owner = null, lease_until = null
             where id = ? and status = 'running' and lease_until < ?`,
          )
          .run(now, job.id, now).changes;
    if (changed > 0 && retry) retried++;
    else if (changed > 0) failed++;
  }
  return { retried, failed };
}

/** Runs each periodic task once (the tasks themselves make each change happen once across processes). */
export async function runPeriodicTasks(
  deps: Deps,
  options: { tasks?: readonly PeriodicTask[]; onError?: (error: unknown, task: string) => void } = {},
): Promise<void> {
  for (const task of options.tasks ?? periodicTasks) {
    try {
      await task.run(deps);
    } catch (error) {
      options.onError?.(error, task.name);
    }
  }
}

export interface JobWorker {
  /** Looks for due jobs now, without waiting for the next tick (a job was just enqueued). */
  poke(): void;
  stop(): Promise<void>;
}

/**
 * Polls for due jobs every `intervalMs`, recovers abandoned ones, and runs the periodic tasks when
 * their time comes. In-process: the command-line worker, and the web server's job thread
 * (jobs/job-thread.ts) with its own database connection.
 */
export function startJobWorker(
  deps: Deps,
  options: RunnerOptions & {
    intervalMs?: number;
    tasks?: readonly PeriodicTask[];
    onJobFinished?: () => void;
    onTaskError?: (error: unknown, task: string) => void;
  } = {},
): JobWorker {
  const workerId = options.workerId ?? newWorkerId();
  const intervalMs = options.intervalMs ?? 1000;
  const tasks = options.tasks ?? periodicTasks;
  const lastRun = new Map<string, number>();
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let again = false;

  const round = async () => {
    recoverAbandonedJobs(deps, options);
    const at = Date.now();
    const dueTasks = tasks.filter((task) => at - (lastRun.get(task.name) ?? 0) >= task.everyMs);
    for (const task of dueTasks) lastRun.set(task.name, at);
    if (dueTasks.length > 0) await runPeriodicTasks(deps, { tasks: dueTasks, onError: options.onTaskError });
    const ran = await runDueJobs(deps, { ...options, workerId });
    if (ran > 0) options.onJobFinished?.();
  };
  const tick = () => {
    if (stopped) return;
    again = true;
    running = running.then(async () => {
      while (again && !stopped) {
        again = false;
        await round().catch((error) => options.onError?.(error, { id: 0, kind: "runner" }));
      }
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    poke: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
