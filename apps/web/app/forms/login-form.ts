import { z } from "zod";
import { hiddenText, text, trimmedText } from "./form-schema.ts";

/** The regional login: the region chosen in step 1 (a hidden field by now), login and password. */
export const loginFormSchema = z.object({
  regionCode: text(40, { required: "region.required" }),
  login: trimmedText(100),
  // Taken as typed: a password's spaces are part of it.
  password: text(200),
  /** Where to go after logging in (checked again by the server's safe-redirect rule). */
  next: hiddenText(1000).optional(),
});

/** A forgotten password: a temporary one by SMS to the company's contact number. */
export const forgotPasswordFormSchema = z.object({
  regionCode: text(40, { required: "region.required" }),
  login: trimmedText(100),
});
