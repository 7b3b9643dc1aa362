// The command line as an operator runs it: `tsx src/main.ts …` in a child process, against a
// temporary database, with the real mail catcher.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { findSessionActor, LOGIN_FAILURE_RETENTION_MS, logIn, openDatabase, systemClock } from "@cabinet/domain";
import { createSmtpTransport } from "@cabinet/mail";
import { afterAll, describe, expect, it } from "vitest";

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "cabinet-cli-"));
const databasePath = join(dir, "cabinet.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = promisify(execFile);
const tsx = join(cliRoot, "node_modules/.bin/tsx");

async function cabinet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cabinetWith({}, ...args);
}

async function cabinetWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ["src/main.ts", ...args], {
      cwd: cliRoot,
      env: { ...process.env, DATABASE_PATH: databasePath, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
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

describe("pnpm cabinet", () => {
  it("adds an office staff login that logs in with the printed temporary password and must change it", async () => {
    const created = await cabinet("staff", "add", "--region", "ural", "--login", "Ivanova", "--name", "Иванова Анна");
    expect(created.code).toBe(0);
    const password = /\(shown once\): (\S+)/.exec(created.stdout)?.[1];
    expect(password).toBeDefined();

    const deps = { db: openDatabase(databasePath), clock: systemClock, config: { publicUrl: "http://x", mailFrom: "x@x", officeEmailOverrides: {} } };
    const result = await logIn(deps, { regionCode: "ural", login: "ivanova", password: password as string, clientAddress: "127.0.0.1" });
    expect(result).toMatchObject({ ok: true, role: "office_staff", mustChangePassword: true });
    if (result.ok) expect(findSessionActor(deps, result.sessionToken)).toMatchObject({ regionCode: "ural", displayName: "Иванова Анна" });
    deps.db.$client.close();

    // The same login again, or a region that does not exist: a plain message and a failing exit code.
    const again = await cabinet("staff", "add", "--region", "ural", "--login", "ivanova");
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("Not created");
    const nowhere = await cabinet("staff", "add", "--region", "atlantis", "--login", "petrova");
    expect(nowhere.code).not.toBe(0);
    expect(nowhere.stderr).toContain("Not created");
  }, 60_000);

  it("gives a locked office staff login a new temporary password that opens it", async () => {
    await cabinet("staff", "add", "--region", "volga", "--login", "petrova");
    const deps = { db: openDatabase(databasePath), clock: systemClock, config: { publicUrl: "http://x", mailFrom: "x@x", officeEmailOverrides: {} } };
    const attempt = (password: string) => logIn(deps, { regionCode: "volga", login: "petrova", password, clientAddress: "127.0.0.2" });
    for (let i = 0; i < 5; i++) await attempt(`Wrong-password-${i}`);
    expect(await attempt("Wrong-password-5")).toEqual({ ok: false, reason: "locked" });

    const reset = await cabinet("staff", "reset-password", "--region", "volga", "--login", "petrova");
    expect(reset.code).toBe(0);
    const password = /\(shown once\): (\S+)/.exec(reset.stdout)?.[1] as string;
    expect(await attempt(password)).toMatchObject({ ok: true, mustChangePassword: true });
    deps.db.$client.close();

    const unknown = await cabinet("staff", "reset-password", "--region", "volga", "--login", "nobody");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("no office staff login nobody");
  }, 60_000);

  it("reports the outbox", async () => {
    const status = await cabinet("outbox", "status");
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: 0, failed: 0 });
  }, 30_000);

  it("prunes records past their retention and keeps the rest", async () => {
    const db = openDatabase(databasePath);
    const old = Date.now() - LOGIN_FAILURE_RETENTION_MS - 60_000;
    const insert = db.$client.prepare("insert into login_failures (client_address, at) values (?, ?)");
    for (let i = 0; i < 3; i++) insert.run("203.0.113.50", old);
    insert.run("203.0.113.51", Date.now());
    const pruned = await cabinet("prune");
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/pruned \d+ ended sessions, 3 failed-login records, \d+ outbox messages/);
    expect(db.$client.prepare("select client_address from login_failures where client_address like '203.0.113.5%'").all()).toEqual([
      { client_address: "203.0.113.51" },
    ]);
    db.$client.close();
  }, 30_000);

  it("refuses, in production, to open the database with an unsafe configuration, naming each problem", async () => {
    const refused = await cabinetWith({ NODE_ENV: "production", SESSION_SECRET: "", SMS_GATEWAY_URL: "", DEMO_MODE: "" }, "outbox", "status");
    expect(refused.code).toBe(78);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain("refuses to start in production");
    expect(refused.stderr).toContain("SESSION_SECRET is not set");
    expect(refused.stderr).toContain("SMS_GATEWAY_URL is not set");

    const safe = { NODE_ENV: "production", SESSION_SECRET: "0123456789abcdef0123456789abcdef", SMS_GATEWAY_URL: "https://sms.operator.example/send" };
    expect((await cabinetWith(safe, "outbox", "status")).code).toBe(0);
    const invalid = await cabinetWith({ OUTBOX_POLL_MS: "soon" }, "outbox", "status");
    expect(invalid.code).toBe(78);
    expect(invalid.stderr).toContain('OUTBOX_POLL_MS: expected milliseconds (given: "soon")');
    // Help needs no configuration.
    expect((await cabinetWith({ NODE_ENV: "production" }, "--help")).code).toBe(0);
  }, 60_000);

  it("prints the configuration as the portal will use it, without its secrets", async () => {
    const secret = "0123456789abcdef0123456789abcdef";
    const shown = await cabinetWith({ PORT: "4100", SESSION_SECRET: secret, SMTP_URL: "smtp://mailer:hunter2@mail.example:587", OFFICE_EMAIL_URAL: "ural@operator.example" }, "config");
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("PUBLIC_URL=http://localhost:4100\n");
    expect(shown.stdout).toContain(`DATABASE_PATH=${databasePath}\n`);
    expect(shown.stdout).toContain("SESSION_SECRET=(set)\n");
    expect(shown.stdout).toContain("SMTP_URL=smtp://***@mail.example:587\n");
    expect(shown.stdout).toContain("OFFICE_EMAIL_URAL=ural@operator.example\n");
    expect(shown.stdout).not.toMatch(/hunter2|0123456789abcdef/);
    expect((await cabinetWith({ PORT: "4100" }, "config", "--get", "PUBLIC_URL")).stdout).toBe("http://localhost:4100\n");
  }, 30_000);

  it("runs the mail catcher: mail sent to its SMTP port shows in its API", async () => {
    const smtpPort = await freePort();
    const webPort = await freePort();
    const catcher: ChildProcess = spawn(tsx, ["src/main.ts", "mailcatcher"], {
      cwd: cliRoot,
      env: { ...process.env, MAILCATCHER_SMTP_PORT: String(smtpPort), MAILCATCHER_WEB_PORT: String(webPort) },
      stdio: "ignore",
      detached: true,
    });
    try {
      const api = `http://127.0.0.1:${webPort}/api/email`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const up = await fetch(api).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        if (Date.now() > deadline) throw new Error("the mail catcher did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
      const transport = createSmtpTransport(`smtp://127.0.0.1:${smtpPort}`);
      await transport.send({
        from: "no-reply@operator.example",
        to: "office@operator.example",
        subject: "Заявление URL-2026-000001",
        text: "Проверка",
        html: "<p>Проверка</p>",
        messageId: "<cli-test@cabinet.operator.example>",
        attachments: [],
      });
      transport.close();
      const emails = (await (await fetch(api)).json()) as { subject: string }[];
      expect(emails.map((e) => e.subject)).toContain("Заявление URL-2026-000001");
    } finally {
      if (catcher.pid) process.kill(-catcher.pid, "SIGTERM");
    }
  }, 60_000);
});
