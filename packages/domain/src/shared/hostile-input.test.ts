// Every field anybody can send is validated in time linear in its length: no pattern may backtrack
// catastrophically, and the length is checked before any pattern runs. Each check below must answer
// within HOSTILE_INPUT_BUDGET_MS on input made to hurt a backtracking pattern (testing/hostile-input.ts);
// the owner-name pattern this replaced took 2.4 s on "А. " × 26 + "!" and days on "А. " × 49 + "!".
import { describe, expect, it } from "vitest";
import { findApplicationStatus } from "../applications/application-status.ts";
import { applicationFieldLimits, parseApplicationInput } from "../applications/application-input.ts";
import { checkPasswordPolicy } from "../auth/passwords.ts";
import { loginPattern, normalizeLogin } from "../auth/users.ts";
import { applicationFormFactory } from "../testing/factories.ts";
import { firstOverBudget, hostileLengthsFor, hostileValues } from "../testing/hostile-input.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { parseMsisdn } from "./phone-numbers.ts";
import { normalizeVerificationCode } from "./random-codes.ts";
import { foldText } from "./text-folding.ts";

function expectEachWithinBudget(name: string, values: string[], check: (value: string) => unknown) {
  expect(firstOverBudget(name, values, check)).toBeUndefined();
}

const lengthsFor = hostileLengthsFor;

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
