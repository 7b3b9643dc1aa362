// Every field anybody can send is validated in time linear in its length: no pattern may backtrack
// catastrophically, and the length is checked before any pattern runs. Each check below must answer
// within BUDGET_MS on input made to hurt a backtracking pattern; the owner-name pattern this replaced
// took 2.4 s on "А. " × 26 + "!" and days on "А. " × 49 + "!" (which fits the field).
import { describe, expect, it } from "vitest";
import { findApplicationStatus } from "../applications/application-status.ts";
import { applicationFieldLimits, parseApplicationInput } from "../applications/application-input.ts";
import { checkPasswordPolicy } from "../auth/passwords.ts";
import { loginPattern, normalizeLogin } from "../auth/users.ts";
import { applicationFormFactory } from "../testing/factories.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { parseMsisdn } from "./phone-numbers.ts";
import { normalizeVerificationCode } from "./random-codes.ts";
import { foldText } from "./text-folding.ts";

/** Generous for a shared 2-core machine; a backtracking pattern misses it by orders of magnitude. */
const BUDGET_MS = 50;

/** The pieces a name, number, e-mail or code is made of, and the boundaries between them. */
const units = [
  "А", "A", "ё", "1", " ", "  ", "\t", "\n", "\r\n", ".", "-", "'", "’", ",", ";", "«", "»", '"', "(", ")", "+", "@",
  "А.", "А. ", "А-", "А'", "А ", "a.", "a-", "a@", "a@a.", "a.a@", "1-", "1 ", "+7", "8 (", "9-", "\u0000", "\u200b", "é",
];
const endings = ["", "!", "@", ".", " ", "1", "\u0000"];

/** Each unit repeated to `length` characters, with each ending: the near-misses that make patterns backtrack. */
function hostileValues(length: number): string[] {
  const values = [`${"А. ".repeat(26)}!`, `${"А. ".repeat(49)}!`, "x".repeat(100_000)];
  for (const unit of units) {
    const body = unit.repeat(Math.max(1, Math.floor(length / unit.length)));
    for (const ending of endings) values.push(body + ending);
  }
  return values;
}

/** The fastest of up to three runs: a catastrophic pattern is slow every time, a busy machine only sometimes. */
function fastestMs(work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3 && best > BUDGET_MS; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Stops at the first value over budget: the next ones could take days with a backtracking pattern. */
function expectEachWithinBudget(name: string, values: string[], check: (value: string) => unknown) {
  for (const value of values) {
    const ms = fastestMs(() => check(value));
    const sample = `${name} ${JSON.stringify(value.slice(0, 24))}… (${value.length} chars)`;
    expect(ms, sample).toBeLessThan(BUDGET_MS);
  }
}

/** Lengths that pass the field's length check (so its patterns really run) and ones far over it. */
const lengthsFor = (limit: number) => [limit - 2, limit, 100_000];

describe("validating hostile input takes linear time", () => {
  const applicationFields = Object.keys(applicationFieldLimits) as (keyof typeof applicationFieldLimits)[];

  for (const field of applicationFields) {
    it(`access application: ${field}`, () => {
      const values = lengthsFor(applicationFieldLimits[field]).flatMap(hostileValues);
      expectEachWithinBudget(field, values, (value) =>
        parseApplicationInput(applicationFormFactory({ [field]: value }), ["ural"]),
      );
    });
  }

  it("rejects the issue's owner name at once, with a message rather than a frozen server", () => {
    const result = parseApplicationInput(applicationFormFactory({ ownerName: `${"А. ".repeat(49)}!` }), ["ural"]);
    expect(!result.ok && result.fieldErrors.ownerName).toEqual({ code: "name.characters" });
  });

  it("refuses a 100 KB field as too long before any pattern sees it", () => {
    const result = parseApplicationInput(applicationFormFactory({ companyName: "Ромашка ".repeat(12_500) }), ["ural"]);
    expect(!result.ok && result.fieldErrors.companyName).toEqual({ code: "tooLong" });
    expect(!result.ok && result.values.companyName.length).toBe(applicationFieldLimits.companyName);
  });

  it("application status lookup: reference and e-mail", () => {
    const deps = createTestDeps();
    const values = lengthsFor(254).flatMap(hostileValues);
    expectEachWithinBudget("status", values, (value) => {
      findApplicationStatus(deps, { reference: value, email: value });
    });
  });

  it("login and forgotten password: the login", () => {
    const values = lengthsFor(100).flatMap(hostileValues);
    expectEachWithinBudget("login", values, (value) => loginPattern.test(normalizeLogin(value)));
  });

  it("password change: the password policy", () => {
    const values = lengthsFor(200).flatMap(hostileValues);
    expectEachWithinBudget("password", values, (value) => checkPasswordPolicy(value, { login: "c100200300" }));
  });

  it("form verification: the code typed from the paper", () => {
    const values = lengthsFor(40).flatMap(hostileValues);
    expectEachWithinBudget("code", values, normalizeVerificationCode);
  });

  it("phone numbers and the office's search text", () => {
    const values = lengthsFor(30).flatMap(hostileValues);
    expectEachWithinBudget("phone", values, parseMsisdn);
    expectEachWithinBudget("search", values, foldText);
  });
});
