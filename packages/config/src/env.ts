import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { productionProblems } from "./production-readiness.ts";

// The one place the cabinet reads process.env: the web server and the command line both read their
// settings through `readEnv`, so a default or a rule is written once. Every variable is in the
// README's Configuration table (a test holds the two together).

/** Signs cookies when SESSION_SECRET is unset outside production. Production refuses to start with it. */
export const DEVELOPMENT_SESSION_SECRET = "dev-only-session-secret-change-me";

const onOff = z.enum(["on", "off"], { error: 'expected "on" or "off"' });
const portNumber = z.coerce.number({ error: "expected a port number" }).int().min(1).max(65535);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * The start command's one-machine demo (scripts/start.sh sets it): demo data and the development
   * SMS page are then on by default and allowed in production.
   */
  DEMO_MODE: onOff.default("off"),
  PORT: portNumber.default(3000),
  HOST: z.string().default("0.0.0.0"),
  /**
   * How many reverse proxies in front of the portal append to X-Forwarded-For (0: none, the header
   * is ignored). A number, never "trust every hop": otherwise a client could write its own address.
   */
  TRUST_PROXY: z.coerce
    .number({ error: "expected the number of proxy hops (0 when none)" })
    .int({ error: "expected the number of proxy hops (0 when none)" })
    .min(0)
    .max(10),
  /** Per-address limits on the public forms; "off" only for benchmarks. */
  RATE_LIMITS: onOff.default("on"),
  /** The address users reach; used in e-mails, SMS and the QR code. Default: http://localhost:PORT. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "expected an http:// or https:// address" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** The SQLite file; a relative path is taken from the project's root folder. */
  DATABASE_PATH: z.string().default("data/cabinet.db"),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "expected smtp://… or smtps://…" })
    .default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().default("Корпоративный кабинет <no-reply@operator.example>"),
  /** Signs cookies. Unset outside production: the development default. */
  SESSION_SECRET: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
  /** Comma-separated secrets still accepted while rotating SESSION_SECRET. */
  SESSION_SECRET_PREVIOUS: z
    .string()
    .optional()
    .transform((list) => (list ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
  /** "off" when a separate `pnpm cabinet outbox work` process delivers the outbox. */
  OUTBOX_WORKER: onOff.default("on"),
  OUTBOX_POLL_MS: z.coerce.number({ error: "expected milliseconds" }).int().min(50).default(2000),
  /** HTTP SMS gateway (JSON POST); without it SMS stay in the development SMS outbox. */
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// address" }).optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** Seed demo logins, accounts and applications into an empty database. Default: DEMO_MODE. */
  DEMO_DATA: onOff.optional(),
  /**
   * The development SMS outbox page (/dev/sms): the outbox table as a phone, every SMS readable.
   * Default: on outside production (and in the demo) unless an SMS gateway is set.
   */
  DEV_SMS_OUTBOX: onOff.optional(),
  /**
   * Where ordered call details are written (streamed to disk, then mailed or downloaded).
   * Default: a `detailing` folder beside the database file; a relative path is taken from the project's root folder.
   */
  DETAILING_FILES_DIR: z.string().optional(),
  /** A call-detail file up to this size (MB) is attached to its e-mail; a larger one is sent as a download link. */
  DETAILING_ATTACHMENT_LIMIT_MB: z.coerce
    .number({ error: "expected a size in megabytes, e.g. 10 or 0.5" })
    .positive({ error: "expected a size in megabytes above 0" })
    .max(100, { error: "at most 100 MB: mail servers refuse larger messages" })
    .default(10),
  /** How many days a call-detail file stays downloadable from the cabinet (then the file is deleted). */
  DETAILING_LINK_DAYS: z.coerce.number({ error: "expected a number of days" }).int({ error: "expected whole days" }).min(1).max(90).default(7),
  MAILCATCHER_SMTP_PORT: portNumber.default(1025),
  MAILCATCHER_WEB_PORT: portNumber.default(1080),
});

// TRUST_PROXY has no .default() above so that its own error message survives; 0 is its default.
const schema = envSchema.extend({ TRUST_PROXY: envSchema.shape.TRUST_PROXY.default(0) });

export type EnvInput = z.input<typeof envSchema>;
type Parsed = z.output<typeof schema>;

