// The built server (`node server.mjs`) started as an operator would start it in production: an
// unsafe or invalid configuration ends the process before it opens the database or listens, with
// one message naming each problem; a safe one serves.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "cabinet-production-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

/** What a deployment sets (README: "What production must set"). */
const safe = {
  NODE_ENV: "production",
  SESSION_SECRET: "5f0c8e1a9b7d4c3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c",
  SMS_GATEWAY_URL: "http://127.0.0.1:9/sms",
  SMTP_URL: "smtp://127.0.0.1:9",
};

let started = 0;

/** Starts the server with only `env` (no inherited settings) and waits until it exits or serves. */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const databasePath = join(dir, `cabinet-${++started}.db`);
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: String(port), DATABASE_PATH: databasePath, ...env };
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: webRoot,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  let serving = false;
  while (child.exitCode === null && Date.now() < deadline) {
    serving = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (serving) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited;
  };
  const code = serving ? null : await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 1_000))]);
  return { port, serving, code, stdout: () => stdout, stderr: () => stderr, databaseCreated: existsSync(databasePath), stop };
}

describe("starting in production", () => {
  it.each([
    ["without a session secret", { SESSION_SECRET: "" }, "SESSION_SECRET is not set"],
    ["with the development session secret", { SESSION_SECRET: "dev-only-session-secret-change-me" }, "SESSION_SECRET is the development default"],
    ["with a short session secret", { SESSION_SECRET: "a-sixteen-chars!" }, "SESSION_SECRET is shorter than 32 characters"],
    ["with demo data", { DEMO_DATA: "on" }, "DEMO_DATA=on would seed demo logins"],
    ["with the development SMS page", { DEV_SMS_OUTBOX: "on" }, "DEV_SMS_OUTBOX=on would show every SMS"],
    ["without an SMS gateway", { SMS_GATEWAY_URL: "" }, "SMS_GATEWAY_URL is not set"],
    ["with proxy trust given as a yes/no", { TRUST_PROXY: "true" }, 'TRUST_PROXY: expected the number of proxy hops (0 when none) (given: "true")'],
  ])("refuses %s, naming the problem, before it opens the database or listens", async (_, change, problem) => {
    const server = await startServer({ ...safe, ...change });
    expect(server.serving).toBe(false);
    expect(server.code).toBe(78);
    expect(server.stderr()).toContain(problem);
    expect(server.stderr()).toContain('See "Configuration" in README.md.');
    expect(server.stderr()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(server.stdout()).not.toContain("listening");
    expect(server.databaseCreated).toBe(false);
  });

  it("names every problem in one message", async () => {
    const server = await startServer({ NODE_ENV: "production", DEMO_DATA: "on", DEV_SMS_OUTBOX: "on" });
    expect(server.code).toBe(78);
    const problems = server
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("  - "));
    expect(problems).toEqual([
      expect.stringContaining("SESSION_SECRET is not set"),
      expect.stringContaining("DEMO_DATA=on"),
      expect.stringContaining("DEV_SMS_OUTBOX=on"),
      expect.stringContaining("SMS_GATEWAY_URL is not set"),
    ]);
  });

  it("serves with what the README says production must set, without demo data", async () => {
    const server = await startServer(safe);
    try {
      expect(server.serving).toBe(true);
      expect(server.stdout()).toContain("listening");
      expect(server.stdout()).not.toContain("demo:");
    } finally {
      await server.stop();
    }
  });

  it("serves the start command's demo (DEMO_MODE=on): demo data seeded", async () => {
    const server = await startServer({ NODE_ENV: "production", DEMO_MODE: "on", SESSION_SECRET: safe.SESSION_SECRET, SMTP_URL: safe.SMTP_URL });
    try {
      expect(server.serving).toBe(true);
      expect(server.stdout()).toContain("demo:");
    } finally {
      await server.stop();
    }
  });
});
