/** Shorter secrets are refused in production: a cookie signed with a guessable secret can be forged. */
export const PRODUCTION_SESSION_SECRET_MIN_LENGTH = 32;

/** The settings, as given (before defaults that depend on other settings), that production depends on. */
export interface ProductionSettings {
  NODE_ENV: "development" | "production" | "test";
  DEMO_MODE: "on" | "off";
  SESSION_SECRET?: string | undefined;
  DEMO_DATA?: "on" | "off" | undefined;
  DEV_SMS_OUTBOX?: "on" | "off" | undefined;
  SMS_GATEWAY_URL?: string | undefined;
}

/**
 * What makes this configuration unsafe to serve real customers, one sentence each (empty: safe, or
 * not production). The start command's demo (DEMO_MODE=on) may seed demo data and keep SMS on the
 * development page, because that is what a demo is; it still needs a real session secret.
 */
export function productionProblems(env: ProductionSettings): string[] {
  if (env.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  const secret = env.SESSION_SECRET;
  if (!secret) {
    problems.push("SESSION_SECRET is not set: set a random value of at least 32 characters (e.g. `openssl rand -hex 32`).");
  } else if (secret.startsWith("dev-only")) {
    problems.push("SESSION_SECRET is the development default: set a random value of at least 32 characters.");
  } else if (secret.length < PRODUCTION_SESSION_SECRET_MIN_LENGTH) {
    problems.push(`SESSION_SECRET is shorter than ${PRODUCTION_SESSION_SECRET_MIN_LENGTH} characters: session cookies could be forged.`);
  }
  if (env.DEMO_MODE === "on") return problems;
  if (env.DEMO_DATA === "on") {
    problems.push("DEMO_DATA=on would seed demo logins whose passwords are published in the README: demo data is for the start command's demo (DEMO_MODE=on) only.");
  }
  if (env.DEV_SMS_OUTBOX === "on") {
    problems.push("DEV_SMS_OUTBOX=on would show every SMS, temporary passwords included, on the development page /dev/sms: it is for development and the demo only.");
  }
  if (!env.SMS_GATEWAY_URL) {
    problems.push("SMS_GATEWAY_URL is not set: SMS (logins and temporary passwords) would stay in the development SMS outbox instead of reaching phones.");
  }
  return problems;
}
