import type { Deps } from "../deps.ts";

export interface DueLimitChanges {
  /** Regions whose billing month changed and were handled now (once each, across processes). */
  monthChanges: { regionCode: string; billingMonth: number; unblocked: number }[];
  /** Temporary limits that ended and were removed now. */
  expired: number;
  blocked: number;
  unblocked: number;
}

/**
 * The periodic task of limits (registered in jobs/job-handlers.ts): at the start of each region's
 * billing month (its own time zone: Vladivostok hours before Moscow) unblocks the lines blocked by
 * their limit whose new month's spending is below it; ends temporary limits whose day is over
 * (the line takes what it inherits, enforced at once). Catches up with what was missed while no
 * process ran, and does each change once even when several processes run it at the same time.
 */
export async function runDueLimitChanges(_deps: Deps): Promise<DueLimitChanges> {
  throw new Error("not implemented yet");
}
