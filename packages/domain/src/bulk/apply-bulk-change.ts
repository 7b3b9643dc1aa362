import type { Actor } from "../auth/actor.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { cancelJob, enqueueJob } from "../jobs/jobs.ts";
import type { JobHandler, RunningJob } from "../jobs/job-types.ts";
import { checkVersion, findCompanyLine } from "../lines/company-lines.ts";
import { billingMonthOf, billingMonthStart, nextBillingMonth } from "../shared/billing-calendar.ts";
import { BULK_CHANGE_JOB_KIND, type BulkEffective } from "./bulk-change-types.ts";
import { loadRegionCatalogue, planLineChange, type RegionCatalogue, resolveTarget, servicesOfText, servicesText } from "./plan-bulk-change.ts";
import { managingCompany } from "./preview-bulk-change.ts";

/** A line's change as the preview computed it: written as it is, or not at all. */
export interface PlannedChange {
  lineId: number;
  msisdn: string;
  version: number;
  tariffBefore: number;
  tariffAfter: number;
  servicesBefore: string;
  servicesAfter: string;
  feeBefore: number;
  feeAfter: number;
}

/** Who changes the lines, for the audit trail. */
export interface ChangeAuthor {
  userId: number | null;
  label: string;
  clientAddress: string | null;
}

/** A line changed since its preview (another administrator, a block): nothing of the change is written. */
export class StalePreviewError extends DomainError {
  constructor(readonly msisdn: string) {
    super("conflict", "a line changed since the preview", { bulkChange: { code: "bulk.stale", params: { msisdn } } });
  }
}

/**
 * Writes planned changes inside the caller's transaction: each line's tariff and services, its
 * version raised, and one audit event per line with the values before and after. The version check
 * and the write are one statement, as in a single save: a line whose version moved since the
 * preview throws `StalePreviewError`, and the caller's transaction takes everything back.
 */
export function applyPlannedChanges(
  tx: Db,
  at: Date,
  scope: { companyId: number; regionCode: string; bulkChangeId: number | null },
  author: ChangeAuthor,
  catalogue: RegionCatalogue,
  changes: Iterable<PlannedChange>,
): number {
  const sqlite = tx.$client;
  const update = sqlite.prepare(
    "update lines set tariff_id = ?, version = version + 1 where id = ? and company_id = ? and region_code = ? and version = ? and terminated_at is null",
  );
  const serviceOff = sqlite.prepare("delete from line_services where line_id = ? and service_id = ?");
  const serviceOn = sqlite.prepare("insert into line_services (line_id, service_id, region_code, activated_at, activated_by_user_id) values (?, ?, ?, ?, ?)");
  const audit = sqlite.prepare(
    `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
     values (?, ?, ?, ?, ?, 'line.plan_changed', 'line', ?, ?, ?, ?)`,
  );
  // The audit's JSON is written here rather than by JSON.stringify of an object per line: a bulk
  // change writes it 100,000 times, and its parts repeat (a handful of tariffs and service sets).
  const json = (value: unknown) => JSON.stringify(value);
  const tariffJson = new Map<number, string>();
  const tariffCode = (id: number) => {
    let found = tariffJson.get(id);
    if (!found) {
      found = json(catalogue.tariffs.get(id)?.code ?? String(id));
      tariffJson.set(id, found);
    }
    return found;
  };
  const servicesJson = new Map<string, string>();
  const serviceCodes = (text: string) => {
    let found = servicesJson.get(text);
    if (!found) {
      found = json(servicesOfText(text).map((id) => catalogue.services.get(id)?.code ?? String(id)));
      servicesJson.set(text, found);
    }
    return found;
  };
  const bulkChange = scope.bulkChangeId == null ? "" : `,"bulkChange":${scope.bulkChangeId}`;
  const when = at.getTime();
  let changed = 0;
  for (const change of changes) {
    if (update.run(change.tariffAfter, change.lineId, scope.companyId, scope.regionCode, change.version).changes !== 1) throw new StalePreviewError(change.msisdn);
    if (change.servicesBefore !== change.servicesAfter) {
      const before = servicesOfText(change.servicesBefore);
      const after = servicesOfText(change.servicesAfter);
      for (const id of before) if (!after.includes(id)) serviceOff.run(change.lineId, id);
      for (const id of after) if (!before.includes(id)) serviceOn.run(change.lineId, id, scope.regionCode, when, author.userId);
    }
    audit.run(
      when,
      author.userId,
      author.label,
      scope.regionCode,
      scope.companyId,
      String(change.lineId),
      author.clientAddress,
      `{"msisdn":${json(change.msisdn)},"tariff":${tariffCode(change.tariffBefore)},"services":${serviceCodes(change.servicesBefore)},"monthlyFee":${change.feeBefore}}`,
      `{"msisdn":${json(change.msisdn)},"tariff":${tariffCode(change.tariffAfter)},"services":${serviceCodes(change.servicesAfter)},"monthlyFee":${change.feeAfter}${bulkChange}}`,
    );
    changed++;
  }
  return changed;
}

