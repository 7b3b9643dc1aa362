import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export type PhoneParseResult = { ok: true; msisdn: string } | { ok: false; input: string };

/**
 * Normalizes a number as people type it (`8 (912) 345-67-89`, `+7 912 345 67 89`, `79123456789`,
 * `9123456789`) to E.164. Only Russian mobile numbers can be lines of this operator.
 */
export function parseMsisdn(input: string): PhoneParseResult {
  const trimmed = input.trim();
  if (!/^[\d\s()+\-.]{5,25}$/.test(trimmed)) return { ok: false, input: trimmed };
  const phone = parsePhoneNumberFromString(trimmed, "RU");
  if (!phone?.isValid() || phone.country !== "RU" || phone.getType() !== "MOBILE") {
    return { ok: false, input: trimmed };
  }
  return { ok: true, msisdn: phone.number };
}

/** Splits a list typed one per line, or separated by commas or semicolons. */
export function splitNumberList(input: string): string[] {
  return input
    .split(/[\n\r,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** `+79123456789` → `+7 912 345-67-89`, the way numbers are written in Russia. */
export function formatMsisdn(msisdn: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(msisdn);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : msisdn;
}
