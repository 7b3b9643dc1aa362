import { applicationApprovedEmail, applicationRejectedEmail } from "@cabinet/mail";
import { and, eq, isNull, like, or } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { hashPassword, newTemporaryPassword } from "../auth/passwords.ts";
import { loginUrlOf, temporaryPasswordSms } from "../auth/temporary-passwords.ts";
import type { Db } from "../db/open-database.ts";
import { inTransaction } from "../db/open-database.ts";
import { accounts, applications, companies, lines, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError, type FieldErrors } from "../errors.ts";
import { enqueueEmail, enqueueSms } from "../outbox/enqueue.ts";
import { findRegion, type Region } from "../regions/regions.ts";
import { checkApplicationAgainstRecords } from "./application-checks.ts";
import { findRegionApplication } from "./application-review.ts";

export type DecisionResult =
  | { ok: true; login?: string }
  | { ok: false; fieldErrors: FieldErrors }
  | { ok: false; alreadyDecided: true };

const ALREADY_DECIDED = { ok: false, alreadyDecided: true } as const;

/**
 * Approves an application: in one transaction, creates (or links) the company, creates its
 * administrator's login with a temporary password, queues the SMS with the login and password to
 * the contact number and the e-mail to the applicant (never the password), and audits it. When a
 * check against the operator's records failed, the approver must confirm and give a comment.
 */
export async function approveApplication(
  deps: Deps,
  actor: Actor,
  input: { applicationId: number; comment?: string; confirmFailedChecks?: boolean },
): Promise<DecisionResult> {
  const app = findRegionApplication(deps, actor, input.applicationId);
  if (!app) throw new DomainError("not_found", "application not found");
  if (app.status !== "submitted") return ALREADY_DECIDED;
  const { checks, account } = checkApplicationAgainstRecords(deps.db, app);
  const failed = checks.filter((c) => !c.ok);
  const comment = (input.comment ?? "").trim();
  const fieldErrors: FieldErrors = {};
  if (failed.length > 0) {
    if (!input.confirmFailedChecks) fieldErrors.confirmFailedChecks = { code: "decision.confirmChecks" };
    if (comment.length < 5) fieldErrors.comment = { code: "decision.commentNeeded" };
  }
  if (comment.length > 1000) fieldErrors.comment = { code: "tooLong" };
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const region = findRegion(deps, app.regionCode) as Region;
  const password = newTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();

  return inTransaction(deps.db, (tx) => {
    const decided = tx
      .update(applications)
      .set({
        status: "approved",
        decidedAt: now,
        decidedByUserId: actor.userId,
        decisionComment: comment || null,
        checksOverridden: failed.length > 0,
      })
      .where(and(eq(applications.id, app.id), eq(applications.status, "submitted")))
      .run();
    if (decided.changes !== 1) return ALREADY_DECIDED; // another member of staff was faster

    // Read again inside the transaction: the account may have been linked to a company by another
    // approval while this one was hashing the password.
    const linkedCompanyId = account
      ? tx.select({ companyId: accounts.companyId }).from(accounts).where(eq(accounts.id, account.id)).get()?.companyId
      : null;
    const companyId =
      linkedCompanyId ??
      tx
        .insert(companies)
        .values({ regionCode: app.regionCode, name: app.companyName, ownerName: app.ownerName, createdAt: now })
        .returning({ id: companies.id })
        .get().id;
    if (account && !linkedCompanyId) {
      tx.update(accounts).set({ companyId }).where(eq(accounts.id, account.id)).run();
      // The account's lines become the company's own (lines carry their company for tenancy).
      tx.update(lines).set({ companyId }).where(and(eq(lines.accountId, account.id), isNull(lines.companyId))).run();
    }
    const login = freeLogin(tx, app.regionCode, `c${app.accountNumber}`);
    const { id: adminUserId } = tx
      .insert(users)
      .values({
        regionCode: app.regionCode,
        login,
        displayName: app.representativeName,
        passwordHash,
        role: "company_admin",
        companyId,
        contactMsisdn: app.contactNumber,
        email: app.email,
        locale: app.locale,
        mustChangePassword: true,
        createdAt: now,
      })
      .returning({ id: users.id })
      .get();
    tx.update(applications).set({ companyId, adminUserId }).where(eq(applications.id, app.id)).run();

    const loginUrl = loginUrlOf(deps, region.code);
    enqueueSms(tx, now, {
      to: app.contactNumber,
      text: temporaryPasswordSms(app.locale, login, password, loginUrl),
      secrets: [password],
      topic: `application:${app.id}`,
      regionCode: region.code,
    });
    const email = applicationApprovedEmail(
      {
        reference: app.reference,
        companyName: app.companyName,
        login,
        regionName: app.locale === "en" ? region.nameEn : region.nameRu,
        loginUrl,
      },
      app.locale,
    );
    enqueueEmail(tx, now, { to: app.email, ...email, topic: `application:${app.id}`, regionCode: region.code });
    const audit = {
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.login,
      regionCode: app.regionCode,
      companyId,
      clientAddress: actor.clientAddress,
    };
    recordAuditEvent(tx, {
      ...audit,
      action: "application.approved",
      targetType: "application",
      targetId: app.id,
      before: { status: "submitted" },
      after: {
        status: "approved",
        adminLogin: login,
        checksOverridden: failed.length > 0,
        failedChecks: failed.map((c) => c.code),
        comment: comment || null,
      },
    });
    recordAuditEvent(tx, {
      ...audit,
      action: "user.created",
      targetType: "user",
      targetId: adminUserId,
      after: { login, role: "company_admin" },
    });
    return { ok: true, login };
  });
}

