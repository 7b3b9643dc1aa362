import { appEnv } from "./context.server";

/** The development SMS outbox page is on unless turned off, or a real SMS gateway is configured. */
export function devSmsOutboxEnabled(): boolean {
  const env = appEnv();
  return (env.DEV_SMS_OUTBOX ?? (env.SMS_GATEWAY_URL ? "off" : "on")) === "on";
}
