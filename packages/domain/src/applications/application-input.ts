import type { z } from "zod";
import type { FieldErrors } from "../errors.ts";
import { formatMsisdn, parseMsisdn, splitNumberList } from "../shared/phone-numbers.ts";
import { fieldErrorsFromZod, formValues, type Validation } from "../shared/validation.ts";
import {
  type ApplicationFormValues,
  applicationFieldLimits,
  applicationFieldRules,
  applicationFields,
  MAX_NUMBERS_PER_APPLICATION,
} from "./application-fields.ts";

export { type ApplicationFormValues, applicationFieldLimits, applicationFields, MAX_NUMBERS_PER_APPLICATION };

export interface ApplicationInput extends z.infer<typeof applicationFieldRules> {
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
  typed: Partial<ApplicationFormValues>,
  knownRegionCodes: readonly string[],
): ApplicationValidation {
  const values = formValues(typed, applicationFields);
  const fieldErrors: FieldErrors = {};

  const plain = applicationFieldRules.safeParse(values);
  if (!plain.success) Object.assign(fieldErrors, fieldErrorsFromZod(plain.error));
  if (values.regionCode && !knownRegionCodes.includes(values.regionCode)) {
    fieldErrors.regionCode = { code: "region.unknown" };
  }

  const numbers: ReturnType<typeof parseNumbers> =
    values.numbers.length > applicationFieldLimits.numbers
      ? { ok: false, error: { code: "tooLong" } }
      : parseNumbers(values.numbers);
  if (!numbers.ok) fieldErrors.numbers = numbers.error;

  const contactTooLong = values.contactNumber.length > applicationFieldLimits.contactNumber;
  const contact = contactTooLong || !values.contactNumber.trim() ? undefined : parseMsisdn(values.contactNumber);
  if (contactTooLong) fieldErrors.contactNumber = { code: "tooLong" };
  else if (!contact) fieldErrors.contactNumber = { code: "required" };
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
    return { ok: false, fieldErrors, values: echoed(values) };
  }
  return {
    ok: true,
    value: { ...plain.data, numbers: numbers.msisdns, contactNumber: contact.msisdn },
  };
}

/** What the form shows again: what was typed, cut to each field's limit (its message says it was too long). */
function echoed(values: ApplicationFormValues): ApplicationFormValues {
  const cut = Object.entries(values).map(([field, value]) => [
    field,
    value.slice(0, applicationFieldLimits[field as keyof ApplicationFormValues]),
  ]);
  return Object.fromEntries(cut) as ApplicationFormValues;
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
