import { z } from "zod";

// The one place the web app reads process.env.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** How many reverse proxies in front of the portal append to X-Forwarded-For (0: none, trust no header). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Per-address limits on the public forms; "off" only for benchmarks. */
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  DATABASE_PATH: z.string().default("./data/cabinet.db"),
  SMTP_URL: z.string().default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().default("Корпоративный кабинет <no-reply@operator.example>"),
  PUBLIC_URL: z
    .string()
    .default("http://localhost:3000")
    .transform((url) => url.replace(/\/+$/, "")),
  SESSION_SECRET: z.string().min(16).default("dev-only-session-secret-change-me"),
  /** "off" when a separate `pnpm cabinet outbox work` process delivers the outbox. */
  OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).default(2000),
  /** Seed demo accounts, lines, staff and applications into an empty database. */
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  /** HTTP SMS gateway; without it SMS stay in the development SMS outbox page. */
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /** Show the development SMS outbox page (/dev/sms) to office staff. */
  DEV_SMS_OUTBOX: z.enum(["on", "off"]).optional(),
});

export type Env = z.infer<typeof schema> & { officeEmailOverrides: Record<string, string> };

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const env = schema.parse(source);
  if (env.NODE_ENV === "production" && env.SESSION_SECRET.startsWith("dev-only")) {
    console.warn("[cabinet] SESSION_SECRET is not set: using the development default");
  }
  const officeEmailOverrides = Object.fromEntries(
    Object.entries(source)
      .filter(([key, value]) => key.startsWith("OFFICE_EMAIL_") && value)
      .map(([key, value]) => [key.slice("OFFICE_EMAIL_".length).toLowerCase(), value as string]),
  );
  return { ...env, officeEmailOverrides };
}
