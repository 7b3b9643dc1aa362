import { and, desc, eq } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { outboxMessages } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";

/** The SMS the portal sent about the staff member's region, newest first: the development stand-in for a phone. */
export function listSentSms(deps: Deps, actor: Actor, limit = 100) {
  if (!can(actor, "office:view-sms-outbox")) throw new DomainError("forbidden", "not office staff");
  return deps.db
    .select({
      id: outboxMessages.id,
      to: outboxMessages.recipient,
      text: outboxMessages.text,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.channel, "sms"), eq(outboxMessages.regionCode, actor.regionCode)))
    .orderBy(desc(outboxMessages.id))
    .limit(limit)
    .all();
}
