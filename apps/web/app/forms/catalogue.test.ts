// Every code a form's schema can answer with has its words in both languages.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { en } from "~/i18n/en";
import { ru } from "~/i18n/ru";
import { applicationFormSchema } from "./application-form.ts";
import * as statusForm from "./application-status-form.ts";
import * as passwordForm from "./change-password-form.ts";
import * as decisionForms from "./decision-forms.ts";
import * as loginForms from "./login-form.ts";
import * as logoutForm from "./logout-form.ts";
import { reviewQueueFormSchema } from "./review-queue-form.ts";
import * as verifyForms from "./verify-form.ts";

/** Every message a schema carries: the codes its fields and rules answer with. */
function messagesOf(schema: z.ZodType): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 12 || value === null || (typeof value !== "object" && typeof value !== "function")) return;
    // A schema or a check keeps its definition on a non-enumerable `_zod`.
    const zod = (value as { _zod?: { def: unknown } })._zod;
    if (zod) return visit(zod.def, depth + 1);
    for (const [key, inner] of Object.entries(value)) {
      if ((key === "message" || key === "error") && typeof inner === "string") found.add(inner);
      if (key === "error" && typeof inner === "function") {
        const message = (inner as (issue: unknown) => unknown)({});
        if (typeof message === "string") found.add(message);
      }
      visit(inner, depth + 1);
    }
  };
  visit(schema._zod.def, 0);
  return [...found];
}

const schemas = [
  applicationFormSchema,
  statusForm.applicationStatusFormSchema,
  passwordForm.changePasswordFormSchema,
  decisionForms.approveFormSchema({ checksFailed: true }),
  decisionForms.approveFormSchema({ checksFailed: false }),
  decisionForms.rejectFormSchema,
  decisionForms.issuePasswordFormSchema,
  decisionForms.decisionIntentSchema,
  loginForms.loginFormSchema,
  loginForms.forgotPasswordFormSchema,
  logoutForm.logoutFormSchema,
  reviewQueueFormSchema,
  verifyForms.verificationCodeFormSchema,
  verifyForms.uploadedFormSchema,
];

/** Codes written inside a rule's body, where walking the schema cannot see them. */
const codesInRules = ["password.mismatch"];

describe("the forms' error codes", () => {
  const codes = [...new Set([...schemas.flatMap(messagesOf), ...codesInRules])].filter((m) => /^[a-z][\w.]*$/i.test(m)).sort();

  it("are found in the schemas", () => {
    expect(codes).toEqual(expect.arrayContaining(["field.tooLong", "required", "region.required", "decision.reasonNeeded"]));
  });

  it.each(codes)("%s has a text in Russian and in English", (code) => {
    const key = `errors.${code}`;
    expect(ru).toHaveProperty([key]);
    expect(en).toHaveProperty([key]);
  });
});
