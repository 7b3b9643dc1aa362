import { describe, expect, it } from "vitest";
import { createTestDeps } from "../testing/test-deps.ts";
import { checkApplicationAgainstRecords, sameName } from "./application-checks.ts";
import { addAccount } from "./office-test-fixtures.ts";

const application = {
  regionCode: "ural",
  accountNumber: "100200300",
  numbers: ["+79123456789", "+79123456790"],
  ownerName: "Ёлкина Анна Петровна",
};

function withAccount(ownerName = "Ёлкина Анна Петровна") {
  const deps = createTestDeps();
  addAccount(deps, { accountNumber: "100200300", ownerName, msisdns: ["+79123456789", "+79123456790"] });
  // The same account number in another region is another account.
  addAccount(deps, { regionCode: "moscow", accountNumber: "100200301", ownerName, msisdns: ["+79161112233"] });
  return deps;
}

const byCode = (checks: ReturnType<typeof checkApplicationAgainstRecords>["checks"]) =>
  Object.fromEntries(checks.map((c) => [c.code, c]));

describe("checking an application against the operator's records", () => {
  it("passes when the account is in the region, every number is its line and the owner matches", () => {
    const { checks, account } = checkApplicationAgainstRecords(withAccount().db, application);
    expect(account?.accountNumber).toBe("100200300");
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it("fails every check for an unknown account, listing all numbers as foreign", () => {
    const { checks, account } = checkApplicationAgainstRecords(withAccount().db, { ...application, accountNumber: "999888777" });
    expect(account).toBeUndefined();
    expect(byCode(checks)).toEqual({
      "account.exists": { code: "account.exists", ok: false },
      "numbers.belong": { code: "numbers.belong", ok: false, foreign: application.numbers },
      "owner.matches": { code: "owner.matches", ok: false, onRecord: null },
    });
  });

  it("does not find an account of another region", () => {
    const { checks } = checkApplicationAgainstRecords(withAccount().db, { ...application, accountNumber: "100200301" });
    expect(byCode(checks)["account.exists"]?.ok).toBe(false);
  });

  it("lists the numbers that are not lines of the account, including lines of other accounts", () => {
    const { checks } = checkApplicationAgainstRecords(withAccount().db, {
      ...application,
      numbers: ["+79123456789", "+79161112233", "+79990000001"],
    });
    expect(byCode(checks)["numbers.belong"]).toEqual({ code: "numbers.belong", ok: false, foreign: ["+79161112233", "+79990000001"] });
    expect(byCode(checks)["account.exists"]?.ok).toBe(true);
  });

  it("reports an owner mismatch with the name on record", () => {
    const { checks } = checkApplicationAgainstRecords(withAccount("Соколов Игорь Павлович").db, application);
    expect(byCode(checks)["owner.matches"]).toEqual({ code: "owner.matches", ok: false, onRecord: "Соколов Игорь Павлович" });
  });

  it("matches names regardless of case, ё/е and extra spaces", () => {
    const { checks } = checkApplicationAgainstRecords(withAccount("ЕЛКИНА   анна петровна").db, application);
    expect(byCode(checks)["owner.matches"]?.ok).toBe(true);
    expect(sameName("Фёдоров Пётр", "ФЕДОРОВ ПЕТР")).toBe(true);
    expect(sameName("Кузнецова М. А.", "кузнецова м.а.")).toBe(true);
    expect(sameName("Фёдоров Пётр", "Федорова Петра")).toBe(false);
  });
});
