import { connect, createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "./testing/smtp-sink.ts";
import { createSmtpTransport, type MailTransport, newMessageId, type OutgoingEmail, smtpOptionsFromUrl } from "./transport.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function sink(opts?: { refuse?: boolean }): Promise<SmtpSink> {
  const s = await startSmtpSink(opts);
  cleanups.push(() => s.close());
  return s;
}
function transport(url: string): MailTransport {
  const t = createSmtpTransport(url);
  cleanups.push(() => t.close());
  return t;
}

// PDF-like bytes: the magic, Cyrillic, and every byte value (binary-safe transfer).
const pdf = new Uint8Array([
  ...Buffer.from("%PDF-1.7\n%\xE2\xE3\xCF\xD3\nпроверка\n", "utf8"),
  ...Array.from({ length: 256 }, (_, i) => i),
  ...Buffer.from("\n%%EOF\n"),
]);
const mail = (messageId: string): OutgoingEmail => ({
  from: "Корпоративный кабинет <no-reply@operator.example>",
  to: "corporate.ural@operator.example",
  subject: "Заявление на доступ к корпоративному кабинету URL-2026-000123 — ООО «Ромашка»",
  text: "Текст письма: «Ромашка»",
  html: "<p>Текст письма: «Ромашка»</p>",
  messageId,
  attachments: [{ filename: "zayavlenie-URL-2026-000123.pdf", contentType: "application/pdf", content: pdf }],
});

describe("newMessageId", () => {
  it("makes unique <uuid@domain> ids", () => {
    const id = newMessageId();
    expect(id).toMatch(/^<[0-9a-f-]{36}@cabinet\.operator\.example>$/);
    expect(newMessageId()).not.toBe(id);
    expect(newMessageId("mail.test")).toMatch(/@mail\.test>$/);
  });
});

describe("smtpOptionsFromUrl", () => {
  it("speaks plain SMTP to a local catcher", () => {
    expect(smtpOptionsFromUrl("smtp://127.0.0.1:1025")).toMatchObject({ host: "127.0.0.1", port: 1025, secure: false, ignoreTLS: true, auth: undefined });
    expect(smtpOptionsFromUrl("smtp://localhost:1025")).toMatchObject({ ignoreTLS: true });
    expect(smtpOptionsFromUrl("smtp://[::1]:1025")).toMatchObject({ host: "::1", ignoreTLS: true });
  });

  it("uses STARTTLS-when-offered with auth on a remote relay", () => {
    expect(smtpOptionsFromUrl("smtp://user%40corp:p%40ss@mail.example:587")).toMatchObject({
      host: "mail.example",
      port: 587,
      secure: false,
      ignoreTLS: false,
      auth: { user: "user@corp", pass: "p@ss" },
    });
  });

  it("uses implicit TLS for smtps://", () => {
    expect(smtpOptionsFromUrl("smtps://mail.example")).toMatchObject({ host: "mail.example", port: 465, secure: true, ignoreTLS: false });
  });

  it("sets timeouts so that a dead server fails fast", () => {
    const o = smtpOptionsFromUrl("smtp://127.0.0.1:1025");
    expect(o.connectionTimeout).toBeLessThanOrEqual(10_000);
    expect(o.greetingTimeout).toBeLessThanOrEqual(10_000);
    expect(o.socketTimeout).toBeLessThanOrEqual(60_000);
  });

  it("rejects other schemes and garbage without echoing a password", () => {
    expect(() => smtpOptionsFromUrl("http://127.0.0.1:1025")).toThrow(/scheme/);
    expect(() => smtpOptionsFromUrl("not a url")).toThrow(/Invalid SMTP URL/);
  });
});

