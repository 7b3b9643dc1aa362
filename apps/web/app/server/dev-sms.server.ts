import { appEnv } from "./context.server";

/**
 * The development SMS outbox page: on in development and the start command's demo, off in
 * production (which refuses to start with it) and whenever a real SMS gateway is set.
 */
export function devSmsOutboxEnabled(): boolean {
  return appEnv().DEV_SMS_OUTBOX === "on";
}
