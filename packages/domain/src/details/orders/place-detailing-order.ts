import { z } from "zod";
import { recordAuditEvent } from "../../audit/record-audit-event.ts";
import type { Actor } from "../../auth/actor.ts";
import { inTransaction } from "../../db/open-database.ts";
import type { Deps } from "../../deps.ts";
import { DomainError, type FieldErrors } from "../../errors.ts";
import { enqueueJob } from "../../jobs/jobs.ts";
import { actingCompany } from "../../lines/company-lines.ts";
import type { LineSelection } from "../../lines/line-selection.ts";
import { findRegion } from "../../regions/regions.ts";
import { parseMsisdn } from "../../shared/phone-numbers.ts";
import { assertDetailingFits, estimateDetailingRows } from "../detailing-rows.ts";
import type { DetailingFormat, DetailingLocale, DetailingScope } from "../detailing-scope.ts";
import {
  companyDepartmentName,
  companyLineByNumber,
  type DetailingLines,
  type DetailingLinesLabel,
  resolveDetailingLines,
} from "./detailing-lines.ts";
import { checkDetailingPeriod } from "./detailing-period.ts";

/** The job kind of a call-detail order (jobs/job-handlers.ts runs it with detailingJobHandler). */
export const DETAILING_JOB_KIND = "detailing";

/** Orders of a company not yet finished at once: more waits for these to finish (a hand-made flood, not a person). */
export const DETAILING_UNFINISHED_MAX = 5;

export const DETAILING_EMAIL_MAX = 254;

/** An order as the form gives it: typed values, the number as people type it. */
export interface DetailingOrderInput {
  /** yyyy-mm-dd, the region's calendar, both days included. */
  from: string;
  to: string;
  lines:
    | { kind: "all" }
    | { kind: "department"; departmentId: number }
    | { kind: "line"; number: string }
    | { kind: "selection"; selection: LineSelection };
  format: DetailingFormat;
  zip: boolean;
  email: string;
  /** The language of the file and of the e-mail: the administrator's. */
  locale: DetailingLocale;
}

/** What the job is given: the order as placed, checked, with the period as instants. */
export interface DetailingOrderPayload {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
  timeZone: string;
  lines: DetailingLines;
  label: DetailingLinesLabel;
  format: DetailingFormat;
  zip: boolean;
  email: string;
  locale: DetailingLocale;
  /** How many events the period held when ordered (the progress bar's total). */
  rows: number;
}

export type PlaceDetailingOrderResult = { ok: true; orderId: number } | { ok: false; fieldErrors: FieldErrors };

const emailSchema = z.string().trim().toLowerCase().max(DETAILING_EMAIL_MAX).pipe(z.email());

/**
 * Places an order for call details: checks the period in the region's time zone (the last six full
 * billing months and the current one), the lines (the company's own; another company's department
 * or line is "not found"), refuses a PDF too long to be read (offering CSV or XLSX), and stores the
 * job with an audit event in one transaction. The file is produced in the background (detailing-job.ts).
 * Refusals the administrator can fix come back as field errors; nothing is stored then.
 */
export function placeDetailingOrder(deps: Deps, actor: Actor, input: DetailingOrderInput): PlaceDetailingOrderResult {
  const companyId = actingCompany(actor);
  const region = findRegion(deps, actor.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");
  const now = deps.clock.now();
  const fieldErrors: FieldErrors = {};

  const checked = checkDetailingPeriod(region.timeZone, now, input);
  if (!checked.ok) Object.assign(fieldErrors, checked.fieldErrors);

  const email = emailSchema.safeParse(input.email);
  if (!email.success) fieldErrors.email = { code: input.email.trim() ? "email.format" : "required" };

  let lines: DetailingLines | null = null;
  let label: DetailingLinesLabel | null = null;
  switch (input.lines.kind) {
    case "all":
      lines = { kind: "all" };
      label = { kind: "all" };
      break;
    case "department":
      label = { kind: "department", name: companyDepartmentName(deps, actor, input.lines.departmentId) };
      lines = { kind: "department", departmentId: input.lines.departmentId };
      break;
    case "line": {
      const parsed = parseMsisdn(input.lines.number);
      const line = parsed.ok ? companyLineByNumber(deps, actor, parsed.msisdn) : undefined;
      if (!input.lines.number.trim()) fieldErrors.line = { code: "required" };
      else if (!parsed.ok) fieldErrors.line = { code: "details.line.format" };
      else if (!line) fieldErrors.line = { code: "details.line.notCompany" };
      else {
        lines = { kind: "line", lineId: line.id };
        label = { kind: "line", msisdn: line.msisdn };
      }
      break;
    }
    case "selection":
      lines = { kind: "selection", selection: input.lines.selection };
      break;
  }
  if (!checked.ok || !lines) return { ok: false, fieldErrors };

  const period = checked.period;
  const lineIds = resolveDetailingLines(deps, actor, lines, period.fromMs);
  if (lineIds.length === 0) fieldErrors.lines = { code: "details.lines.none" };
  if (input.lines.kind === "selection") label = { kind: "selection", count: lineIds.length };
  const scope: DetailingScope = { companyId, regionCode: actor.regionCode, lineIds, from: period.fromMs, to: period.toMs };
  const rows = lineIds.length ? estimateDetailingRows(deps, scope) : 0;
  try {
    assertDetailingFits(deps, scope, input, rows);
  } catch (error) {
    if (!(error instanceof DomainError) || !error.fieldErrors) throw error;
    Object.assign(fieldErrors, error.fieldErrors);
  }
  if (Object.keys(fieldErrors).length > 0 || !email.success || !label) return { ok: false, fieldErrors };

  const payload: DetailingOrderPayload = {
    from: period.from,
    to: period.to,
    fromMs: period.fromMs,
    toMs: period.toMs,
    timeZone: region.timeZone,
    lines,
    label,
    format: input.format,
    zip: input.zip,
    email: email.data,
    locale: input.locale,
    rows,
  };
  return inTransaction(deps.db, (tx) => {
    const unfinished = tx.$client
      .prepare("select count(*) from jobs where company_id = ? and kind = ? and status in ('queued', 'running')")
      .pluck()
      .get(companyId, DETAILING_JOB_KIND) as number;
    if (unfinished >= DETAILING_UNFINISHED_MAX) {
      return { ok: false, fieldErrors: { "": { code: "details.tooManyUnfinished", params: { max: String(DETAILING_UNFINISHED_MAX) } } } };
    }
    const orderId = enqueueJob(tx, now, {
      kind: DETAILING_JOB_KIND,
      companyId,
      regionCode: actor.regionCode,
      createdBy: actor.userId,
      payload,
      progressTotal: rows,
    });
    recordAuditEvent(tx, {
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.login,
      regionCode: actor.regionCode,
      companyId,
      action: "detailing.ordered",
      targetType: "detailing_order",
      targetId: orderId,
      clientAddress: actor.clientAddress ?? null,
      after: { from: period.from, to: period.to, lines: label, format: input.format, zip: input.zip, email: email.data, rows },
    });
    return { ok: true, orderId };
  });
}
