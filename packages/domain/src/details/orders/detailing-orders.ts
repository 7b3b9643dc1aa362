import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "../../auth/actor.ts";
import type { JobStatus } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import type { JobRecord } from "../../jobs/job-types.ts";
import { getJob, listJobs } from "../../jobs/jobs.ts";
import { actingCompany } from "../../lines/company-lines.ts";
import { listDepartments } from "../../lines/departments.ts";
import { type LineSelection, resolveLineSelection } from "../../lines/line-selection.ts";
import { findRegion } from "../../regions/regions.ts";
import { DETAILING_PDF_MAX_ROWS, type DetailingFormat } from "../detailing-scope.ts";
import { detailingSettings } from "./detailing-files.ts";
import type { DetailingOrderOutcome } from "./detailing-job.ts";
import type { DetailingLinesLabel } from "./detailing-lines.ts";
import { type DetailingWindow, detailingWindow } from "./detailing-period.ts";
import { DETAILING_JOB_KIND, type DetailingOrderPayload } from "./place-detailing-order.ts";

/** An order as the orders page lists it. */
export interface DetailingOrderView {
  id: number;
  orderedAt: Date;
  from: string;
  to: string;
  lines: DetailingLinesLabel;
  format: DetailingFormat;
  zip: boolean;
  email: string;
  status: JobStatus;
  /** Rows written so far and in all (null while unknown). */
  progressDone: number;
  progressTotal: number | null;
  /** Once done. */
  bytes: number | null;
  rows: number | null;
  delivery: "attachment" | "link" | null;
  /** Once done: until when the file can be downloaded; `downloadable` false once that has passed. */
  expiresAt: Date | null;
  downloadable: boolean;
  /** A failed order's short reason code ("invalid", "interrupted", "internal"). */
  error: string | null;
}

function isDetailingOrder(job: JobRecord): job is JobRecord & { payload: DetailingOrderPayload } {
  return job.kind === DETAILING_JOB_KIND && typeof job.payload === "object" && job.payload !== null;
}

function viewOf(job: JobRecord & { payload: DetailingOrderPayload }, now: number): DetailingOrderView {
  const outcome = job.status === "done" ? (job.result as DetailingOrderOutcome | null) : null;
  return {
    id: job.id,
    orderedAt: job.createdAt,
    from: job.payload.from,
    to: job.payload.to,
    lines: job.payload.label,
    format: job.payload.format,
    zip: job.payload.zip,
    email: job.payload.email,
    status: job.status,
    progressDone: job.progressDone,
    progressTotal: job.progressTotal,
    bytes: outcome?.bytes ?? null,
    rows: outcome?.rows ?? null,
    delivery: outcome?.delivery ?? null,
    expiresAt: outcome ? new Date(outcome.expiresAt) : null,
    downloadable: !!outcome && outcome.expiresAt > now,
    error: job.status === "failed" ? (job.error ?? "internal") : null,
  };
}

/** The company's call-detail orders, newest first (any of its administrators sees all of them). */
export function listDetailingOrders(deps: Deps, actor: Actor, options: { limit?: number } = {}): DetailingOrderView[] {
  actingCompany(actor);
  const now = deps.clock.now().getTime();
  return listJobs(deps, actor, { kind: DETAILING_JOB_KIND, limit: options.limit ?? 20 })
    .filter(isDetailingOrder)
    .map((job) => viewOf(job, now));
}

/** One order of the actor's company; another company's is "not found". */
export function getDetailingOrder(deps: Deps, actor: Actor, orderId: number): DetailingOrderView {
  const job = getJob(deps, actor, orderId);
  if (!isDetailingOrder(job)) throw new DomainError("not_found", "order not found");
  return viewOf(job, deps.clock.now().getTime());
}

/** What the order form starts from: the period allowed, the company's departments, the e-mail to send to. */
export interface DetailingOrderForm {
  window: DetailingWindow;
  timeZone: string;
  departments: { id: number; name: string; lineCount: number }[];
  /** The address of the administrator's last order, else his own (users.email), else empty. */
  email: string;
  pdfMaxRows: number;
  attachmentLimitBytes: number;
  linkLifetimeMs: number;
  /** How many of the company's lines the lines list's selection brought along holds (null: none brought). */
  selectionCount: number | null;
}

/** The order form's starting point; `selection` is the lines list's, when the page was opened from it. */
export function detailingOrderForm(deps: Deps, actor: Actor, options: { selection?: LineSelection | null } = {}): DetailingOrderForm {
  const companyId = actingCompany(actor);
  const region = findRegion(deps, actor.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  const sqlite = deps.db.$client;
  const lastOrdered = sqlite
    .prepare("select json_extract(payload, '$.email') from jobs where kind = ? and company_id = ? and created_by = ? order by id desc limit 1")
    .pluck()
    .get(DETAILING_JOB_KIND, companyId, actor.userId) as string | null | undefined;
  const applied = sqlite.prepare("select email from users where id = ? and company_id = ?").pluck().get(actor.userId, companyId) as string | null | undefined;
  const settings = detailingSettings(deps);
  return {
    window: detailingWindow(region.timeZone, deps.clock.now()),
    timeZone: region.timeZone,
    departments: listDepartments(deps, actor),
    email: lastOrdered ?? applied ?? "",
    pdfMaxRows: DETAILING_PDF_MAX_ROWS,
    attachmentLimitBytes: settings.attachmentLimitBytes,
    linkLifetimeMs: settings.linkLifetimeMs,
    selectionCount: options.selection ? resolveLineSelection(deps, actor, options.selection).lineIds.length : null,
  };
}

export type DetailingDownload =
  | { ok: true; path: string; fileName: string; contentType: string; bytes: number }
  | { ok: false; expiredAt: Date };

/**
 * The file of a finished order, for the company's own administrators (login required: the route
 * asks for it). Another company's order, or one not finished, is "not found"; past its lifetime the
 * answer is that it expired, and when.
 */
export function detailingDownload(deps: Deps, actor: Actor, orderId: number): DetailingDownload {
  const job = getJob(deps, actor, orderId);
  if (!isDetailingOrder(job) || job.status !== "done" || !job.result) throw new DomainError("not_found", "no file for this order");
  const outcome = job.result as DetailingOrderOutcome;
  const path = join(detailingSettings(deps).filesDir, outcome.file);
  if (outcome.expiresAt <= deps.clock.now().getTime() || !existsSync(path)) return { ok: false, expiredAt: new Date(outcome.expiresAt) };
  return { ok: true, path, fileName: outcome.fileName, contentType: outcome.contentType, bytes: outcome.bytes };
}
