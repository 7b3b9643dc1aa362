import type { Db } from "../db/open-database.ts";
import type { JobStatus } from "../db/schema.ts";
import type { Deps } from "../deps.ts";

/** A job as the pages and the domain see it. */
export interface JobRecord {
  id: number;
  kind: string;
  companyId: number | null;
  regionCode: string | null;
  createdBy: number | null;
  status: JobStatus;
  runAfter: Date;
  payload: unknown;
  progressDone: number;
  progressTotal: number | null;
  result: unknown;
  /** A short code ("interrupted", "stale_preview", "internal"), never a stack or personal data. */
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A job in the hands of its handler. */
export interface RunningJob<P = unknown> {
  id: number;
  kind: string;
  companyId: number | null;
  regionCode: string | null;
  createdBy: number | null;
  payload: P;
  /** 1 on the first run; more when the job is run again after its worker died. */
  attempts: number;
  /** Progress for the page; cheap to call often (written at most every 250 ms); renews the lease. */
  progress(done: number, total?: number): void;
  /**
   * Marks the job done with its result inside the handler's own transaction, so that the job's
   * effect and its "done" commit together or not at all. Throws `JobLostError` when the job is no
   * longer this worker's (its lease ran out and another worker took it over).
   */
  completeIn(tx: Db, result: unknown): void;
  /** Awaited between chunks of long work: lets timers and other work run, renews the lease. */
  yield(): Promise<void>;
}

export interface JobHandler<P = unknown> {
  /**
   * What to do with a job found running after its worker died (lease expired): run it again from
   * its payload (at most `MAX_JOB_ATTEMPTS` runs in all), or mark it failed with "interrupted".
   */
  afterCrash: "retry" | "fail";
  run(deps: Deps, job: RunningJob<P>): Promise<void>;
}

/** Work the runner does now and then, such as a billing month's change. Must be idempotent across processes. */
export interface PeriodicTask {
  name: string;
  everyMs: number;
  run(deps: Deps): void | Promise<void>;
}

/** The job was taken over by another worker: this one must not write its outcome. */
export class JobLostError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} is no longer held by this worker`);
    this.name = "JobLostError";
  }
}

export const MAX_JOB_ATTEMPTS = 3;