interface StoredChange {
  id: number;
  company_id: number;
  region_code: string;
  change_count: number;
  job_id: number | null;
}

function findStoredChange(db: Db, actor: Actor, bulkChangeId: number): StoredChange {
  const companyId = managingCompany(actor);
  const row = Number.isSafeInteger(bulkChangeId)
    ? (db.$client
        .prepare("select id, company_id, region_code, change_count, job_id from bulk_changes where id = ? and company_id = ? and region_code = ?")
        .get(bulkChangeId, companyId, actor.regionCode) as StoredChange | undefined)
    : undefined;
  if (!row) throw new DomainError("not_found", "bulk change not found");
  return row;
}

/** The first line of a stored preview whose version has moved since (or that is gone), if any. */
function firstStaleLine(db: Db, change: Pick<StoredChange, "id" | "company_id">, fromSeq: number, toSeq: number): string | null {
  const row = db.$client
    .prepare(
      `select b.msisdn from bulk_change_lines b
       left join lines l on l.id = b.line_id and l.version = b.version and l.company_id = ? and l.terminated_at is null
       where b.bulk_change_id = ? and b.seq >= ? and b.seq < ? and l.id is null
       order by b.seq limit 1`,
    )
    .get(change.company_id, change.id, fromSeq, toSeq) as { msisdn: string } | undefined;
  return row?.msisdn ?? null;
}

/** The first instant of the next billing month in the region's time zone. */
export function nextBillingMonthStart(db: Db, regionCode: string, now: Date): Date {
  const zone = (db.$client.prepare("select time_zone from regions where code = ?").pluck().get(regionCode) as string | undefined) ?? "UTC";
  return new Date(billingMonthStart(zone, nextBillingMonth(billingMonthOf(zone, now.getTime()))));
}

/**
 * Submits a stored preview: applied now, or from the first day of the next billing month in the
 * region's time zone. Stored as a job in the same transaction (run off the request path, also after
 * a restart that missed its moment). Refused when already submitted, when nothing would change, or
 * when a line changed since the preview (make a new preview).
 */
export function submitBulkChange(deps: Deps, actor: Actor, input: { bulkChangeId: number; effective: BulkEffective }): { jobId: number; runAfter: Date } {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const change = findStoredChange(tx, actor, input.bulkChangeId);
    if (change.job_id != null) throw new DomainError("conflict", "already submitted", { bulkChange: { code: "bulk.alreadySubmitted" } });
    if (change.change_count === 0) throw new DomainError("invalid", "nothing to change", { bulkChange: { code: "bulk.nothingToApply" } });
    const stale = firstStaleLine(tx, change, 0, change.change_count);
    if (stale) throw new StalePreviewError(stale);
    const runAfter = input.effective === "now" ? now : nextBillingMonthStart(tx, change.region_code, now);
    const jobId = enqueueJob(tx, now, {
      kind: BULK_CHANGE_JOB_KIND,
      companyId: change.company_id,
      regionCode: change.region_code,
      createdBy: actor.userId,
      payload: { bulkChangeId: change.id, clientAddress: actor.clientAddress ?? null } satisfies BulkChangeJobPayload,
      runAfter,
      progressTotal: change.change_count,
    });
    tx.$client.prepare("update bulk_changes set job_id = ?, effective = ? where id = ?").run(jobId, input.effective, change.id);
    recordCompanyEvent(tx, now, actor, change, "bulk.submitted", { bulkChange: change.id, lines: change.change_count, effective: input.effective, runAfter: runAfter.toISOString() });
    return { jobId, runAfter };
  });
}

