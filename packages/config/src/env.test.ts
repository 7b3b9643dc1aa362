import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, DEVELOPMENT_SESSION_SECRET, envSchema, readEnv } from "./env.ts";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const secret = "0123456789abcdef0123456789abcdef";
/** What an operator sets for production (see the README). */
const production = { NODE_ENV: "production", SESSION_SECRET: secret, SMS_GATEWAY_URL: "https://sms.operator.example/send" };

function problemsOf(source: Record<string, string>): string[] {
  try {
    readEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the environment's defaults", () => {
  it("runs a developer's machine with nothing set: local mail catcher, development secret, development SMS page, no demo data", () => {
    const env = readEnv({}, { cwd: projectRoot });
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      TRUST_PROXY: 0,
      RATE_LIMITS: "on",
      PUBLIC_URL: "http://localhost:3000",
      DATABASE_PATH: join(projectRoot, "data/cabinet.db"),
      SMTP_URL: "smtp://127.0.0.1:1025",
      MAIL_FROM: "Корпоративный кабинет <no-reply@operator.example>",
      SESSION_SECRET: DEVELOPMENT_SESSION_SECRET,
      SESSION_SECRET_PREVIOUS: [],
      OUTBOX_WORKER: "on",
      OUTBOX_POLL_MS: 2000,
      DEMO_MODE: "off",
      DEMO_DATA: "off",
      DEV_SMS_OUTBOX: "on",
      MAILCATCHER_SMTP_PORT: 1025,
      MAILCATCHER_WEB_PORT: 1080,
      DETAILING_FILES_DIR: join(projectRoot, "data/detailing"),
      DETAILING_ATTACHMENT_LIMIT_MB: 10,
      DETAILING_LINK_DAYS: 7,
      officeEmailOverrides: {},
    });
  });

  it("keeps ordered call details beside the database unless told otherwise, and refuses an attachment limit or link lifetime that is not a size or whole days", () => {
    expect(readEnv({ DATABASE_PATH: "/var/lib/cabinet/cabinet.db" }).DETAILING_FILES_DIR).toBe("/var/lib/cabinet/detailing");
    expect(readEnv({ DETAILING_FILES_DIR: "files/details" }, { cwd: join(projectRoot, "apps/web") }).DETAILING_FILES_DIR).toBe(join(projectRoot, "files/details"));
    expect(readEnv({ DETAILING_ATTACHMENT_LIMIT_MB: "0.5", DETAILING_LINK_DAYS: "3" })).toMatchObject({ DETAILING_ATTACHMENT_LIMIT_MB: 0.5, DETAILING_LINK_DAYS: 3 });
    expect(problemsOf({ DETAILING_ATTACHMENT_LIMIT_MB: "lots", DETAILING_LINK_DAYS: "1.5" }).map((p) => p.split(":")[0])).toEqual([
      "DETAILING_ATTACHMENT_LIMIT_MB",
      "DETAILING_LINK_DAYS",
    ]);
  });

  it("finds the same database from the web server's folder and the command line's", () => {
    const fromWeb = readEnv({ DATABASE_PATH: "./data/x.db" }, { cwd: join(projectRoot, "apps/web") });
    const fromCli = readEnv({ DATABASE_PATH: "./data/x.db" }, { cwd: join(projectRoot, "apps/cli") });
    expect(fromWeb.DATABASE_PATH).toBe(join(projectRoot, "data/x.db"));
    expect(fromCli.DATABASE_PATH).toBe(fromWeb.DATABASE_PATH);
    expect(readEnv({ DATABASE_PATH: "/var/lib/cabinet/cabinet.db" }).DATABASE_PATH).toBe("/var/lib/cabinet/cabinet.db");
  });

  it("turns on demo data and the development SMS page for the start command's demo, and the SMS page off once a gateway is set", () => {
    expect(readEnv({ DEMO_MODE: "on" })).toMatchObject({ DEMO_DATA: "on", DEV_SMS_OUTBOX: "on" });
    expect(readEnv({ ...production, DEMO_MODE: "on" })).toMatchObject({ DEMO_DATA: "on", DEV_SMS_OUTBOX: "off" });
    expect(readEnv({ SMS_GATEWAY_URL: "https://sms.operator.example/send" }).DEV_SMS_OUTBOX).toBe("off");
    expect(readEnv(production)).toMatchObject({ DEMO_DATA: "off", DEV_SMS_OUTBOX: "off" });
  });

  it("reads the proxy hops as a number, the office addresses per region, the previous secrets as a list, and an empty value as unset", () => {
    const env = readEnv({
      TRUST_PROXY: "1",
      OFFICE_EMAIL_URAL: "ural.office@operator.example",
      SESSION_SECRET_PREVIOUS: "old-secret-0123456789, older-secret-0123456789",
      SMS_GATEWAY_URL: "",
      PUBLIC_URL: "https://cabinet.example/",
    });
    expect(env.TRUST_PROXY).toBe(1);
    expect(env.officeEmailOverrides).toEqual({ ural: "ural.office@operator.example" });
    expect(env.SESSION_SECRET_PREVIOUS).toEqual(["old-secret-0123456789", "older-secret-0123456789"]);
    expect(env.SMS_GATEWAY_URL).toBeUndefined();
    expect(env.PUBLIC_URL).toBe("https://cabinet.example");
    expect(readEnv({ PORT: "4000" }).PUBLIC_URL).toBe("http://localhost:4000");
    // Addresses by IP, as behind a load balancer or in tests.
    expect(readEnv({ PUBLIC_URL: "http://127.0.0.1:4000", SMS_GATEWAY_URL: "http://10.0.0.5:8080/sms" })).toMatchObject({
      PUBLIC_URL: "http://127.0.0.1:4000",
      SMS_GATEWAY_URL: "http://10.0.0.5:8080/sms",
    });
  });
});

