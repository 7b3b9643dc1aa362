import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import type { JobStatus } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { conflict, notFound } from "../errors.ts";
import type { JobRecord } from "./job-types.ts";

export interface JobToEnqueue {
  kind: string;
  companyId: number | null;
  regionCode: string | null;
  createdBy: number | null;
  payload: unknown;
  /** Not before this moment (a scheduled change); now when absent. */
  runAfter?: Date;
  progressTotal?: number;
}

/**
 * Stores a job to be run off the request path. Call it inside the transaction that stores what the
 * job works on, so that both land or neither does. Returns the job's id.
 */
export function enqueueJob(tx: Db, now: Date, job: JobToEnqueue): number {
  const row = tx.$client
    .prepare(
      `insert into jobs (kind, company_id, region_code, created_by, status, run_after, payload, progress_total, created_at)
       values (?, ?, ?, ?, 'queued', ?, ?, ?, ?) returning id`,
    )
    .get(
      job.kind,
      job.companyId,
      job.regionCode,
      job.createdBy,
      (job.runAfter ?? now).getTime(),
      JSON.stringify(job.payload ?? null),
      job.progressTotal ?? null,
      now.getTime(),
    ) as { id: number };
  return row.id;
}

interface JobRow {
  id: number;
  kind: string;
  company_id: number | null;
  region_code: string | null;
  created_by: number | null;
  status: JobStatus;
  run_after: number;
  payload: string;
  progress_done: number;
  progress_total: number | null;
  result: string | null;
  error: string | null;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

const columns = `id, kind, company_id, region_code, created_by, status, run_after, payload, progress_done, progress_total,
  result, error, attempts, created_at, started_at, finished_at`;

export function jobRecordOf(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    companyId: row.company_id,
    regionCode: row.region_code,
    createdBy: row.created_by,
    status: row.status,
    runAfter: new Date(row.run_after),
    payload: JSON.parse(row.payload),
    progressDone: row.progress_done,
    progressTotal: row.progress_total,
    result: row.result == null ? null : JSON.parse(row.result),
    error: row.error,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    startedAt: row.started_at == null ? null : new Date(row.started_at),
    finishedAt: row.finished_at == null ? null : new Date(row.finished_at),
  };
}

/** A job of the actor's company (its administrators only); another company's or a system job is "not found". */
export function getJob(deps: Pick<Deps, "db">, actor: Actor, jobId: number): JobRecord {
  if (actor.companyId == null || !Number.isSafeInteger(jobId)) throw notFound("job");
  const row = deps.db.$client
    .prepare(`select ${columns} from jobs where id = ? and company_id = ? and region_code = ?`)
    .get(jobId, actor.companyId, actor.regionCode) as JobRow | undefined;
  if (!row) throw notFound("job");
  return jobRecordOf(row);
}

/** The actor's company's jobs of the given kinds, newest first. */
export function listJobs(deps: Pick<Deps, "db">, actor: Actor, query: { kind: string | readonly string[]; limit?: number }): JobRecord[] {
  if (actor.companyId == null) return [];
  const kinds = typeof query.kind === "string" ? [query.kind] : [...query.kind];
  const limit = Math.min(Math.max(1, query.limit ?? 50), 500);
  const rows = deps.db.$client
    .prepare(
      `select ${columns} from jobs
       where company_id = ? and region_code = ? and kind in (select value from json_each(?))
       order by created_at desc, id desc limit ?`,
    )
    .all(actor.companyId, actor.regionCode, JSON.stringify(kinds), limit) as JobRow[];
  return rows.map(jobRecordOf);
}

/**
 * Cancels a job that has not started (a scheduled change before its moment). Once it runs, it
 * can no longer be cancelled: "conflict".
 */
export function cancelJob(deps: Pick<Deps, "db" | "clock">, actor: Actor, jobId: number): JobRecord {
  const job = getJob(deps, actor, jobId);
  const changed = deps.db.$client
    .prepare("update jobs set status = 'cancelled', finished_at = ? where id = ? and status = 'queued'")
    .run(deps.clock.now().getTime(), job.id).changes;
  if (changed === 0) throw conflict("the job has already started");
  return getJob(deps, actor, jobId);
}
