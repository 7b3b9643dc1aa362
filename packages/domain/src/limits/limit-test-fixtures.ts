// Test support for spending limits (imported by *.test.ts and the concurrency fixture only).
import { randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/open-database.ts";
import { applications } from "../db/schema.ts";
import type { UsageEventInput } from "../usage/rate-usage-events.ts";

/** The approved application that made `admin` the company's administrator, and its e-mail on the user: where limit notices go. */
export function giveAdministratorEmail(db: Db, admin: Actor, email: string, accountNumber: string, locale: "ru" | "en" = "ru"): void {
  db.insert(applications)
    .values({
      reference: `T-${randomUUID()}`,
      regionCode: admin.regionCode,
      companyName: "Компания",
      ownerName: "Владелец",
      accountNumber,
      numbers: [],
      contactNumber: "+79120000000",
      email,
      representativeName: "Представитель",
      locale,
      status: "approved",
      submittedAt: new Date("2026-10-01T00:00:00Z"),
      submissionKey: randomUUID(),
      receiptToken: randomUUID(),
      verificationCode: randomUUID(),
      companyId: admin.companyId,
      adminUserId: admin.userId,
    })
    .run();
  db.$client.prepare("update users set locale = ?, email = ? where id = ?").run(locale, email, admin.userId);
}

let sequence = 0;
/** An outgoing call in roaming: charged from the first minute at the roaming price (simple sums for limits). */
export function roamingCall(msisdn: string, iso: string, minutes = 1, extra: Partial<UsageEventInput> = {}): UsageEventInput {
  return {
    eventId: `limit-${++sequence}-${randomUUID()}`,
    msisdn,
    startedAt: Date.parse(iso),
    kind: "call_out",
    roaming: true,
    durationSeconds: minutes * 60,
    otherParty: "+79990000000",
    ...extra,
  };
}
