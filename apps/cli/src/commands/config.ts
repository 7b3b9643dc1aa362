import { DEVELOPMENT_SESSION_SECRET, type Env, envSchema } from "@cabinet/config";
import type { Command } from "commander";
import { cliEnv } from "../env.ts";

/** Never printed: they sign cookies, authenticate to the SMS gateway, or may carry the SMTP password. */
const SECRETS = new Set(["SESSION_SECRET", "SESSION_SECRET_PREVIOUS", "SMS_GATEWAY_TOKEN", "SMTP_URL"]);

function shown(name: string, value: unknown): string {
  if (SECRETS.has(name)) {
    if (name === "SMTP_URL" && typeof value === "string") return value.replace(/\/\/[^@/]*@/, "//***@");
    if (value === DEVELOPMENT_SESSION_SECRET) return "(the development default)";
    return Array.isArray(value) ? `(${value.length} set)` : value ? "(set)" : "(unset)";
  }
  return value === undefined ? "" : String(value);
}

/** Every setting by its variable's name, office addresses included. */
function settingsOf(env: Env): [string, unknown][] {
  const offices = Object.entries(env.officeEmailOverrides).map(([region, email]) => [`OFFICE_EMAIL_${region.toUpperCase()}`, email]);
  return [...Object.keys(envSchema.shape).map((name) => [name, env[name as keyof Env]]), ...offices] as [string, unknown][];
}

export function registerConfig(program: Command) {
  program
    .command("config")
    .description("check the configuration from the environment and print it as the portal will use it (secrets hidden)")
    .option("--get <name>", "print one setting's value only, e.g. PUBLIC_URL")
    .action((options: { get?: string }) => {
      const env = cliEnv();
      const entries = settingsOf(env);
      if (options.get) {
        const entry = entries.find(([name]) => name === options.get);
        if (!entry) {
          console.error(`no setting ${options.get}`);
          process.exitCode = 1;
          return;
        }
        console.log(shown(entry[0], entry[1]));
        return;
      }
      for (const [name, value] of entries) console.log(`${name}=${shown(name, value)}`);
    });
}
