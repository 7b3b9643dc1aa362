// apply.concurrent: how much slower the login page gets while many people submit applications,
// measured on the built web server (`node server.mjs`), as users and a load balancer see it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSmtpSink } from "@cabinet/mail/testing";

export const defaultWebRoot = fileURLToPath(new URL("../../../web", import.meta.url));

export interface ConcurrentApplyOptions {
  /** The built web app to start (its server.mjs and build/). */
  webRoot: string;
  /** How many clients submit at the same time, and how many applications they submit in all. */
  clients: number;
  submissions: number;
  /** How many login page loads are timed on the idle server. */
  idleProbes: number;
  /** Progress for people (stderr), never stdout: `--json` keeps stdout for the figures. */
  log: (line: string) => void;
}

export interface ConcurrentApplyResult {
  /** p95 of GET /login while the clients submit, and on the idle server (ms). */
  busyP95: number;
  idleP95: number;
  loginSamples: number;
  submissionsPerSecond: number;
}

/**
 * Starts the built portal with a fresh database, times `GET /login` on the idle server, then again
 * while `clients` clients each load /apply (for the CSRF cookie, token and form key) and post
 * applications, until `submissions` are in.
 */
export async function loginLatencyWhileApplying(options: ConcurrentApplyOptions): Promise<ConcurrentApplyResult> {
  if (!existsSync(join(options.webRoot, "build", "server", "index.js"))) {
    throw new Error(`apply.concurrent needs the built web app in ${options.webRoot}: run "pnpm build" first`);
  }
  const portal = await startPortal(options.webRoot, options.log);
  try {
    // Warm up: routes compiled, connections open, the PDF threads busy once.
    for (let i = 0; i < 30; i++) await timedGet(`${portal.baseUrl}/login`);
    await new ApplyingClient(portal.baseUrl, -1).submit(0);

    const idle: number[] = [];
    for (let i = 0; i < options.idleProbes; i++) idle.push(await timedGet(`${portal.baseUrl}/login`));

    let next = 0;
    let done = false;
    const busy: number[] = [];
    const started = performance.now();
    const clients = Array.from({ length: options.clients }, async (_, c) => {
      const client = new ApplyingClient(portal.baseUrl, c);
      while (next < options.submissions) await client.submit(next++);
    });
    let proberError: unknown;
    const prober = (async () => {
      try {
        while (!done) busy.push(await timedGet(`${portal.baseUrl}/login`));
      } catch (error) {
        proberError = error;
      }
    })();
    try {
      await Promise.all(clients);
    } finally {
      done = true;
      await prober;
    }
    const seconds = (performance.now() - started) / 1000;
    if (proberError) throw proberError;
    return {
      busyP95: percentile(busy, 0.95),
      idleP95: percentile(idle, 0.95),
      loginSamples: busy.length,
      submissionsPerSecond: options.submissions / seconds,
    };
  } finally {
    await portal.stop();
  }
}

/** One person applying again and again: loads the form, posts it with its cookie and token. */
class ApplyingClient {
  private cookie = "";

  constructor(
    private readonly baseUrl: string,
    private readonly id: number,
  ) {}

  async submit(n: number): Promise<void> {
    const page = await fetch(`${this.baseUrl}/apply`, { headers: this.cookie ? { Cookie: this.cookie } : {} });
    const setCookie = page.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0] ?? "";
    const html = await page.text();
    const form = new URLSearchParams({
      regionCode: "ural",
      companyName: `ООО «Нагрузка ${this.id}-${n}»`,
      ownerName: "Ёлкина-Д'Арк Анна Петровна",
      accountNumber: String(500_000_000 + (this.id + 1) * 100_000 + n),
      numbers: `+7 912 ${String(100 + (n % 900))}-${String(10 + (this.id % 90))}-89`,
      contactNumber: `+7 912 ${String(100 + (n % 900))}-${String(10 + (this.id % 90))}-89`,
      email: `load-${this.id}-${n}@bench.example`,
      representativeName: "Петров Пётр Петрович",
      submissionKey: hiddenValue(html, "submissionKey"),
      csrf: hiddenValue(html, "csrf"),
    });
    const response = await fetch(`${this.baseUrl}/apply`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: this.cookie, Origin: this.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    await response.arrayBuffer();
    const location = response.headers.get("location") ?? "";
    if (response.status < 300 || response.status >= 400 || !location.includes("/apply/done/")) {
      throw new Error(`apply.concurrent: a submission answered ${response.status} ${location}`);
    }
  }
}

function hiddenValue(html: string, name: string): string {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
  const value = /value="([^"]*)"/.exec(input)?.[1];
  if (value === undefined) throw new Error(`apply.concurrent: /apply has no ${name} field`);
  return value;
}

async function timedGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return performance.now() - started;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

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

/** The built portal on 127.0.0.1 as the browser tests start it, with per-address rate limits off. */
async function startPortal(webRoot: string, log: (line: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-web-"));
  const smtp = await startSmtpSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: webRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DEMO_MODE: "on",
      DEMO_DATA: "on",
      // Every request comes from 127.0.0.1 here: the per-address limits would stop the clients.
      RATE_LIMITS: "off",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_PATH: join(dir, "cabinet.db"),
      SMTP_URL: smtp.url,
      SESSION_SECRET: "bench-session-secret-0123456789abcdef0123",
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
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  log(`starting the built portal on ${baseUrl}`);
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(`the portal exited:\n${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the portal did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, stop };
}