describe("a configuration that cannot be used", () => {
  it("is refused with one message naming every bad variable", () => {
    const attempt = () =>
      readEnv({
        PORT: "eighty",
        TRUST_PROXY: "true",
        PUBLIC_URL: "javascript:alert(1)",
        SMTP_URL: "http://mail.example",
        OUTBOX_WORKER: "yes",
        OFFICE_EMAIL_URAL: "not an address",
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: expected a port number \(given: "eighty"\)/);
    const problems = problemsOf({ PORT: "eighty", TRUST_PROXY: "true", PUBLIC_URL: "javascript:alert(1)", SMTP_URL: "http://x", OUTBOX_WORKER: "yes", OFFICE_EMAIL_URAL: "x" });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["PORT", "TRUST_PROXY", "PUBLIC_URL", "SMTP_URL", "OUTBOX_WORKER", "OFFICE_EMAIL_URAL"]);
    expect(problems[1]).toContain("number of proxy hops");
  });

  it("never repeats a secret in the message", () => {
    const problems = problemsOf({ SESSION_SECRET: "short-secret", SMTP_URL: "ftp://user:hunter2@mail.example" });
    expect(problems).toEqual(["SMTP_URL: expected smtp://… or smtps://…", "SESSION_SECRET: must be at least 16 characters"]);
    expect(problems.join("\n")).not.toMatch(/hunter2|short-secret/);
  });
});

describe("production (NODE_ENV=production)", () => {
  it("starts with a real secret and an SMS gateway", () => {
    expect(problemsOf(production)).toEqual([]);
  });

  it.each([
    ["the session secret is missing", { SESSION_SECRET: "" }, /^SESSION_SECRET is not set/],
    ["the session secret is the development default", { SESSION_SECRET: DEVELOPMENT_SESSION_SECRET }, /^SESSION_SECRET is the development default/],
    ["the session secret is short", { SESSION_SECRET: "0123456789abcdef" }, /^SESSION_SECRET is shorter than 32 characters/],
    ["demo data would be seeded", { DEMO_DATA: "on" }, /^DEMO_DATA=on would seed demo logins/],
    ["SMS would be shown on the development page", { DEV_SMS_OUTBOX: "on" }, /^DEV_SMS_OUTBOX=on would show every SMS/],
    ["SMS would stay in the development outbox", { SMS_GATEWAY_URL: "" }, /^SMS_GATEWAY_URL is not set/],
  ])("refuses to start when %s", (_, change, problem) => {
    const problems = problemsOf({ ...production, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it("names every problem at once, under one heading", () => {
    let message = "";
    try {
      readEnv({ NODE_ENV: "production" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "The cabinet refuses to start in production (NODE_ENV=production) with this configuration:",
      expect.stringMatching(/^ {2}- SESSION_SECRET is not set/),
      expect.stringMatching(/^ {2}- SMS_GATEWAY_URL is not set/),
      'See "Configuration" in README.md.',
    ]);
  });

  it("lets the start command's demo seed demo data and keep SMS on the development page, but not sign cookies with the development secret", () => {
    expect(problemsOf({ NODE_ENV: "production", DEMO_MODE: "on", SESSION_SECRET: secret, DEMO_DATA: "on", DEV_SMS_OUTBOX: "on" })).toEqual([]);
    expect(problemsOf({ NODE_ENV: "production", DEMO_MODE: "on" })).toEqual([expect.stringMatching(/^SESSION_SECRET is not set/)]);
  });

  it("is the only mode that refuses: development and tests run on the defaults", () => {
    expect(problemsOf({ NODE_ENV: "test", DEMO_DATA: "on" })).toEqual([]);
    expect(problemsOf({ NODE_ENV: "development", DEV_SMS_OUTBOX: "on" })).toEqual([]);
  });
});

describe("the README's configuration table", () => {
  it("lists every variable the cabinet reads", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
    const documented = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+(?:<REGION>)?)`/g)].map((m) => m[1]));
    const read = [...Object.keys(envSchema.shape), "OFFICE_EMAIL_<REGION>"];
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });
});
