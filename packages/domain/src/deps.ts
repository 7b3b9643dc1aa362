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
}

/** What every domain function is given: no module-level singletons, so tests hand in their own. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: DomainConfig;
}
