import { createHash } from "node:crypto";
import { applicationReceivedEmail, applicationToOfficeEmail } from "@cabinet/mail";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { inTransaction } from "../db/open-database.ts";
import { applications } from "../db/schema.ts";
import { enqueueEmail } from "../outbox/enqueue.ts";
import { findRegion } from "../regions/regions.ts";
import { applicationFormData, applicationPdfFilename, applicationSummary } from "./application-documents.ts";
import { type RenderApplicationPdf, renderApplicationPdfInWorkers } from "./application-pdf.ts";

/**
 * The second half of submitting an application (see submit-application.ts): its PDF, which prints
 * the reference the first transaction gave it, is rendered outside any transaction, then attached
 * in one transaction together with the two e-mails that carry it. An application whose PDF is
 * still missing — the process died between the two, or the renderer failed — is completed later by
 * `completeUnfinishedApplications` (the outbox worker runs it on every round, so also at start),
 * or at once by whoever needs its PDF first (the applicant's download).
 *
 * Safe to run twice at once, in one process or two: rendering is deterministic (same application,
 * same bytes), and only the transaction that finds the PDF still missing attaches it and queues the
 * e-mails; the other one changes nothing.
 *
 * Returns true when this call completed the application, false when it was complete already.
 */
export async function completeApplication(
  deps: Deps,
  applicationId: number,
  renderPdf: RenderApplicationPdf = renderApplicationPdfInWorkers,
): Promise<boolean> {
  const app = deps.db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), isNull(applications.pdf)))
    .get();
  if (!app) return false;
  const region = findRegion(deps, app.regionCode);
  if (!region) throw new Error(`application ${applicationId}: unknown region ${app.regionCode}`);

  const pdf = await renderPdf(applicationFormData(deps, app, region));
  const pdfSha256 = createHash("sha256").update(pdf).digest("hex");

  return inTransaction(deps.db, (tx) => {
    const attached = tx
      .update(applications)
      .set({ pdf: Buffer.from(pdf), pdfSha256 })
      .where(and(eq(applications.id, applicationId), isNull(applications.pdf)))
      .returning({ id: applications.id })
      .get();
    if (!attached) return false;
    const now = deps.clock.now();
    const attachments = [{ filename: applicationPdfFilename(app.reference), contentType: "application/pdf", content: pdf }];
    const topic = `application:${app.id}`;
    const toOffice = applicationToOfficeEmail(applicationSummary(deps, app, region, "ru"));
    enqueueEmail(tx, now, { to: region.officeEmail, ...toOffice, topic, regionCode: region.code, attachments });
    const toApplicant = applicationReceivedEmail(applicationSummary(deps, app, region, app.locale), app.locale);
    enqueueEmail(tx, now, { to: app.email, ...toApplicant, topic, regionCode: region.code, attachments });
    return true;
  });
}

/**
 * An application normally completes within a second of its registration; one older than this
 * without its PDF was abandoned by its process (or its renderer failed) and is completed here.
 */
export const UNFINISHED_AFTER_MS = 30_000;

export interface CompletionReport {
  completed: number;
  /** Applications that could not be completed this time (tried again on the next round). */
  failed: { applicationId: number; error: unknown }[];
}

/** Completes applications registered more than `UNFINISHED_AFTER_MS` ago that still have no PDF. */
export async function completeUnfinishedApplications(
  deps: Deps,
  options: { renderPdf?: RenderApplicationPdf; limit?: number } = {},
): Promise<CompletionReport> {
  const before = new Date(deps.clock.now().getTime() - UNFINISHED_AFTER_MS);
  const unfinished = deps.db
    .select({ id: applications.id })
    .from(applications)
    .where(and(isNull(applications.pdf), lte(applications.submittedAt, before)))
    .orderBy(asc(applications.id))
    .limit(options.limit ?? 20)
    .all();
  const report: CompletionReport = { completed: 0, failed: [] };
  for (const { id } of unfinished) {
    try {
      if (await completeApplication(deps, id, options.renderPdf)) report.completed++;
    } catch (error) {
      report.failed.push({ applicationId: id, error });
    }
  }
  return report;
}
