import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Deps, openDatabase, seedReferenceData, systemClock } from "@cabinet/domain";

// The one place the command line reads process.env.
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const env = {
  databasePath: process.env.DATABASE_PATH ?? join(repoRoot, "data/cabinet.db"),
  smtpUrl: process.env.SMTP_URL ?? "smtp://127.0.0.1:1025",
  mailFrom: process.env.MAIL_FROM ?? "Корпоративный кабинет <no-reply@operator.example>",
  publicUrl: (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
  smsGatewayUrl: process.env.SMS_GATEWAY_URL,
  smsGatewayToken: process.env.SMS_GATEWAY_TOKEN,
  mailcatcherSmtpPort: Number(process.env.MAILCATCHER_SMTP_PORT ?? 1025),
  mailcatcherWebPort: Number(process.env.MAILCATCHER_WEB_PORT ?? 1080),
  officeEmailOverrides: Object.fromEntries(
    Object.entries(process.env)
      .filter(([key, value]) => key.startsWith("OFFICE_EMAIL_") && value)
      .map(([key, value]) => [key.slice("OFFICE_EMAIL_".length).toLowerCase(), value as string]),
  ),
};

export function openDeps(databasePath = env.databasePath): Deps {
  const db = openDatabase(databasePath);
  seedReferenceData(db);
  return {
    db,
    clock: systemClock,
    config: { publicUrl: env.publicUrl, mailFrom: env.mailFrom, officeEmailOverrides: env.officeEmailOverrides },
  };
}
