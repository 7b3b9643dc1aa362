// A burst of parallel guesses at one login, on a real SQLite file shared by two connections (as two
// server processes share it): each attempt is reserved in a write transaction before its slow
// password check, so no more than five are ever checked and the burst locks the login.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Db, openDatabase } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { seedReferenceData } from "../seed/seed-reference-data.ts";
import { TestClock, testConfig } from "../testing/test-deps.ts";
import { logIn, type LogInResult, MAX_FAILED_ATTEMPTS } from "./log-in.ts";
import { verifyPassword } from "./passwords.ts";
import { findSessionActor } from "./sessions.ts";
import { createStaffUser } from "./users.ts";

// Counts the password checks, to see how many attempts were let through to the real hash.
vi.mock("./passwords.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("./passwords.ts")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

const BURST = 50;
const PASSWORD = "Office2026demo";
const directories: string[] = [];
const databases: Db[] = [];

beforeEach(() => vi.mocked(verifyPassword).mockClear());
afterEach(() => {
  for (const db of databases.splice(0)) db.$client.close();
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two connections to one database file, as two server processes would have, and one clock. */
async function sharedFile(): Promise<[Deps, Deps]> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-burst-"));
  directories.push(dir);
  const file = join(dir, "cabinet.db");
  const first = openDatabase(file);
  seedReferenceData(first);
  const second = openDatabase(file);
  databases.push(first, second);
  const clock = new TestClock();
  const deps: [Deps, Deps] = [
    { db: first, clock, config: testConfig },
    { db: second, clock, config: testConfig },
  ];
  await createStaffUser(deps[0], { regionCode: "ural", login: "staff", displayName: "Staff", password: PASSWORD });
  return deps;
}

/** `BURST` attempts at once, alternating between the connections, each from its own address; `right` at the given places. */
function burst(deps: [Deps, Deps], login: string, rightAt: number[] = []): Promise<LogInResult[]> {
  return Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      logIn(i % 2 === 0 ? deps[0] : deps[1], {
        regionCode: "ural",
        login,
        password: rightAt.includes(i) ? PASSWORD : `Wrong-guess-${i}`,
        clientAddress: `10.0.${Math.floor(i / 200)}.${i % 200}`,
      }),
    ),
  );
}

/** How many passwords were checked against the login's real hash. */
function checksOfRealHash(deps: Deps, login: string): number {
  const hash = deps.db.select({ hash: users.passwordHash }).from(users).where(eq(users.login, login)).get()?.hash;
  return vi.mocked(verifyPassword).mock.calls.filter(([checked]) => checked === hash).length;
}

const reasons = (results: LogInResult[]) => results.map((r) => (r.ok ? "ok" : r.reason));
const howMany = (results: LogInResult[], reason: string) => reasons(results).filter((r) => r === reason).length;

describe("a burst of parallel wrong passwords at one login", () => {
  it("checks no more than five against the real password, and ends with the login locked", async () => {
    const deps = await sharedFile();
    const results = await burst(deps, "staff");
    expect(checksOfRealHash(deps[0], "staff")).toBe(MAX_FAILED_ATTEMPTS);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(howMany(results, "locked")).toBeGreaterThan(BURST - MAX_FAILED_ATTEMPTS);
    expect(await logIn(deps[1], { regionCode: "ural", login: "staff", password: PASSWORD })).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it("does not let in the right password sent anywhere after the fifth", async () => {
    for (const place of [MAX_FAILED_ATTEMPTS, 20, BURST - 1]) {
      const deps = await sharedFile();
      const results = await burst(deps, "staff", [place]);
      expect(results[place], `right password at ${place}`).toMatchObject({ ok: false });
    }
  });

  it("lets in the right password reserved among the first five, and the rest of the burst locks the login after it", async () => {
    const deps = await sharedFile();
    const results = await burst(deps, "staff", [2]);
    const opened = results[2];
    expect(opened).toMatchObject({ ok: true, role: "office_staff" });
    expect(howMany(results, "ok")).toBe(1);
    // 47 wrong guesses came after it: the login is locked, and with it the session it opened.
    expect(await logIn(deps[0], { regionCode: "ural", login: "staff", password: PASSWORD })).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(opened?.ok && findSessionActor(deps[0], opened.sessionToken)).toBeUndefined();
  });

  it("answers a login that does not exist exactly as one that does", async () => {
    const deps = await sharedFile();
    const existing = reasons(await burst(deps, "staff"));
    const unknown = reasons(await burst(deps, "nobody-here"));
    expect(unknown).toEqual(existing);
    expect(await logIn(deps[0], { regionCode: "ural", login: "nobody-here", password: PASSWORD })).toEqual({
      ok: false,
      reason: "locked",
    });
  });
});
