import { z } from "zod";
import { text } from "./form-schema.ts";

/**
 * The password change. The policy (length, letters and digits, not the login) is the domain's
 * rule and its answer; the form checks what it can without it: presence, limits, the repetition.
 */
export const changePasswordFormSchema = z
  .object({
    currentPassword: text(200),
    newPassword: text(128),
    confirmPassword: text(128),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword !== value.newPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "password.mismatch" });
    }
  });

/** The fields whose values never go back to the browser. */
export const passwordFields = ["currentPassword", "newPassword", "confirmPassword"];
