import { createHash } from "node:crypto";
import { applicationReceivedEmail, applicationToOfficeEmail, type Locale } from "@cabinet/mail";
import { renderApplicationPdf } from "@cabinet/pdf";
import { and, eq, gte, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Deps } from "../deps.ts";
import { inTransaction } from "../db/open-database.ts";
import { applications, referenceCounters } from "../db/schema.ts";
import type { FieldErrors } from "../errors.ts";
import { enqueueEmail } from "../outbox/enqueue.ts";
import { findRegion, listRegions, type Region } from "../regions/regions.ts";
import { newToken, newVerificationCode } from "../shared/random-codes.ts";
import { regionYear } from "../shared/region-time.ts";
import {
  type ApplicationFormValues,
  type ApplicationInput,
  parseApplicationInput,
} from "./application-input.ts";
import { applicationFormData, applicationPdfFilename, applicationSummary } from "./application-documents.ts";

/** The same applicant sending the same application again within this window gets the first one. */
const DUPLICATE_WINDOW_MS = 24 * 60 * 60_000;

export type SubmitApplicationResult =
  | { ok: true; reference: string; receiptToken: string; duplicate: boolean }
  | { ok: false; fieldErrors: FieldErrors; values: ApplicationFormValues };

/**
 * Stores an access application and queues its e-mails (to the region's office and to the applicant,
 * each with the filled PDF) in one transaction. A resubmit of the same form, or the same application
 * sent again, returns the application already stored instead of creating a second one.
 */
export async function submitApplication(
  deps: Deps,
  form: FormData | Record<string, unknown>,
  context: { locale: Locale; clientAddress?: string | null },
): Promise<SubmitApplicationResult> {
  const regionCodes = listRegions(deps).map((r) => r.code);
  const parsed = parseApplicationInput(form, regionCodes);
  if (!parsed.ok) return parsed;
  const input = parsed.value;

  const existing = findSameApplication(deps, input);
  if (existing) return { ok: true, ...existing, duplicate: true };

  const region = findRegion(deps, input.regionCode) as Region;
  const submittedAt = deps.clock.now();
  const reference = allocateReference(deps, region, submittedAt);
  const verificationCode = newVerificationCode();
  const fields = { ...input, reference, submittedAt, verificationCode };
  const pdf = await renderApplicationPdf(applicationFormData(deps, fields, region));
  const pdfSha256 = createHash("sha256").update(pdf).digest("hex");
  const receiptToken = newToken();

  try {
    inTransaction(deps.db, (tx) => {
      const { id } = tx
        .insert(applications)
        .values({ ...fields, locale: context.locale, receiptToken, pdf: Buffer.from(pdf), pdfSha256 })
        .returning({ id: applications.id })
        .get();
      const attachment = {
        filename: applicationPdfFilename(reference),
        contentType: "application/pdf",
        content: pdf,
      };
      const topic = `application:${id}`;
      const toOffice = applicationToOfficeEmail(applicationSummary(deps, { ...fields, id }, region, "ru"));
      enqueueEmail(tx, submittedAt, { to: region.officeEmail, ...toOffice, topic, regionCode: region.code, attachments: [attachment] });
      const toApplicant = applicationReceivedEmail(
        applicationSummary(deps, { ...fields, id }, region, context.locale),
        context.locale,
      );
      enqueueEmail(tx, submittedAt, { to: input.email, ...toApplicant, topic, regionCode: region.code, attachments: [attachment] });
      recordAuditEvent(tx, {
        at: submittedAt,
        actorLabel: "applicant",
        regionCode: region.code,
        action: "application.submitted",
        targetType: "application",
        targetId: id,
        clientAddress: context.clientAddress,
        after: { reference, status: "submitted" },
      });
    });
  } catch (error) {
    // Two submits of the same form racing: the second finds the first.
    const raced = findBySubmissionKey(deps, input.submissionKey);
    if (raced) return { ok: true, ...raced, duplicate: true };
    throw error;
  }
  return { ok: true, reference, receiptToken, duplicate: false };
}

function findBySubmissionKey(deps: Deps, submissionKey: string) {
  return deps.db
    .select({ reference: applications.reference, receiptToken: applications.receiptToken })
    .from(applications)
    .where(eq(applications.submissionKey, submissionKey))
    .get();
}

function findSameApplication(deps: Deps, input: ApplicationInput) {
  const byKey = findBySubmissionKey(deps, input.submissionKey);
  if (byKey) return byKey;
  const since = new Date(deps.clock.now().getTime() - DUPLICATE_WINDOW_MS);
  const candidates = deps.db
    .select({
      reference: applications.reference,
      receiptToken: applications.receiptToken,
      numbers: applications.numbers,
      contactNumber: applications.contactNumber,
      companyName: applications.companyName,
    })
    .from(applications)
    .where(
      and(
        eq(applications.regionCode, input.regionCode),
        eq(applications.accountNumber, input.accountNumber),
        eq(applications.email, input.email),
        eq(applications.status, "submitted"),
        gte(applications.submittedAt, since),
      ),
    )
    .all();
  const wanted = [...input.numbers].sort().join();
  const same = candidates.find(
    (c) =>
      [...c.numbers].sort().join() === wanted &&
      c.contactNumber === input.contactNumber &&
      c.companyName === input.companyName,
  );
  return same && { reference: same.reference, receiptToken: same.receiptToken };
}

/** `URL-2026-000123`: the region's prefix, the year in the region's time zone, a yearly sequence. */
function allocateReference(deps: Deps, region: Region, at: Date): string {
  const year = regionYear(at, region.timeZone);
  const { last } = deps.db
    .insert(referenceCounters)
    .values({ prefix: region.referencePrefix, year, last: 1 })
    .onConflictDoUpdate({
      target: [referenceCounters.prefix, referenceCounters.year],
      set: { last: sql`${referenceCounters.last} + 1` },
    })
    .returning({ last: referenceCounters.last })
    .get();
  return `${region.referencePrefix}-${year}-${String(last).padStart(6, "0")}`;
}
