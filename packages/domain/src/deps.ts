import type { Db } from "./db/open-database.ts";

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface DomainConfig {
  /** Base URL of the portal as users reach it, e.g. "http://localhost:3000". */
  publicUrl: string;
  /** The From: address of every e-mail. */
  mailFrom: string;
  /** Office e-mail per region code, overriding the seeded addresses. */
  officeEmailOverrides: Record<string, string>;
  /** Ordered call details (details/orders/): unset fields take the defaults of `detailingSettings`. */
  detailing?: Partial<DetailingSettings>;
}

export interface DetailingSettings {
  /** Where the files are written (an absolute folder). */
  filesDir: string;
  /** Up to this size a file is attached to its e-mail; above it the e-mail carries a download link. */
  attachmentLimitBytes: number;
  /** How long a file stays downloadable from the cabinet, from when it was ready. */
  linkLifetimeMs: number;
}

/** What every domain function is given: no module-level singletons, so tests hand in their own. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: DomainConfig;
}
