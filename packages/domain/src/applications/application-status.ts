import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { applications, regions } from "../db/schema.ts";
import type { ApplicationStatus } from "../db/schema.ts";

export interface ApplicationStatusView {
  reference: string;
  status: ApplicationStatus;
  submittedAt: Date;
  decidedAt: Date | null;
  /** Shown to the applicant only when the application was rejected. */
  rejectionReason: string | null;
  regionCode: string;
  regionTimeZone: string;
}

/**
 * The state of an application for someone who knows both its reference and the e-mail it was sent
 * with. Either one alone answers exactly like an unknown reference.
 */
export function findApplicationStatus(
  deps: Deps,
  query: { reference: string; email: string },
): ApplicationStatusView | undefined {
  const reference = query.reference.trim().toUpperCase();
  const email = query.email.trim().toLowerCase();
  if (!reference || !email) return undefined;
  const row = deps.db
    .select({
      reference: applications.reference,
      email: applications.email,
      status: applications.status,
      submittedAt: applications.submittedAt,
      decidedAt: applications.decidedAt,
      decisionComment: applications.decisionComment,
      regionCode: applications.regionCode,
      regionTimeZone: regions.timeZone,
    })
    .from(applications)
    .innerJoin(regions, eq(regions.code, applications.regionCode))
    .where(eq(applications.reference, reference))
    .get();
  if (!row || !sameText(row.email, email)) return undefined;
  return {
    reference: row.reference,
    status: row.status,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    rejectionReason: row.status === "rejected" ? row.decisionComment : null,
    regionCode: row.regionCode,
    regionTimeZone: row.regionTimeZone,
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
