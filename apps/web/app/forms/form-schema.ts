// The one pattern every form follows: a zod schema per form, in a module the browser may import
// (zod and conform only: nothing of the server), parsed the same way by the action and, once the
// page has JavaScript, by the browser before anything is sent. Its error messages are codes of the
// catalogues (`errors.<code>`, turned into words by `fieldErrorMessage`).
import { parseWithZod, type Submission } from "@conform-to/zod/v4";
import { z } from "zod";

/** A field's error: a code of the catalogues (`errors.<code>`) and the values its text needs. */
export type FieldError = { code: string; params?: Record<string, string> };

/** What an action answers about a form that did not pass (conform's reply): errors and typed values. */
export type { SubmissionResult } from "@conform-to/zod/v4";

/** The attributes of an input that come from its schema. */
export type InputConstraint = { required?: boolean; maxLength?: number };

/** The code a field gets when what was typed is longer than its limit (`{max}` in the text). */
export const TOO_LONG = "field.tooLong";

/** Fields the user never sees (keys, targets): a bad value means the page is outdated. */
export const FORM_EXPIRED = "form.expired";

const trimmed = (value: string) => value.trim();
/** Collapses runs of spaces and trims, so `  ООО   «Ромашка» ` reads `ООО «Ромашка»`. */
export const squashSpaces = (value: string) => value.replace(/\s+/g, " ").trim();

/**
 * A text field of at most `max` characters. The length is checked first, on what was typed, and an
 * over-long value stops there: no pattern or refinement ever runs on more than `max` characters,
 * and the user gets a field message rather than a silently cut value. Empty means missing
 * (conform turns "" into undefined): `required` is the code for that.
 */
export function text(max: number, codes: { required?: string; tooLong?: string } = {}) {
  return z
    .string({ error: codes.required ?? "required" })
    .max(max, { message: codes.tooLong ?? TOO_LONG, abort: true });
}

/** A text field, trimmed after its length check; only spaces counts as missing. */
export function trimmedText(max: number, codes: { required?: string; tooLong?: string } = {}) {
  return text(max, codes)
    .overwrite(trimmed)
    .min(1, codes.required ?? "required");
}

/** A hidden field the page fills in itself: any problem with it means the page is outdated. */
export function hiddenText(max: number) {
  return text(max, { required: FORM_EXPIRED, tooLong: FORM_EXPIRED });
}

const codePattern = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*$/;

/** One zod issue as a field error: our schemas put codes in the messages, zod's own messages fall back. */
export function fieldErrorOfIssue(issue: z.core.$ZodIssue): FieldError {
  const code = codePattern.test(issue.message) ? issue.message : issue.code === "invalid_type" ? "required" : "invalid";
  switch (issue.code) {
    case "too_big":
      return { code, params: { max: String(issue.maximum) } };
    case "too_small":
      return { code, params: { min: String(issue.minimum) } };
    case "custom":
      return issue.params ? { code, params: issue.params as Record<string, string> } : { code };
    default:
      return { code };
  }
}

/** The first problem of each field (one message at a time, the most basic first). */
function firstError(issues: z.core.$ZodIssue[]): FieldError {
  return fieldErrorOfIssue(issues[0] as z.core.$ZodIssue);
}

/** Parses a submitted form (or a GET form's query) with its schema: the same call on server and browser. */
export function parseForm<Schema extends z.ZodType>(
  payload: FormData | URLSearchParams,
  schema: Schema,
): Submission<z.input<Schema>, FieldError, z.output<Schema>> {
  return parseWithZod(payload, { schema, formatError: firstError });
}

const constraintCache = new WeakMap<z.ZodType, Record<string, InputConstraint>>();

/**
 * The attributes the inputs take from the schema: `required` and `maxLength`. Patterns and minimum
 * lengths stay with the schema's own messages (a browser's built-in bubble would speak another
 * language than the page, and a pattern would see the text before it is tidied).
 *
 * Read from zod's own JSON Schema of the form's input, not conform's `getZodConstraint`: that one
 * reads zod's internal check "bag", which zod 4.6 no longer fills (every maxLength came out empty).
 * JSON Schema keeps the smallest maximum of a field, so a schema limits length once, on the raw
 * input (`text(max)`), and states any later length rule as a refinement.
 */
export function inputConstraints(schema: z.ZodType): Record<string, InputConstraint> {
  const cached = constraintCache.get(schema);
  if (cached) return cached;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { maxLength?: number; format?: string }>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const picked: Record<string, InputConstraint> = {};
  for (const [name, property] of Object.entries(json.properties ?? {})) {
    // A file's size limit comes out as a "maxLength" of its binary string: not an input attribute.
    const maxLength = property.format === "binary" ? undefined : property.maxLength;
    picked[name] = { required: required.has(name), maxLength };
  }
  constraintCache.set(schema, picked);
  return picked;
}

/** What was typed into a text field: of a submission's payload or of the values an answer carries back ("" when nothing). */
export function typedText(values: Record<string, unknown> | null | undefined, name: string): string {
  const value = values?.[name];
  return typeof value === "string" ? value : "";
}