/** Cancels a scheduled bulk change before its moment; once it has started it can no longer be ("conflict"). */
export function cancelBulkChange(deps: Deps, actor: Actor, input: { bulkChangeId: number }): void {
  const change = findStoredChange(deps.db, actor, input.bulkChangeId);
  if (change.job_id == null) throw new DomainError("conflict", "not submitted", { bulkChange: { code: "bulk.notSubmitted" } });
  const jobId = change.job_id;
  inTransaction(deps.db, (tx) => {
    try {
      cancelJob({ db: tx, clock: deps.clock }, actor, jobId);
    } catch (error) {
      if (error instanceof DomainError && error.code === "conflict") throw new DomainError("conflict", "already started", { bulkChange: { code: "bulk.cannotCancel" } });
      throw error;
    }
    recordCompanyEvent(tx, deps.clock.now(), actor, change, "bulk.cancelled", { bulkChange: change.id, lines: change.change_count });
  });
}

function recordCompanyEvent(tx: Db, at: Date, actor: Actor, change: StoredChange, action: string, after: Record<string, unknown>) {
  tx.$client
    .prepare(
      `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
       values (?, ?, ?, ?, ?, ?, 'bulk_change', ?, ?, null, ?)`,
    )
    .run(at.getTime(), actor.userId, actor.login, change.region_code, change.company_id, action, String(change.id), actor.clientAddress ?? null, JSON.stringify(after));
}

export interface BulkChangeJobPayload {
  bulkChangeId: number;
  clientAddress: string | null;
}

const CHECK_CHUNK = 5000;

/**
 * The job that applies a submitted bulk change. First, outside any write transaction and a chunk at
 * a time (progress on the page, the lease renewed), it looks for a line changed since the preview:
 * one found refuses the whole change. Then ONE transaction writes every line, audits each, marks
 * the bulk change applied and the job done: a crash anywhere leaves every line as it was and the
 * job to be run again (the versions make a second run refuse nothing it should not).
 */
export const bulkChangeJobHandler: JobHandler<BulkChangeJobPayload> = {
  afterCrash: "retry",
  async run(deps: Deps, job: RunningJob<BulkChangeJobPayload>) {
    const sqlite = deps.db.$client;
    const change = sqlite
      .prepare("select id, company_id, region_code, change_count, job_id from bulk_changes where id = ? and company_id = ? and job_id = ?")
      .get(job.payload.bulkChangeId, job.companyId, job.id) as StoredChange | undefined;
    if (!change) throw new DomainError("not_found", "bulk change not found");
    const total = change.change_count;
    job.progress(0, total);
    for (let from = 0; from < total; from += CHECK_CHUNK) {
      const stale = firstStaleLine(deps.db, change, from, from + CHECK_CHUNK);
      if (stale) refuseStale(deps.db, change.id, stale);
      job.progress(Math.min(total, from + CHECK_CHUNK), total);
      await job.yield();
    }
    const author = authorOf(deps.db, job);
    const catalogue = loadRegionCatalogue(deps.db, change.region_code);
    const at = deps.clock.now();
    try {
      inTransaction(deps.db, (tx) => {
        const rows = (
          tx.$client
            .prepare(
              `select line_id, msisdn, version, tariff_before, tariff_after, services_before, services_after, fee_before, fee_after
               from bulk_change_lines where bulk_change_id = ? and seq < ? order by seq`,
            )
            .raw()
            .all(change.id, total) as [number, string, number, number, number, string, string, number, number][]
        ).map(
          ([lineId, msisdn, version, tariffBefore, tariffAfter, servicesBefore, servicesAfter, feeBefore, feeAfter]): PlannedChange => ({
            lineId,
            msisdn,
            version,
            tariffBefore,
            tariffAfter,
            servicesBefore,
            servicesAfter,
            feeBefore,
            feeAfter,
          }),
        );
        const changed = applyPlannedChanges(tx, at, { companyId: change.company_id, regionCode: change.region_code, bulkChangeId: change.id }, author, catalogue, rows);
        tx.$client.prepare("update bulk_changes set applied_at = ?, refusal = null, refusal_msisdn = null where id = ?").run(at.getTime(), change.id);
        tx.$client
          .prepare(
            `insert into audit_events (at, actor_user_id, actor_label, region_code, company_id, action, target_type, target_id, client_address, before, after)
             values (?, ?, ?, ?, ?, 'bulk.applied', 'bulk_change', ?, ?, null, ?)`,
          )
          .run(at.getTime(), author.userId, author.label, change.region_code, change.company_id, String(change.id), author.clientAddress, JSON.stringify({ bulkChange: change.id, lines: changed }));
        job.completeIn(tx, { changed });
      });
    } catch (error) {
      if (error instanceof StalePreviewError) refuseStale(deps.db, change.id, error.msisdn);
      throw error;
    }
  },
};