export interface Env extends Omit<Parsed, "PUBLIC_URL" | "SESSION_SECRET" | "DEMO_DATA" | "DEV_SMS_OUTBOX" | "DETAILING_FILES_DIR"> {
  PUBLIC_URL: string;
  SESSION_SECRET: string;
  DEMO_DATA: "on" | "off";
  DEV_SMS_OUTBOX: "on" | "off";
  /** An absolute folder. */
  DETAILING_FILES_DIR: string;
  /** Region code → office e-mail, from OFFICE_EMAIL_<REGION>. */
  officeEmailOverrides: Record<string, string>;
}

/** The configuration cannot be used; the message names every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[], heading: string) {
    super(`${heading}\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee "Configuration" in README.md.`);
    this.name = "ConfigError";
  }
}

const SECRET_KEYS = new Set(["SESSION_SECRET", "SESSION_SECRET_PREVIOUS", "SMS_GATEWAY_TOKEN", "SMTP_URL"]);
const OFFICE_EMAIL_PREFIX = "OFFICE_EMAIL_";
const officeEmail = z.email();

/**
 * Validates the environment and fills in the defaults. Throws a ConfigError naming every problem:
 * a value that does not parse, or (NODE_ENV=production) a setting that is unsafe in production.
 */
export function readEnv(source: Record<string, string | undefined> = process.env, options: { cwd?: string } = {}): Env {
  // An empty value (`SMS_GATEWAY_URL=` in an env file) means unset.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = schema.safeParse(given);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        // Secrets (and SMTP_URL, which may hold a password) are never echoed into a log.
        const shown = SECRET_KEYS.has(key) ? "" : ` (given: ${JSON.stringify(given[key] ?? "")})`;
        return `${key}: ${issue.message}${shown}`;
      });

  const officeEmailOverrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!key.startsWith(OFFICE_EMAIL_PREFIX) || value === undefined) continue;
    if (officeEmail.safeParse(value).success) officeEmailOverrides[key.slice(OFFICE_EMAIL_PREFIX.length).toLowerCase()] = value;
    else problems.push(`${key}: expected an e-mail address (given: ${JSON.stringify(value)})`);
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems, "The configuration is not valid:");

  const env = parsed.data;
  const unsafe = productionProblems(env);
  if (unsafe.length) {
    throw new ConfigError(unsafe, "The cabinet refuses to start in production (NODE_ENV=production) with this configuration:");
  }
  const demo = env.DEMO_MODE === "on";
  const databasePath = resolveFromProjectRoot(env.DATABASE_PATH, options.cwd ?? process.cwd());
  return {
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    DATABASE_PATH: databasePath,
    DETAILING_FILES_DIR: env.DETAILING_FILES_DIR
      ? resolveFromProjectRoot(env.DETAILING_FILES_DIR, options.cwd ?? process.cwd())
      : defaultDetailingFilesDir(databasePath),
    SESSION_SECRET: env.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    DEMO_DATA: env.DEMO_DATA ?? (demo ? "on" : "off"),
    DEV_SMS_OUTBOX: env.DEV_SMS_OUTBOX ?? (!env.SMS_GATEWAY_URL && (demo || env.NODE_ENV !== "production") ? "on" : "off"),
    officeEmailOverrides,
  };
}

/**
 * `readEnv` for a program's start: a bad configuration prints its one message and ends the process
 * (exit code 78, "configuration error") before anything opens or listens.
 */
export function readEnvOrExit(source?: Record<string, string | undefined>): Env {
  try {
    return readEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[cabinet] ${error.message}`);
    process.exit(78);
  }
}

/** A `detailing` folder beside the database file (an in-memory database: the system's temp folder). */
export function defaultDetailingFilesDir(databasePath: string): string {
  return databasePath === ":memory:" ? join(tmpdir(), "cabinet-detailing") : join(dirname(databasePath), "detailing");
}

/**
 * The project's root folder (the one with pnpm-workspace.yaml) above `cwd`, so that the web server
 * (run in apps/web) and the command line (run in apps/cli) find the same relative DATABASE_PATH.
 */
export function resolveFromProjectRoot(path: string, cwd: string): string {
  if (path === ":memory:" || isAbsolute(path)) return path;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return resolve(dir, path);
    if (dirname(dir) === dir) return resolve(cwd, path);
  }
}
