import { createHash } from "node:crypto";
import { and, desc, eq, or } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { applications, auditEvents, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findRegion } from "../regions/regions.ts";
import { normalizeVerificationCode } from "../shared/random-codes.ts";
import { checkApplicationAgainstRecords } from "./application-checks.ts";

function requireStaff(actor: Actor) {
  if (!can(actor, "office:review-applications")) throw new DomainError("forbidden", "not office staff");
}

/** One application of the actor's region, not found for any other region. */
export function findRegionApplication(deps: Deps, actor: Actor, applicationId: number) {
  requireStaff(actor);
  if (!Number.isSafeInteger(applicationId)) return undefined;
  return deps.db
    .select()
    .from(applications)
    .where(and(eq(applications.id, applicationId), eq(applications.regionCode, actor.regionCode)))
    .get();
}

/** The newest events shown in an application's trail; a login used for years has many sign-ins. */
export const TRAIL_LIMIT = 200;

/** Everything the office needs to decide: the fields, the checks, the decision, the trail. */
export function getApplicationForReview(deps: Deps, actor: Actor, applicationId: number) {
  const app = findRegionApplication(deps, actor, applicationId);
  if (!app) throw new DomainError("not_found", "application not found");
  const region = findRegion(deps, app.regionCode);
  const { checks } = checkApplicationAgainstRecords(deps.db, app);
  const decidedBy = app.decidedByUserId
    ? deps.db.select({ login: users.login, displayName: users.displayName }).from(users).where(eq(users.id, app.decidedByUserId)).get()
    : undefined;
  const admin = app.adminUserId
    ? deps.db
        .select({ id: users.id, login: users.login, lockedAt: users.lockedAt, mustChangePassword: users.mustChangePassword })
        .from(users)
        .where(eq(users.id, app.adminUserId))
        .get()
    : undefined;
  const trail = deps.db
    .select({
      at: auditEvents.at,
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.regionCode, app.regionCode),
        or(
          and(eq(auditEvents.targetType, "application"), eq(auditEvents.targetId, String(app.id))),
          // The login it created: sign-ins, lockouts, new passwords — what a caller asks the office about.
          app.adminUserId ? and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, String(app.adminUserId))) : undefined,
        ),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(TRAIL_LIMIT)
    .all()
    .reverse();
  const { pdf: _pdf, receiptToken: _token, submissionKey: _key, ...fields } = app;
  return { application: fields, region, checks, decidedBy, admin, trail };
}

/** The issued PDF of an application of the actor's region. */
export function getApplicationPdfForOffice(deps: Deps, actor: Actor, applicationId: number) {
  const app = findRegionApplication(deps, actor, applicationId);
  if (!app) throw new DomainError("not_found", "application not found");
  // For the moment between its registration and its PDF (applications/complete-application.ts).
  if (!app.pdf) throw new DomainError("not_found", "the application's PDF is still being issued");
  return { filename: `zayavlenie-${app.reference}.pdf`, bytes: new Uint8Array(app.pdf) };
}

/** Looks up the application a printed verification code belongs to, within the actor's region. */
export function findApplicationByVerificationCode(deps: Deps, actor: Actor, typed: string) {
  requireStaff(actor);
  const code = normalizeVerificationCode(typed);
  if (!code) return undefined;
  return deps.db
    .select({
      id: applications.id,
      reference: applications.reference,
      companyName: applications.companyName,
      status: applications.status,
      submittedAt: applications.submittedAt,
      pdfSha256: applications.pdfSha256,
    })
    .from(applications)
    .where(and(eq(applications.verificationCode, code), eq(applications.regionCode, actor.regionCode)))
    .get();
}

export type PdfVerification =
  | { result: "match"; application: { id: number; reference: string; companyName: string } }
  | { result: "altered"; application: { id: number; reference: string; companyName: string } }
  | { result: "unknown" };

/**
 * Checks an uploaded PDF against the digest stored when it was issued. With a verification code,
 * a different file is reported as altered; without one, a file we never issued is unknown.
 */
export function verifyUploadedPdf(deps: Deps, actor: Actor, input: { bytes: Uint8Array; code?: string }): PdfVerification {
  requireStaff(actor);
  const digest = createHash("sha256").update(input.bytes).digest("hex");
  const byDigest = deps.db
    .select({ id: applications.id, reference: applications.reference, companyName: applications.companyName })
    .from(applications)
    .where(and(eq(applications.pdfSha256, digest), eq(applications.regionCode, actor.regionCode)))
    .get();
  if (byDigest) return { result: "match", application: byDigest };
  const byCode = input.code ? findApplicationByVerificationCode(deps, actor, input.code) : undefined;
  if (byCode) {
    return { result: "altered", application: { id: byCode.id, reference: byCode.reference, companyName: byCode.companyName } };
  }
  return { result: "unknown" };
}
