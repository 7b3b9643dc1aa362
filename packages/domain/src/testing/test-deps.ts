import type { Clock, Deps, DomainConfig } from "../deps.ts";
import { openDatabase } from "../db/open-database.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date("2026-11-25T09:00:00Z")) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date) {
    this.current = new Date(at);
  }
}

export const testConfig: DomainConfig = {
  publicUrl: "http://cabinet.test",
  mailFrom: "Корпоративный кабинет <no-reply@operator.example>",
  officeEmailOverrides: {},
};

/** A fresh in-memory database migrated from the committed migrations, with regions and tariffs. */
export function createTestDeps(overrides: Partial<DomainConfig> = {}): Deps & { clock: TestClock } {
  const db = openDatabase(":memory:");
  seedReferenceData(db);
  return { db, clock: new TestClock(), config: { ...testConfig, ...overrides } };
}
