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

/** Puts an SMS in the outbox. Call inside the transaction that makes the change it reports. */
export function enqueueSms(tx: Db, now: Date, sms: { to: string; text: string; topic: string; regionCode: string }): number {
  return tx
    .insert(outboxMessages)
    .values({
      channel: "sms",
      recipient: sms.to,
      text: sms.text,
      topic: sms.topic,
      regionCode: sms.regionCode,
      messageId: `<${randomUUID()}@${messageIdDomain}>`,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outboxMessages.id })
    .get().id;
}
