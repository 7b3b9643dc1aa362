// The public forms' schemas (what every action parses first, and the browser too) answer input made
// to hurt a backtracking pattern within the time budget, field by field: each checks its length
// before any pattern, and each pattern is linear. The domain's own rules have the same test
// (packages/domain/src/shared/hostile-input.test.ts).
import { applicationFormFactory, firstOverBudget, hostileLengthsFor, hostileValues } from "@cabinet/domain/testing";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { applicationFormSchema } from "./application-form";
import { applicationStatusFormSchema } from "./application-status-form";
import { parseForm } from "./form-schema";
import { forgotPasswordFormSchema, loginFormSchema } from "./login-form";
import { uploadedFormSchema, verificationCodeFormSchema } from "./verify-form";

const publicForms: { name: string; schema: z.ZodObject; valid: Record<string, string> }[] = [
  { name: "/apply", schema: applicationFormSchema, valid: applicationFormFactory() },
  { name: "/apply/status", schema: applicationStatusFormSchema, valid: { reference: "URL-2026-000001", email: "a@b.example" } },
  { name: "/login", schema: loginFormSchema, valid: { regionCode: "ural", login: "staff", password: "Office2026demo" } },
  { name: "/login/forgot", schema: forgotPasswordFormSchema, valid: { regionCode: "ural", login: "staff" } },
  { name: "/office/verify?code", schema: verificationCodeFormSchema, valid: { code: "7KQ4-M2XD-9PLT" } },
  { name: "/office/verify", schema: uploadedFormSchema, valid: { fileCode: "7KQ4-M2XD-9PLT" } },
];

/** The field's limit as its schema states it (what the page's `maxLength` is made from). */
function limitOf(schema: z.ZodObject, field: string): number {
  let part: unknown = schema.shape[field];
  for (;;) {
    const step = part as { maxLength?: number | null; in?: unknown; unwrap?: () => unknown };
    if (typeof step?.maxLength === "number") return step.maxLength;
    if (step?.in) part = step.in;
    else if (step?.unwrap) part = step.unwrap();
    else throw new Error(`no length limit on ${field}`);
  }
}

describe("the public forms answer hostile input in linear time", () => {
  for (const form of publicForms) {
    const fields = Object.keys(form.valid);
    it(`${form.name}: ${fields.join(", ")}`, () => {
      for (const field of fields) {
        const values = hostileLengthsFor(limitOf(form.schema, field)).flatMap(hostileValues);
        const slow = firstOverBudget(`${form.name} ${field}`, values, (value) => {
          const body = new FormData();
          for (const [name, typed] of Object.entries({ ...form.valid, [field]: value })) body.set(name, typed);
          parseForm(body, form.schema);
        });
        expect(slow).toBeUndefined();
      }
    });
  }
});
