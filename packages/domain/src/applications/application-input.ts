import { z } from "zod";
import type { FieldErrors } from "../errors.ts";
import { formatMsisdn, parseMsisdn, splitNumberList } from "../shared/phone-numbers.ts";
import {
  companyNamePattern,
  fieldErrorsFromZod,
  formValues,
  personNamePattern,
  squashed,
  type Validation,
} from "../shared/validation.ts";

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

const personName = squashed.pipe(
  z
    .string()
    .min(1, "required")
    .min(5, "name.tooShort")
    .max(150, "tooLong")
    .regex(personNamePattern, "name.characters")
    .refine((name) => name.split(" ").length >= 2, "name.fullNameNeeded"),
);

const plainFields = z.object({
  regionCode: z.string().min(1, "region.required"),
  companyName: squashed.pipe(
    z
      .string()
      .min(1, "required")
      .min(2, "company.tooShort")
      .max(200, "tooLong")
      .regex(companyNamePattern, "company.characters")
      .refine((name) => /\p{L}/u.test(name), "company.characters"),
  ),
  ownerName: personName,
  accountNumber: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "required").regex(/^\d{6,20}$/, "account.format")),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.string().min(1, "required").max(254, "tooLong").pipe(z.email("email.format"))),
  representativeName: personName,
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "form.expired"),
});

export interface ApplicationInput extends z.infer<typeof plainFields> {
  numbers: string[]; // E.164, de-duplicated, contact number included
  contactNumber: string; // E.164
}

export type ApplicationValidation =
  | { ok: true; value: ApplicationInput }
  | {
      ok: false;
      fieldErrors: FieldErrors;
      /** What to show in the form again: what the user typed, tidied where we helped. */
      values: ApplicationFormValues;
    };

/**
 * Validates an access application as typed. Numbers are normalized to E.164 and de-duplicated.
 * A contact number missing from the list is added to the list and the user is asked to check it,
 * rather than being submitted silently.
 */
export function parseApplicationInput(
  form: FormData | Record<string, unknown>,
  knownRegionCodes: readonly string[],
): ApplicationValidation {
  const values = formValues(form, applicationFields);
  const fieldErrors: FieldErrors = {};

  const plain = plainFields.safeParse(values);
  if (!plain.success) Object.assign(fieldErrors, fieldErrorsFromZod(plain.error));
  if (values.regionCode && !knownRegionCodes.includes(values.regionCode)) {
    fieldErrors.regionCode = { code: "region.unknown" };
  }

  const numbers = parseNumbers(values.numbers);
  if (!numbers.ok) fieldErrors.numbers = numbers.error;

  const contact = values.contactNumber.trim() ? parseMsisdn(values.contactNumber) : undefined;
  if (!contact) fieldErrors.contactNumber = { code: "required" };
  else if (!contact.ok) fieldErrors.contactNumber = { code: "phone.invalid", params: { value: contact.input } };
  else if (numbers.ok && !numbers.msisdns.includes(contact.msisdn) && !fieldErrors.numbers) {
    if (numbers.msisdns.length >= MAX_NUMBERS_PER_APPLICATION) {
      fieldErrors.numbers = { code: "numbers.tooMany", params: { max: String(MAX_NUMBERS_PER_APPLICATION) } };
    } else {
      fieldErrors.numbers = {
        code: "numbers.contactAdded",
        params: { value: formatMsisdn(contact.msisdn) },
      };
      values.numbers = [...numbers.msisdns, contact.msisdn].map(formatMsisdn).join("\n");
    }
  }

  if (Object.keys(fieldErrors).length > 0 || !plain.success || !numbers.ok || !contact?.ok) {
    return { ok: false, fieldErrors, values };
  }
  return {
    ok: true,
    value: { ...plain.data, numbers: numbers.msisdns, contactNumber: contact.msisdn },
  };
}

function parseNumbers(
  input: string,
): { ok: true; msisdns: string[] } | { ok: false; error: FieldErrors[string] } {
  const entries = splitNumberList(input);
  if (entries.length === 0) return { ok: false, error: { code: "numbers.required" } };
  const invalid: string[] = [];
  const msisdns = new Set<string>();
  for (const entry of entries) {
    const parsed = parseMsisdn(entry);
    if (parsed.ok) msisdns.add(parsed.msisdn);
    else invalid.push(parsed.input.slice(0, 30));
  }
  if (invalid.length > 0) {
    return {
      ok: false,
      error: { code: "numbers.invalid", params: { values: invalid.slice(0, 5).join(", "), count: String(invalid.length) } },
    };
  }
  if (msisdns.size > MAX_NUMBERS_PER_APPLICATION) {
    return { ok: false, error: { code: "numbers.tooMany", params: { max: String(MAX_NUMBERS_PER_APPLICATION) } } };
  }
  return { ok: true, msisdns: [...msisdns] };
}

export type { Validation };
