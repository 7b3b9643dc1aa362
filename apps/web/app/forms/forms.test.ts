// Each form's schema as its page and its action use it: field codes, limits, tidying.
import { describe, expect, it } from "vitest";
import { applicationStatusFormSchema } from "./application-status-form.ts";
import { changePasswordFormSchema } from "./change-password-form.ts";
import { approveFormSchema, decisionIntentSchema, issuePasswordFormSchema, rejectFormSchema } from "./decision-forms.ts";
import { check, codesOf } from "./form-test-helpers.ts";
import { forgotPasswordFormSchema, loginFormSchema } from "./login-form.ts";
import { logoutFormSchema } from "./logout-form.ts";
import { reviewQueueFormSchema } from "./review-queue-form.ts";
import { looksLikePdf, MAX_VERIFIED_PDF_BYTES, uploadedFormSchema, verificationCodeFormSchema } from "./verify-form.ts";

describe("login", () => {
  it("trims the login but takes the password exactly as typed", () => {
    expect(check(loginFormSchema, { regionCode: "ural", login: "  vector ", password: " pass word " })).toEqual({
      ok: true,
      value: { regionCode: "ural", login: "vector", password: " pass word " },
    });
  });

  it("asks for the region, the login and the password", () => {
    expect(codesOf(check(loginFormSchema, {}))).toEqual({ regionCode: "region.required", login: "required", password: "required" });
  });

  it("answers over-long input with a field message, and an over-long hidden target as an outdated page", () => {
    const result = check(loginFormSchema, {
      regionCode: "ural",
      login: "v".repeat(101),
      password: "p".repeat(201),
      next: `/cabinet?${"x".repeat(1000)}`,
    });
    expect(codesOf(result)).toEqual({ login: "field.tooLong", password: "field.tooLong", next: "form.expired" });
  });

  it("asks for the region and the login to restore access", () => {
    expect(codesOf(check(forgotPasswordFormSchema, { login: " " }))).toEqual({ regionCode: "region.required", login: "required" });
    expect(check(forgotPasswordFormSchema, { regionCode: "ural", login: " vector " })).toEqual({
      ok: true,
      value: { regionCode: "ural", login: "vector" },
    });
  });
});

describe("application status", () => {
  it("trims the reference and the e-mail and limits both", () => {
    expect(check(applicationStatusFormSchema, { reference: " URL-2026-000001 ", email: " a@b.example " })).toEqual({
      ok: true,
      value: { reference: "URL-2026-000001", email: "a@b.example" },
    });
    expect(codesOf(check(applicationStatusFormSchema, { reference: "U".repeat(41), email: `${"a".repeat(250)}@b.ru` }))).toEqual({
      reference: "field.tooLong",
      email: "field.tooLong",
    });
  });
});

describe("password change", () => {
  it("wants the new password twice, the same", () => {
    expect(codesOf(check(changePasswordFormSchema, { currentPassword: "old", newPassword: "Новый-2026", confirmPassword: "Новый-2027" }))).toEqual({
      confirmPassword: "password.mismatch",
    });
  });

  it("limits each password (128 for a new one) with a message rather than cutting it", () => {
    const long = "Aa1".repeat(43); // 129 characters
    expect(codesOf(check(changePasswordFormSchema, { currentPassword: "old", newPassword: long, confirmPassword: long }))).toEqual({
      newPassword: "field.tooLong",
      confirmPassword: "field.tooLong",
    });
  });
});

describe("log out", () => {
  it("knows only 'everywhere'", () => {
    expect(check(logoutFormSchema, { everywhere: "1" })).toEqual({ ok: true, value: { everywhere: "1" } });
    expect(check(logoutFormSchema, {})).toEqual({ ok: true, value: {} });
    expect(check(logoutFormSchema, { everywhere: "yes" }).ok).toBe(false);
  });
});

