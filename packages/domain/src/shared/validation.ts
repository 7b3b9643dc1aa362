import { z } from "zod";
import type { FieldErrors } from "../errors.ts";

// Every pattern here runs on what anybody on the internet types, so each is written to take time
// linear in its input (V8's regular expressions backtrack; a pattern where one piece of text can be
// matched in two ways can take exponential time on a near-miss), and each runs only after the text's
// length has been checked (see `boundedText`). application-input.test.ts times them on hostile input.

/**
 * A person's name: Cyrillic or Latin words joined by one space, hyphen or apostrophe, or by the dot
 * of an initial (`А. Б.`, `А.Б.`, `Д.'Арк`); a final dot allowed. Each joiner starts with a character
 * no word contains and can be read only one way, so a near-miss is rejected in linear time.
 */
export const personNamePattern =
  /^[\p{Script=Cyrillic}\p{Script=Latin}]+(?:(?:[ \-'’]|\.[ \-'’]?)[\p{Script=Cyrillic}\p{Script=Latin}]+)*\.?$/u;

/** A company name: letters, digits, the quotes people use (`«»`, `"`, `“”`), usual punctuation. One class: linear. */
export const companyNamePattern = /^[\p{L}\p{N}\s«»"“”„'’\-–—.,&()№+/:!]+$/u;

/**
 * A text field that refuses (with `tooLong`, and stopping there) raw input longer than `max` before
 * any transform or pattern sees it: a 50 MB field costs one length check.
 */
export function boundedText(max: number) {
  return z.string().max(max, { error: "tooLong", abort: true });
}

/**
 * Collapses runs of spaces and trims, so `  ООО   «Ромашка» ` is stored as `ООО «Ромашка»`. Raw input
 * may be twice `max` (people paste double spaces); the squashed text must fit `max`. Both checks
 * stop the field's validation, so the patterns piped after this see at most `max` characters.
 */
export function squashedText(max: number) {
  return boundedText(max * 2)
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(boundedText(max));
}

export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; fieldErrors: FieldErrors };

/** Turns zod issues (whose messages are our error codes) into one error per field, the first wins. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (result[field]) continue;
    const code = issue.code === "invalid_type" ? "required" : issue.message;
    const params = "params" in issue && issue.params ? (issue.params as Record<string, string>) : undefined;
    result[field] = params ? { code, params } : { code };
  }
  return result;
}

/** Reads a FormData (or a plain record) into strings, missing fields as "". */
export function formValues<K extends string>(
  form: FormData | Record<string, unknown>,
  keys: readonly K[],
): Record<K, string> {
  const get = (key: string) => (form instanceof FormData ? form.get(key) : form[key]);
  return Object.fromEntries(
    keys.map((key) => {
      const value = get(key);
      return [key, typeof value === "string" ? value : ""];
    }),
  ) as Record<K, string>;
}
