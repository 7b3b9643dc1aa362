import { randomUUID } from "node:crypto";
import type { Db } from "../db/open-database.ts";
import { outboxAttachments, outboxMessages } from "../db/schema.ts";

export interface EmailToQueue {
  to: string;
  subject: string;
  text: string;
  html: string;
  topic: string;
  regionCode: string;
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
}

export const messageIdDomain = "cabinet.operator.example";

/** Puts an e-mail in the outbox. Call inside the transaction that makes the change it reports. */
export function enqueueEmail(tx: Db, now: Date, email: EmailToQueue): number {
  const row = tx
    .insert(outboxMessages)
    .values({
      channel: "email",
      recipient: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      topic: email.topic,
      regionCode: email.regionCode,
      messageId: `<${randomUUID()}@${messageIdDomain}>`,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outboxMessages.id })
    .get();
  if (email.attachments?.length) {
    tx.insert(outboxAttachments)
      .values(
        email.attachments.map((a) => ({
          messageId: row.id,
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      )
      .run();
  }
  return row.id;
}

export interface SmsToQueue {
  to: string;
  text: string;
  /**
   * What in `text` must not stay readable once a real gateway has the SMS (a temporary password);
   * an empty list when nothing does. Required, so that every new SMS says which it is.
   */
  secrets: string[];
  topic: string;
  regionCode: string;
}

/** Stands in for a secret in a delivered SMS. */
export const REDACTED = "••••••";

/** Puts an SMS in the outbox. Call inside the transaction that makes the change it reports. */
export function enqueueSms(tx: Db, now: Date, sms: SmsToQueue): number {
  const secrets = sms.secrets.filter((secret) => secret && sms.text.includes(secret));
  return tx
    .insert(outboxMessages)
    .values({
      channel: "sms",
      recipient: sms.to,
      text: sms.text,
      redactedText: secrets.length ? secrets.reduce((text, secret) => text.replaceAll(secret, REDACTED), sms.text) : null,
      topic: sms.topic,
      regionCode: sms.regionCode,
      messageId: `<${randomUUID()}@${messageIdDomain}>`,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outboxMessages.id })
    .get().id;
}
