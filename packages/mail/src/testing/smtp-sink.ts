import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** The Message-ID header, with its angle brackets: `<uuid@domain>`. */
  messageId: string;
  /** The From header as text, e.g. `"Корпоративный кабинет" <no-reply@operator.example>`. */
  from: string;
  /** The envelope recipients (RCPT TO), i.e. where the message was actually delivered. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`, ready for `createSmtpTransport`. */
  url: string;
  /** Every message received so far, in arrival order. */
  received: ReceivedMail[];
  /** While refusing, RCPT TO (and DATA) are answered with `451` (a temporary failure). */
  setRefusing(refuse: boolean): void;
  /** Resolves with `received` once at least `n` messages have arrived; rejects after `timeoutMs` (10 s). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function temporaryFailure(): Error {
  return Object.assign(new Error("Requested action aborted: mailbox temporarily unavailable"), { responseCode: 451 });
}

/** A real SMTP server on 127.0.0.1 for tests: keeps what it receives, or refuses on demand. */
export async function startSmtpSink(opts: { port?: number; refuse?: boolean } = {}): Promise<SmtpSink> {
  let refusing = opts.refuse ?? false;
  const received: ReceivedMail[] = [];
  const listeners = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 2_000,
    onRcptTo(_address, _session, callback) {
      callback(refusing ? temporaryFailure() : undefined);
    },
    onData(stream, session, callback) {
      if (refusing) {
        // The stream must be consumed before answering.
        stream.on("end", () => callback(temporaryFailure()));
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const headerTo = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
            a.value.map((v) => v.address ?? ""),
          );
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          received.push({
            messageId: mail.messageId ?? "",
            from: mail.from?.text ?? "",
            to: envelopeTo.length > 0 ? envelopeTo : headerTo,
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            attachments: mail.attachments.map((a) => ({
              filename: a.filename ?? "",
              contentType: a.contentType,
              content: a.content,
            })),
          });
          for (const notify of listeners) notify();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    setRefusing(refuse: boolean) {
      refusing = refuse;
    },
    waitFor(n: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          if (received.length < n) return;
          done();
          resolve(received);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`SMTP sink: expected ${n} e-mail(s) within ${timeoutMs} ms, got ${received.length}`));
        }, timeoutMs);
        listeners.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
