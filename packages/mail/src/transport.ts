import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

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

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/** The nodemailer SMTP options for a URL; exported for tests. */
export function smtpOptionsFromUrl(smtpUrl: string): SMTPTransport.Options {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error(`Invalid SMTP URL: ${smtpUrl.replace(/\/\/[^@/]*@/, "//***@")}`);
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new Error(`Unsupported SMTP URL scheme "${url.protocol}" (use smtp:// or smtps://)`);
  }
  const secure = url.protocol === "smtps:";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const auth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined;
  return {
    host,
    port: Number(url.port || (secure ? 465 : 587)),
    secure,
    // A local mail catcher without auth speaks plain SMTP; elsewhere STARTTLS is used when offered.
    ignoreTLS: !secure && !auth && LOOPBACK_HOSTS.has(host),
    auth,
    // Fail fast on a dead or silent server so that the caller's retry logic takes over.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    dnsTimeout: 10_000,
  };
}

/**
 * An SMTP transport from a URL: `smtp://127.0.0.1:1025` (the local mail catcher),
 * `smtp://user:pass@host:587` (STARTTLS when offered), `smtps://host:465` (TLS).
 * `send` throws when the server refuses (every recipient rejected, 4xx/5xx) or cannot be reached.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpOptionsFromUrl(smtpUrl));
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
