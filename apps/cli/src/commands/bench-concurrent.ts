// apply.concurrent: how much slower the login page gets while many people submit applications,
// measured on the built web server (`node server.mjs`), as users and a load balancer see it.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
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
    await applyingClients({ baseUrl: portal.baseUrl, clients: 1, submissions: 1, firstClient: 1000 });

    // The idle baseline is timed half before and half after the load, so that a change in what
    // else the (shared) machine does during the run weighs on both sides alike.
    const idle: number[] = [];
    const timeIdle = async (probes: number) => {
      for (let i = 0; i < probes; i++) idle.push(await timedGet(`${portal.baseUrl}/login`));
    };
    await timeIdle(Math.ceil(options.idleProbes / 2));

    let done = false;
    const busy: number[] = [];
    const load = applyingClients({ baseUrl: portal.baseUrl, clients: options.clients, submissions: options.submissions, firstClient: 0 });
    let proberError: unknown;
    const prober = (async () => {
      try {
        while (!done) busy.push(await timedGet(`${portal.baseUrl}/login`));
      } catch (error) {
        proberError = error;
      }
    })();
    let seconds: number;
    try {
      ({ seconds } = await load);
    } finally {
      done = true;
      await prober;
    }
    if (proberError) throw proberError;
    // The queued e-mails (two per application) go out before the second half of the idle baseline.
    const mails = 2 * (options.submissions + 1);
    for (const deadline = Date.now() + 60_000; portal.mailsReceived() < mails && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await timeIdle(Math.floor(options.idleProbes / 2));
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

/** The clients, in a process of their own (bench-apply-clients.mjs). */
async function applyingClients(work: { baseUrl: string; clients: number; submissions: number; firstClient: number }) {
  const script = fileURLToPath(new URL("./bench-apply-clients.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, JSON.stringify(work)], { maxBuffer: 1 << 20 }).catch(
    (error: { stderr?: string; message: string }) => {
      throw new Error(`apply.concurrent: the clients failed: ${error.stderr || error.message}`);
    },
  );
  return JSON.parse(stdout) as { seconds: number };
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
      // No demo companies: their months of usage history are rated in the background after start,
      // holding the event loop for tenths of a second at a time, which is not what is measured here.
      DEMO_DATA: "off",
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
  return { baseUrl, stop, mailsReceived: () => smtp.received.length };
}