/** Records why applying refused (shown on the page) and fails the job. */
function refuseStale(db: Db, bulkChangeId: number, msisdn: string): never {
  db.$client.prepare("update bulk_changes set refusal = 'stale', refusal_msisdn = ? where id = ?").run(msisdn, bulkChangeId);
  throw new StalePreviewError(msisdn);
}

function authorOf(db: Db, job: RunningJob<BulkChangeJobPayload>): ChangeAuthor {
  const login = job.createdBy == null ? null : (db.$client.prepare("select login from users where id = ?").pluck().get(job.createdBy) as string | undefined);
  return { userId: job.createdBy, label: login ?? "system", clientAddress: job.payload.clientAddress ?? null };
}

/**
 * One line's tariff changed from its page, now: planned by the same rule as a bulk change's
 * preview (`planLineChange`) and written by the same function as its apply (`applyPlannedChanges`),
 * in one transaction. A refusal (blocked, already on it, a service the tariff does not allow) comes
 * back as the tariff field's message; a save from an outdated page as "changed meanwhile".
 */
export function changeLineTariff(deps: Deps, actor: Actor, input: { lineId: number; tariffId: number; expectedVersion?: number }): { version: number } {
  const companyId = managingCompany(actor);
  return inTransaction(deps.db, (tx) => {
    const line = findCompanyLine(tx, actor, input.lineId);
    checkVersion(line, input.expectedVersion);
    const catalogue = loadRegionCatalogue(tx, line.regionCode);
    const target = resolveTarget(catalogue, { tariffId: input.tariffId });
    const services = tx.$client.prepare("select service_id from line_services where line_id = ? order by service_id").pluck().all(line.id) as number[];
    const state = { id: line.id, msisdn: line.msisdn, version: line.version, tariffId: line.tariffId, blockMask: line.blockMask, services };
    const plan = planLineChange(catalogue, target, state);
    if (!plan.changes) {
      const params: Record<string, string> = plan.service ? { service: plan.service } : {};
      throw new DomainError("invalid", `refused: ${plan.reason}`, { tariffId: { code: `bulk.refusal.${plan.reason}`, params } });
    }
    applyPlannedChanges(
      tx,
      deps.clock.now(),
      { companyId, regionCode: line.regionCode, bulkChangeId: null },
      { userId: actor.userId, label: actor.login, clientAddress: actor.clientAddress ?? null },
      catalogue,
      [
        {
          lineId: line.id,
          msisdn: line.msisdn,
          version: line.version,
          tariffBefore: line.tariffId,
          tariffAfter: plan.tariffAfter,
          servicesBefore: servicesText(services),
          servicesAfter: servicesText(plan.servicesAfter),
          feeBefore: plan.feeBefore,
          feeAfter: plan.feeAfter,
        },
      ],
    );
    return { version: line.version + 1 };
  });
}
