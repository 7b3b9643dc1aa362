import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSmtpSink } from "@cabinet/mail/testing";
import { type Browser, chromium } from "playwright-core";

const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * The built portal (`node server.mjs`) on 127.0.0.1 in the start command's demo mode (demo data,
 * the development SMS page) with a fresh SQLite file, and a real SMTP server that keeps what it
 * receives; plus headless Debian chromium.
 */
export async function startPortal() {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-e2e-"));
  const smtp = await startSmtpSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: webRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      // The start command's demo: demo data, and SMS on the development page where the tests read them.
      DEMO_MODE: "on",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_PATH: join(dir, "cabinet.db"),
      SMTP_URL: smtp.url,
      SESSION_SECRET: "e2e-session-secret-0123456789abcdef0123",
      OUTBOX_POLL_MS: "200",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`portal exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`portal did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    baseUrl,
    smtp,
    browser,
    output: () => output,
    /** Waits for the e-mail to `to` whose subject contains `subjectPart`. */
    async mailTo(to: string, subjectPart: string, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = smtp.received.find((m) => m.to.includes(to) && m.subject.includes(subjectPart));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no e-mail to ${to} about ${subjectPart}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await browser.close();
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Portal = Awaited<ReturnType<typeof startPortal>>;