/** Rejects an application with a reason the applicant reads by e-mail and on the status page. */
export function rejectApplication(
  deps: Deps,
  actor: Actor,
  input: { applicationId: number; reason: string },
): DecisionResult {
  const app = findRegionApplication(deps, actor, input.applicationId);
  if (!app) throw new DomainError("not_found", "application not found");
  if (app.status !== "submitted") return ALREADY_DECIDED;
  const reason = input.reason.replace(/\s+/g, " ").trim();
  if (reason.length < 5) return { ok: false, fieldErrors: { reason: { code: "decision.reasonNeeded" } } };
  if (reason.length > 1000) return { ok: false, fieldErrors: { reason: { code: "tooLong" } } };
  const region = findRegion(deps, app.regionCode) as Region;
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const decided = tx
      .update(applications)
      .set({ status: "rejected", decidedAt: now, decidedByUserId: actor.userId, decisionComment: reason })
      .where(and(eq(applications.id, app.id), eq(applications.status, "submitted")))
      .run();
    if (decided.changes !== 1) return ALREADY_DECIDED;
    const email = applicationRejectedEmail(
      {
        reference: app.reference,
        companyName: app.companyName,
        reason,
        regionName: app.locale === "en" ? region.nameEn : region.nameRu,
        officeEmail: region.officeEmail,
        officePhone: region.officePhone,
        applyUrl: `${deps.config.publicUrl}/apply`,
      },
      app.locale,
    );
    enqueueEmail(tx, now, { to: app.email, ...email, topic: `application:${app.id}`, regionCode: region.code });
    recordAuditEvent(tx, {
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.login,
      regionCode: app.regionCode,
      action: "application.rejected",
      targetType: "application",
      targetId: app.id,
      clientAddress: actor.clientAddress,
      before: { status: "submitted" },
      after: { status: "rejected", reason },
    });
    return { ok: true };
  });
}

/** `c100200300`, or `c100200300-2` when the account already has an administrator. */
function freeLogin(tx: Db, regionCode: string, base: string): string {
  const taken = new Set(
    tx
      .select({ login: users.login })
      .from(users)
      .where(and(eq(users.regionCode, regionCode), or(eq(users.login, base), like(users.login, `${base}-%`))))
      .all()
      .map((u) => u.login),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