describe("SMTP transport against a real SMTP server", () => {
  it("delivers the message with its Cyrillic subject, identical attachment bytes and the given Message-ID", async () => {
    const s = await sink();
    const t = transport(s.url);
    const id = newMessageId();
    const info = await t.send(mail(id));
    expect(info.accepted).toEqual(["corporate.ural@operator.example"]);
    expect(info.rejected).toEqual([]);
    expect(info.response).toMatch(/^250/);

    const [got] = await s.waitFor(1);
    expect(got?.subject).toBe("Заявление на доступ к корпоративному кабинету URL-2026-000123 — ООО «Ромашка»");
    expect(got?.messageId).toBe(id);
    expect(got?.from).toContain("no-reply@operator.example");
    expect(got?.from).toContain("Корпоративный кабинет");
    expect(got?.to).toEqual(["corporate.ural@operator.example"]);
    expect(got?.text.trim()).toBe("Текст письма: «Ромашка»");
    expect(got?.html).toContain("<p>Текст письма: «Ромашка»</p>");
    expect(got?.attachments).toHaveLength(1);
    const att = got?.attachments[0];
    expect(att?.filename).toBe("zayavlenie-URL-2026-000123.pdf");
    expect(att?.contentType).toBe("application/pdf");
    expect(att?.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(Buffer.compare(att?.content ?? Buffer.alloc(0), Buffer.from(pdf))).toBe(0);
  });

  it("keeps the same Message-ID when the same message is sent again", async () => {
    const s = await sink();
    const t = transport(s.url);
    const id = newMessageId();
    await t.send(mail(id));
    await t.send(mail(id));
    await t.send(mail(newMessageId()));
    const [first, second, third] = await s.waitFor(3);
    expect(first?.messageId).toBe(id);
    expect(second?.messageId).toBe(id);
    expect(third?.messageId).not.toBe(id);
  });

  it("throws when the server refuses, and the retry with the same Message-ID goes through", async () => {
    const s = await sink({ refuse: true });
    const t = transport(s.url);
    const id = newMessageId();
    const error = await t.send(mail(id)).then(
      () => null,
      (e: unknown) => e as Error & { responseCode?: number },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error?.responseCode).toBe(451);
    expect(s.received).toHaveLength(0);

    s.setRefusing(false);
    await t.send(mail(id));
    const [got] = await s.waitFor(1);
    expect(got?.messageId).toBe(id);
  });

  it("throws quickly when nothing listens on the port", async () => {
    const s = await startSmtpSink();
    const url = s.url;
    await s.close();
    const started = Date.now();
    await expect(transport(url).send(mail(newMessageId()))).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it(
    "throws, rather than hangs, when the server accepts the connection but never greets",
    async () => {
      const silent: Server = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      cleanups.push(() => {
        silent.close();
      });
      const port = (silent.address() as { port: number }).port;
      const started = Date.now();
      await expect(transport(`smtp://127.0.0.1:${port}`).send(mail(newMessageId()))).rejects.toThrow(/greeting|timeout/i);
      expect(Date.now() - started).toBeLessThan(15_000);
    },
    20_000,
  );
});

describe("SMTP sink", () => {
  it("waitFor rejects when too few messages arrive in time", async () => {
    const s = await sink();
    await expect(s.waitFor(1, 200)).rejects.toThrow(/expected 1 e-mail/);
  });

  it("listens on 127.0.0.1 and reports its URL", async () => {
    const s = await sink();
    expect(s.url).toBe(`smtp://127.0.0.1:${s.port}`);
    expect(s.port).toBeGreaterThan(0);
  });

  it("refuses at DATA with 451 when refusing is switched on mid-session", async () => {
    const s = await sink();
    const socket = connect(s.port, "127.0.0.1");
    cleanups.push(() => socket.destroy());
    socket.setEncoding("utf8");
    let buffer = "";
    socket.on("data", (chunk: string) => {
      buffer += chunk;
    });
    /** Sends a line (if any) and waits for the next complete reply; returns its code. */
    const reply = async (line?: string): Promise<string> => {
      const from = buffer.length;
      if (line !== undefined) socket.write(`${line}\r\n`);
      for (let i = 0; i < 200; i++) {
        const lines = buffer.slice(from).split("\r\n");
        const last = lines.find((l) => /^\d{3} /.test(l));
        if (last) return last.slice(0, 3);
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no reply to ${line}: ${buffer}`);
    };
    expect(await reply()).toBe("220");
    expect(await reply("EHLO test")).toBe("250");
    expect(await reply("MAIL FROM:<a@test.example>")).toBe("250");
    expect(await reply("RCPT TO:<b@test.example>")).toBe("250");
    s.setRefusing(true);
    expect(await reply("DATA")).toBe("354");
    expect(await reply("Subject: x\r\n\r\nbody\r\n.")).toBe("451");
    socket.write("QUIT\r\n");
    expect(s.received).toHaveLength(0);
  });
});
