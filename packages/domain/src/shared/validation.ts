import { z } from "zod";
import type { FieldErrors } from "../errors.ts";

/** A person's name: Cyrillic or Latin words joined by spaces, hyphens or apostrophes; initials allowed. */
export const personNamePattern =
  /^[\p{Script=Cyrillic}\p{Script=Latin}]+\.?(?:(?:[ \-'’]|\. ?)[\p{Script=Cyrillic}\p{Script=Latin}]+\.?)*$/u;

/** A company name: letters, digits, the quotes people use (`«»`, `"`, `“”`), usual punctuation. */
export const companyNamePattern = /^[\p{L}\p{N}\s«»"“”„'’\-–—.,&()№+/:!]+$/u;

/** Collapses runs of spaces and trims, so `  ООО   «Ромашка» ` is stored as `ООО «Ромашка»`. */
export const squashed = z.string().transform((s) => s.replace(/\s+/g, " ").trim());

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
