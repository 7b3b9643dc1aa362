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

/**
 * A number for a CSV cell that Excel opens as it is. A cell starting with `+` is read by Excel as a
 * formula (`+7 912 345-67-89` becomes an error), so Russian numbers are written the national way,
 * `8 912 345-67-89` (which every file import of ours reads back), and any other value starting
 * with `+` gets the apostrophe that keeps a cell text. Short codes and names pass unchanged.
 */
export function csvPhoneNumber(value: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(value);
  if (m) return `8 ${m[1]} ${m[2]}-${m[3]}-${m[4]}`;
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}
