import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<uuid@domain>`, kept across retries so a resend is recognisably the same message. */
  messageId: string;
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
}

export interface MailTransport {
  send(mail: OutgoingEmail): Promise<{ accepted: string[]; rejected: string[]; response: string }>;
  close(): void;
}

export function newMessageId(domain = "cabinet.operator.example"): string {
  return `<${randomUUID()}@${domain}>`;
}

/**
 * An SMTP transport from a URL: `smtp://127.0.0.1:1025` (the local mail catcher),
 * `smtp://user:pass@host:587` (STARTTLS when offered), `smtps://host:465` (TLS).
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  const transporter = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    ignoreTLS: !secure && loopback && !url.username,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      });
      const accepted = info.accepted.map(String);
      if (accepted.length === 0) throw new Error(`SMTP server accepted no recipient: ${info.response}`);
      return { accepted, rejected: info.rejected.map(String), response: info.response };
    },
    close() {
      transporter.close();
    },
  };
}
