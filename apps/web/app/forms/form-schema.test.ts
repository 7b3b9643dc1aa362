import { describe, expect, it } from "vitest";
import { z } from "zod";
import { changePasswordFormSchema } from "./change-password-form.ts";
import { fieldErrorOfIssue, inputConstraints, parseForm, squashSpaces, text, trimmedText } from "./form-schema.ts";
import { check, codesOf, formData } from "./form-test-helpers.ts";
import { loginFormSchema } from "./login-form.ts";

describe("a text field's limit", () => {
  const schema = z.object({ name: text(10) });

  it("accepts exactly the limit and answers one more character with a field message naming the limit", () => {
    expect(check(schema, { name: "x".repeat(10) })).toEqual({ ok: true, value: { name: "x".repeat(10) } });
    const over = check(schema, { name: "x".repeat(11) });
    expect(over).toEqual({ ok: false, errors: { name: { code: "field.tooLong", params: { max: "10" } } } });
  });

  it("counts characters, not bytes: ten Cyrillic letters fit in ten", () => {
    expect(check(schema, { name: "Ёжиковская" }).ok).toBe(true);
  });

  it("never hands an over-long value to the rules after it (no pattern sees more than the limit)", () => {
    let seen = 0;
    const guarded = z.object({
      name: text(10).refine((value) => {
        seen += 1;
        return /^\p{L}+$/u.test(value);
      }, "name.characters"),
    });
    expect(codesOf(check(guarded, { name: "x".repeat(100_000) }))).toEqual({ name: "field.tooLong" });
    expect(seen).toBe(0);
    expect(codesOf(check(guarded, { name: "x1" }))).toEqual({ name: "name.characters" });
    expect(seen).toBe(1);
  });

  it("treats an empty field, and one of spaces only, as missing", () => {
    const trimmed = z.object({ name: trimmedText(10) });
    expect(codesOf(check(trimmed, { name: "" }))).toEqual({ name: "required" });
    expect(codesOf(check(trimmed, { name: "   " }))).toEqual({ name: "required" });
    expect(codesOf(check(trimmed, {}))).toEqual({ name: "required" });
    expect(check(trimmed, { name: "  Анна  " })).toEqual({ ok: true, value: { name: "Анна" } });
  });

  it("squashes runs of spaces for the fields that want it", () => {
    expect(squashSpaces("  ООО   «Ромашка»\t ")).toBe("ООО «Ромашка»");
  });
});

describe("field errors", () => {
  it("are the codes the schema wrote, with zod's own messages falling back to a code", () => {
    const result = z.object({ a: z.string(), b: z.string().min(3, "company.tooShort") }).safeParse({ b: "x" });
    const issues = result.success ? [] : result.error.issues;
    expect(issues.map(fieldErrorOfIssue)).toEqual([{ code: "required" }, { code: "company.tooShort", params: { min: "3" } }]);
  });

  it("go back with the typed values, never with a password", () => {
    const submission = parseForm(formData({ regionCode: "ural", login: "vector", password: "x".repeat(201) }), loginFormSchema);
    const reply = submission.reply({ hideFields: ["password"] });
    expect(reply.error).toEqual({ password: { code: "field.tooLong", params: { max: "200" } } });
    expect(reply.initialValue).toEqual({ regionCode: "ural", login: "vector" });
  });
});

describe("input constraints", () => {
  it("come from the schema: required and maxLength, nothing retyped in a page", () => {
    expect(inputConstraints(loginFormSchema)).toEqual({
      regionCode: { required: true, maxLength: 40 },
      login: { required: true, maxLength: 100 },
      password: { required: true, maxLength: 200 },
      next: { required: false, maxLength: 1000 },
    });
  });

  it("are read through object-level rules (the password repetition)", () => {
    expect(inputConstraints(changePasswordFormSchema)).toEqual({
      currentPassword: { required: true, maxLength: 200 },
      newPassword: { required: true, maxLength: 128 },
      confirmPassword: { required: true, maxLength: 128 },
    });
  });
});
