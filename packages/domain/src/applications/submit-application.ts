import type { Locale } from "@cabinet/mail";
import { and, asc, eq, gte, or, sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Deps } from "../deps.ts";
import { type Db, inTransaction } from "../db/open-database.ts";
import { applications, referenceCounters } from "../db/schema.ts";
import type { FieldErrors } from "../errors.ts";
import { findRegion, listRegions, type Region } from "../regions/regions.ts";
import { newToken, newVerificationCode } from "../shared/random-codes.ts";
import { regionYear } from "../shared/region-time.ts";
import {
  type ApplicationFormValues,
  type ApplicationInput,
  parseApplicationInput,
} from "./application-input.ts";
import type { RenderApplicationPdf } from "./application-pdf.ts";
import { completeApplication } from "./complete-application.ts";

/** The same application sent again within this window (and not yet decided) gets the first one. */
const DUPLICATE_WINDOW_MS = 24 * 60 * 60_000;

export type SubmitApplicationResult =
  | {
      ok: true;
      reference: string;
      receiptToken: string;
      /** It had been sent already: this is the first one's reference and receipt. */
      duplicate: boolean;
      /**
       * Registered, but its PDF and e-mails could not be made just now (the renderer failed): they
       * follow within a minute (outbox worker), and the receipt's download makes the PDF on demand.
       */
      documentsPending: boolean;
    }
  | { ok: false; fieldErrors: FieldErrors; values: ApplicationFormValues };

/**
 * Registers an access application, then issues its PDF and queues its e-mails (to the region's
 * office and to the applicant, each with the PDF).
 *
 * Two transactions, with the rendering between them:
 * 1. One write transaction decides everything that must not race: whether the same application
 *    was sent already (then nothing is written and the first one is returned), the next
 *    reference number, the application's row and its audit event. SQLite takes the write lock
 *    when it begins (IMMEDIATE), so concurrent submissions — from this process or another one on
 *    the same file — go through it one at a time: the same content sent five times at once under
 *    five form keys is one application, and a reference number is only taken by an application
 *    that is stored with it (a failed transaction rolls the counter back too), so they stay
 *    consecutive.
 * 2. The PDF prints that reference, so it can only be rendered after the first transaction, and
 *    not inside it: rendering is I/O to a worker thread and tens of milliseconds during which the
 *    write lock would stall every other writer (DESIGN §6). A second transaction attaches the PDF
 *    and queues both e-mails (complete-application.ts).
 *
 * Why not one transaction with the PDF rendered before it: the reference would have to be taken
 * before knowing whether the application is a duplicate or gets stored, which either burns
 * numbers or needs a reservation table with its own recovery. Here a crash between the two steps
 * leaves a stored application without its PDF, which nothing loses: the outbox worker completes
 * it (renders the same bytes and queues the e-mails), and its receipt page works meanwhile.
 */
export async function submitApplication(
  deps: Deps,
  /** The application as typed: the web's form (or a script, a test) reads it, never the domain. */
  typed: Partial<ApplicationFormValues>,
  context: { locale: Locale; clientAddress?: string | null },
  options: { renderPdf?: RenderApplicationPdf } = {},
): Promise<SubmitApplicationResult> {
  const regionCodes = listRegions(deps).map((r) => r.code);
  const parsed = parseApplicationInput(typed, regionCodes);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const region = findRegion(deps, input.regionCode) as Region;

  const registered = inTransaction(deps.db, (tx) => {
    const now = deps.clock.now();
    const same = findSameApplication(tx, input, now);
    if (same) return { ...same, duplicate: true as const };

    const reference = allocateReference(tx, region, now);
    const receiptToken = newToken();
    const { id } = tx
      .insert(applications)
      .values({
        ...input,
        reference,
        submittedAt: now,
        verificationCode: newVerificationCode(),
        locale: context.locale,
        receiptToken,
      })
      .returning({ id: applications.id })
      .get();
    recordAuditEvent(tx, {
      at: now,
      actorLabel: "applicant",
      regionCode: region.code,
      action: "application.submitted",
      targetType: "application",
      targetId: id,
      clientAddress: context.clientAddress,
      after: { reference, status: "submitted" },
    });
    return { id, reference, receiptToken, duplicate: false as const };
  });

  const result = { ok: true as const, reference: registered.reference, receiptToken: registered.receiptToken };
  // A duplicate is not rendered again here (a burst of resubmits would multiply the work): if the
  // first one is still being completed, its own request or the outbox worker finishes it.
  if (registered.duplicate) return { ...result, duplicate: true, documentsPending: false };
  try {
    await completeApplication(deps, registered.id, options.renderPdf);
    return { ...result, duplicate: false, documentsPending: false };
  } catch {
    // Stored with its reference; the applicant gets the receipt and the PDF and e-mails follow.
    return { ...result, duplicate: false, documentsPending: true };
  }
}

/**
 * An application with exactly this content, sent from the same form (whenever), or from any form
 * within the duplicate window and still undecided. Every field counts: one that corrects the
 * owner's or the representative's name is a new application, and nobody gets someone else's
 * receipt by knowing only some of its fields.
 */
function findSameApplication(tx: Db, input: ApplicationInput, now: Date) {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
  const candidates = tx
    .select({
      reference: applications.reference,
      receiptToken: applications.receiptToken,
      companyName: applications.companyName,
      ownerName: applications.ownerName,
      representativeName: applications.representativeName,
      numbers: applications.numbers,
      contactNumber: applications.contactNumber,
    })
    .from(applications)
    .where(
      and(
        eq(applications.regionCode, input.regionCode),
        eq(applications.accountNumber, input.accountNumber),
        eq(applications.email, input.email),
        or(
          eq(applications.submissionKey, input.submissionKey),
          and(eq(applications.status, "submitted"), gte(applications.submittedAt, since)),
        ),
      ),
    )
    .orderBy(asc(applications.id))
    .all();
  const wanted = [...input.numbers].sort().join();
  const same = candidates.find(
    (c) =>
      c.companyName === input.companyName &&
      c.ownerName === input.ownerName &&
      c.representativeName === input.representativeName &&
      c.contactNumber === input.contactNumber &&
      [...c.numbers].sort().join() === wanted,
  );
  return same && { reference: same.reference, receiptToken: same.receiptToken };
}

/**
 * `URL-2026-000123`: the region's prefix, the year in the region's time zone, a yearly sequence.
 * Call inside the transaction that stores the application, so that a number is never taken by an
 * application that is not stored.
 */
function allocateReference(tx: Db, region: Region, at: Date): string {
  const year = regionYear(at, region.timeZone);
  const { last } = tx
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
