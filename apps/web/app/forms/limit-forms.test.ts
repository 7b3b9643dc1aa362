import { LIMIT_AMOUNT_MAX, limitListShows, limitPolicies } from "@cabinet/domain";
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { ru } from "~/i18n/ru";
import { parseForm } from "./form-schema.ts";
import { check, codesOf } from "./form-test-helpers.ts";
import {
  companyDefaultFormSchema,
  companyWarningFormSchema,
  LIMIT_AMOUNT_MAX_KOPECKS,
  limitListShowOptions,
  limitPolicyOptions,
  lineLimitFormSchema,
  selectionLimitFormSchema,
} from "./limit-forms.ts";

describe("the spending limit's forms", () => {
  it("read the amount in roubles with kopecks as people type it, and the rest of the limit", () => {
    expect(check(lineLimitFormSchema, { intent: "limit", amount: " 5 000,50 ₽", policy: "block", warningPercent: "75", notifyEmployee: "yes", until: "2026-11-30" })).toEqual({
      ok: true,
      value: { intent: "limit", amount: 500_050, policy: "block", warningPercent: 75, notifyEmployee: true, until: "2026-11-30" },
    });
    expect(check(lineLimitFormSchema, { intent: "limit", amount: "1500.5", policy: "split" })).toEqual({
      ok: true,
      value: { intent: "limit", amount: 150_050, policy: "split", notifyEmployee: false },
    });
  });

  it("answer each field with its own message: amount, policy, warning percent, date", () => {
    expect(codesOf(check(lineLimitFormSchema, { intent: "limit" }))).toEqual({ amount: "required", policy: "limits.policy.required" });
    expect(codesOf(check(lineLimitFormSchema, { intent: "limit", amount: "1,000", policy: "stop", warningPercent: "100", until: "2026-02-30" }))).toEqual({
      amount: "limits.amount.invalid",
      policy: "limits.policy.required",
      warningPercent: "limits.warning.invalid",
      until: "limits.until.invalid",
    });
    expect(codesOf(check(lineLimitFormSchema, { intent: "limit", amount: "0", policy: "notify", warningPercent: "0" }))).toEqual({
      amount: "limits.amount.zero",
      warningPercent: "limits.warning.invalid",
    });
    expect(codesOf(check(lineLimitFormSchema, { intent: "limit", amount: "10 000 000,01", policy: "notify" }))).toEqual({ amount: "limits.amount.tooLarge" });
    expect(codesOf(check(lineLimitFormSchema, { intent: "limit", amount: "9".repeat(31), policy: "notify" }))).toEqual({ amount: "limits.amount.invalid" });
  });

  it("a selection's limit carries the ticked lines or the filter", () => {
    const form = new FormData();
    for (const [name, value] of [["intent", "set"], ["scope", "lines"], ["line", "4"], ["line", "7"], ["amount", "300"], ["policy", "notify"]]) form.append(name as string, value as string);
    const ticked = parseForm(form, selectionLimitFormSchema);
    expect(ticked).toMatchObject({ status: "success", value: { scope: "lines", line: [4, 7], amount: 30_000, status: "all" } });
    expect(codesOf(check(selectionLimitFormSchema, { intent: "set", scope: "lines", amount: "300", policy: "notify" }))).toEqual({ line: "lines.noneTicked" });
    expect(check(selectionLimitFormSchema, { intent: "set", scope: "filter", status: "active", department: "3", amount: "300", policy: "notify" })).toMatchObject({
      ok: true,
      value: { scope: "filter", status: "active", department: 3, line: [] },
    });
  });

  it("the company's default limit needs an amount and a policy; its warning percent is a form of its own", () => {
    expect(check(companyDefaultFormSchema, { intent: "default", amount: "2000", policy: "split", notifyEmployee: "yes" })).toEqual({
      ok: true,
      value: { intent: "default", amount: 200_000, policy: "split", notifyEmployee: true },
    });
    expect(codesOf(check(companyDefaultFormSchema, { intent: "default", policy: "notify" }))).toEqual({ amount: "required" });
    expect(check(companyWarningFormSchema, { intent: "warning", warningPercent: "90" })).toEqual({ ok: true, value: { intent: "warning", warningPercent: 90 } });
    expect(codesOf(check(companyWarningFormSchema, { intent: "warning" }))).toEqual({ warningPercent: "required" });
    expect(codesOf(check(companyWarningFormSchema, { intent: "warning", warningPercent: "80 %" }))).toEqual({ warningPercent: "limits.warning.invalid" });
  });
});

describe("the limit forms and the domain", () => {
  it("offer the domain's policies, lists and largest amount", () => {
    expect([...limitPolicyOptions]).toEqual([...limitPolicies]);
    expect([...limitListShowOptions]).toEqual([...limitListShows]);
    expect(LIMIT_AMOUNT_MAX_KOPECKS).toBe(LIMIT_AMOUNT_MAX);
  });

  // The forms' codes and the ones the domain's setters and the limits file answer with.
  it.each([
    "limits.amount.invalid",
    "limits.amount.zero",
    "limits.amount.tooLarge",
    "limits.policy.required",
    "limits.warning.invalid",
    "limits.until.invalid",
    "limits.file.tooLarge",
    "limits.amount.range",
    "limits.policy.unknown",
    "limits.warning.range",
    "limits.until.format",
    "limits.until.past",
    "limits.file.malformed",
    "limits.file.noLimitColumn",
    "limits.import.alreadyApplied",
    "limits.import.stale",
  ])("%s has a text in Russian and in English", (code) => {
    expect(ru).toHaveProperty([`errors.${code}`]);
    expect(en).toHaveProperty([`errors.${code}`]);
  });
});
