// The access application's fields, their limits and their rules as typed: no database, no Node, no
// phone-number metadata, so the web app's form imports it in the browser too
// (`@cabinet/domain/application-fields`) and the form and the domain check the same rules.
// What needs more (numbers parsed and normalized, the contact number in the list, a known region)
// is parseApplicationInput's, in application-input.ts.
import { z } from "zod";
import { boundedText, companyNamePattern, personNamePattern, squashedText } from "../shared/validation.ts";

export const MAX_NUMBERS_PER_APPLICATION = 200;

export const applicationFields = [
  "regionCode",
  "companyName",
  "ownerName",
  "accountNumber",
  "numbers",
  "contactNumber",
  "email",
  "representativeName",
  "submissionKey",
] as const;
export type ApplicationFormValues = Record<(typeof applicationFields)[number], string>;

/**
 * The most each field takes, as typed (the form's `maxLength` comes from here). Longer input gets
 * `tooLong` before any pattern or parser sees it. 200 numbers of up to 30 characters fit `numbers`.
 */
export const applicationFieldLimits = {
  regionCode: 40,
  companyName: 200,
  ownerName: 150,
  accountNumber: 30,
  numbers: 6000,
  contactNumber: 30,
  email: 254,
  representativeName: 150,
  submissionKey: 64,
} as const satisfies Record<(typeof applicationFields)[number], number>;

const personName = squashedText(applicationFieldLimits.ownerName).pipe(
  z
    .string()
    .min(1, "required")
    .min(5, { error: "name.tooShort", abort: true })
    .regex(personNamePattern, "name.characters")
    .refine((name) => name.split(" ").length >= 2, "name.fullNameNeeded"),
);

/** Each plain field's rules (numbers and the contact number are parsed apart, in application-input.ts). */
export const applicationFieldRules = z.object({
  regionCode: boundedText(applicationFieldLimits.regionCode).pipe(z.string().min(1, "region.required")),
  companyName: squashedText(applicationFieldLimits.companyName).pipe(
    z
      .string()
      .min(1, "required")
      .min(2, { error: "company.tooShort", abort: true })
      .regex(companyNamePattern, "company.characters")
      .refine((name) => /\p{L}/u.test(name), "company.characters"),
  ),
  ownerName: personName,
  accountNumber: boundedText(applicationFieldLimits.accountNumber)
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "required").regex(/^\d{6,20}$/, "account.format")),
  email: boundedText(applicationFieldLimits.email)
    .trim()
    .toLowerCase()
    .pipe(z.string().min(1, "required").pipe(z.email("email.format"))),
  representativeName: personName,
  submissionKey: boundedText(applicationFieldLimits.submissionKey).pipe(
    z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "form.expired"),
  ),
});