describe("form verification", () => {
  it("normalizes a code typed off paper", () => {
    expect(check(verificationCodeFormSchema, { code: " 7kq4 m2xd 9plt " })).toEqual({ ok: true, value: { code: "7KQ4-M2XD-9PLT" } });
    expect(check(verificationCodeFormSchema, { code: "7KQ4M2XD9PLT" })).toEqual({ ok: true, value: { code: "7KQ4-M2XD-9PLT" } });
  });

  it("says what is wrong with a code: missing, the wrong shape, or too long to be one", () => {
    expect(codesOf(check(verificationCodeFormSchema, { code: "" }))).toEqual({ code: "required" });
    expect(codesOf(check(verificationCodeFormSchema, { code: "7KQ4-M2XD" }))).toEqual({ code: "verify.codeFormat" });
    expect(codesOf(check(verificationCodeFormSchema, { code: "7".repeat(41) }))).toEqual({ code: "field.tooLong" });
  });

  it("wants a file of at most 5 MB; the code beside it is optional", () => {
    const pdf = new File(["%PDF-1.7"], "form.pdf", { type: "application/pdf" });
    expect(check(uploadedFormSchema, { file: pdf, fileCode: "" })).toEqual({ ok: true, value: { file: pdf } });
    expect(codesOf(check(uploadedFormSchema, { file: new File([], ""), fileCode: "abc" }))).toEqual({
      file: "verify.fileRequired",
      fileCode: "verify.codeFormat",
    });
    const huge = new File([new Uint8Array(MAX_VERIFIED_PDF_BYTES + 1)], "big.pdf");
    expect(codesOf(check(uploadedFormSchema, { file: huge }))).toEqual({ file: "verify.tooLarge" });
  });

  it("tells a PDF by its first bytes", () => {
    expect(looksLikePdf(new TextEncoder().encode("%PDF-1.7\n"))).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode("<html>"))).toBe(false);
  });
});

describe("office decisions", () => {
  it("approve: nothing more to say when every check passed", () => {
    expect(check(approveFormSchema({ checksFailed: false }), { intent: "approve" })).toEqual({ ok: true, value: { intent: "approve" } });
  });

  it("approve against failed checks: a confirmation and a comment of at least 5 characters", () => {
    const schema = approveFormSchema({ checksFailed: true });
    expect(codesOf(check(schema, { intent: "approve", comment: " ок " }))).toEqual({
      confirmFailedChecks: "decision.confirmChecks",
      comment: "decision.commentNeeded",
    });
    expect(codesOf(check(schema, { intent: "approve" }))).toEqual({
      confirmFailedChecks: "decision.confirmChecks",
      comment: "decision.commentNeeded",
    });
    expect(check(schema, { intent: "approve", confirmFailedChecks: "yes", comment: "  Проверено по телефону  " })).toEqual({
      ok: true,
      value: { intent: "approve", confirmFailedChecks: "yes", comment: "Проверено по телефону" },
    });
  });

  it("reject: a reason of at least 5 characters and at most 1000", () => {
    expect(codesOf(check(rejectFormSchema, { intent: "reject", reason: "нет" }))).toEqual({ reason: "decision.reasonNeeded" });
    expect(codesOf(check(rejectFormSchema, { intent: "reject" }))).toEqual({ reason: "decision.reasonNeeded" });
    expect(codesOf(check(rejectFormSchema, { intent: "reject", reason: "я".repeat(1001) }))).toEqual({ reason: "field.tooLong" });
  });

  it("each form knows its own button: another intent is an outdated page", () => {
    expect(codesOf(check(rejectFormSchema, { intent: "approve", reason: "Причина отказа" }))).toEqual({ intent: "form.expired" });
    expect(check(issuePasswordFormSchema, { intent: "issuePassword" }).ok).toBe(true);
    expect(codesOf(check(decisionIntentSchema, { intent: "x".repeat(21) }))).toEqual({ intent: "form.expired" });
  });
});

describe("office queue filters", () => {
  it("trim the search text and fall back to the defaults for lists they do not offer", () => {
    expect(check(reviewQueueFormSchema, { status: "all", q: "  Ромашка ", sort: "newest" })).toEqual({
      ok: true,
      value: { status: "all", q: "Ромашка", sort: "newest" },
    });
    expect(check(reviewQueueFormSchema, { status: "deleted", sort: "random" })).toEqual({
      ok: true,
      value: { status: "submitted", sort: "oldest" },
    });
  });

  it("answer a search text over 100 characters with a field message", () => {
    expect(codesOf(check(reviewQueueFormSchema, { q: "я".repeat(101) }))).toEqual({ q: "field.tooLong" });
  });
});
