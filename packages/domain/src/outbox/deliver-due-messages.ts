import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { type OutboxChannel, outboxAttachments, outboxMessages } from "../db/schema.ts";
import type { OutboxPorts } from "./ports.ts";

export const MAX_DELIVERY_ATTEMPTS = 30;
/** While a worker holds a message it is invisible to other workers for this long. */
const CLAIM_MS = 5 * 60_000;

/** 15 s, 30 s, 1 min, … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers every message that is due, one at a time. Delivery is at least once: a message is
 * claimed, sent, then marked sent; a crash between the last two steps sends it again with the same
 * Message-ID. A message marked sent is never picked again.
 */
export async function deliverDueMessages(deps: Deps, ports: OutboxPorts, limit = 50): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const now = deps.clock.now();
  const due = deps.db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, "pending"), lte(outboxMessages.nextAttemptAt, now)))
    .orderBy(asc(outboxMessages.nextAttemptAt))
    .limit(limit)
    .all();

  for (const { id } of due) {
    const message = claim(deps, id);
    if (!message) continue; // another worker has it
    try {
      if (message.channel === "email") {
        const attachments = deps.db
          .select()
          .from(outboxAttachments)
          .where(eq(outboxAttachments.messageId, id))
          .all();
        await ports.email.send({
          from: deps.config.mailFrom,
          to: message.recipient,
          subject: message.subject ?? "",
          text: message.text,
          html: message.html ?? "",
          messageId: message.messageId,
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
      } else {
        await ports.sms.send({ to: message.recipient, text: message.text, messageId: message.messageId });
      }
      deps.db
        .update(outboxMessages)
        .set({
          status: "sent",
          sentAt: deps.clock.now(),
          attempts: message.attempts + 1,
          lastError: null,
          ...redactionOnceHandedOver(message.channel, ports),
        })
        .where(eq(outboxMessages.id, id))
        .run();
      report.sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const giveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      deps.db
        .update(outboxMessages)
        .set({
          status: giveUp ? "failed" : "pending",
          attempts,
          lastError: describeError(error),
          nextAttemptAt: new Date(deps.clock.now().getTime() + retryDelayMs(attempts)),
          // Given up: nobody will send it again, so its password need not stay readable either.
          ...(giveUp ? redactionOnceHandedOver(message.channel, ports) : {}),
        })
        .where(eq(outboxMessages.id, id))
        .run();
      if (giveUp) report.failed++;
      else report.retried++;
    }
  }
  return report;
}

/**
 * A temporary password must not stay readable in the database once a real SMS gateway has the SMS:
 * the text becomes its redacted copy. The development outbox keeps it: there the table is the phone.
 */
function redactionOnceHandedOver(channel: OutboxChannel, ports: OutboxPorts) {
  if (channel !== "sms" || ports.sms.isDevelopmentOutbox) return {};
  return { text: sql`coalesce(${outboxMessages.redactedText}, ${outboxMessages.text})`, redactedText: null };
}

function claim(deps: Deps, id: number) {
  const now = deps.clock.now();
  return deps.db
    .update(outboxMessages)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
    .where(
      and(eq(outboxMessages.id, id), eq(outboxMessages.status, "pending"), lte(outboxMessages.nextAttemptAt, now)),
    )
    .returning()
    .get();
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}
