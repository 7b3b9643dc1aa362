import { afterEach, describe, expect, it } from "vitest";
import { startSmtpSink } from "./testing/smtp-sink.ts";
import { createSmtpTransport, newMessageId, type OutgoingEmail } from "./transport.ts";

const sinks: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

const pdf = new Uint8Array(Buffer.from("%PDF-1.7\nпроверка\n%%EOF"));
const mail = (messageId: string): OutgoingEmail => ({
  from: "Корпоративный кабинет <no-reply@operator.example>",
  to: "corporate.ural@operator.example",
  subject: "Заявление URL-2026-000123 — ООО «Ромашка»",
  text: "Текст",
  html: "<p>Текст</p>",
  messageId,
  attachments: [{ filename: "zayavlenie-URL-2026-000123.pdf", contentType: "application/pdf", content: pdf }],
});

describe("SMTP transport", () => {
  it("delivers the message with its Cyrillic subject, attachment and the given Message-ID", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    const transport = createSmtpTransport(sink.url);
    const id = newMessageId();
    const info = await transport.send(mail(id));
    expect(info.accepted).toEqual(["corporate.ural@operator.example"]);
    await transport.send(mail(id));
    const [first, second] = await sink.waitFor(2);
    expect(first?.subject).toBe("Заявление URL-2026-000123 — ООО «Ромашка»");
    expect(first?.messageId).toBe(id);
    expect(second?.messageId).toBe(id);
    expect(first?.attachments[0]?.filename).toBe("zayavlenie-URL-2026-000123.pdf");
    expect(new Uint8Array(first?.attachments[0]?.content ?? [])).toEqual(pdf);
    transport.close();
  });

  it("fails when the server refuses, so that the caller retries", async () => {
    const sink = await startSmtpSink({ refuse: true });
    sinks.push(sink);
    const transport = createSmtpTransport(sink.url);
    await expect(transport.send(mail(newMessageId()))).rejects.toThrow(/451|unavailable/i);
    expect(sink.received).toHaveLength(0);
    transport.close();
  });

  it("fails quickly when nothing listens", async () => {
    const sink = await startSmtpSink();
    const url = sink.url;
    await sink.close();
    const started = Date.now();
    await expect(createSmtpTransport(url).send(mail(newMessageId()))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
