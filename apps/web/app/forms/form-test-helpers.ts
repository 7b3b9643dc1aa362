// Test helpers: a form as a browser would send it, and a schema's answer as field codes.
import type { z } from "zod";
import { type FieldError, parseForm } from "./form-schema.ts";

export function formData(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** The schema's verdict: the parsed value, or each field's error. */
export function check<Schema extends z.ZodType>(schema: Schema, fields: Record<string, string | File>) {
  const submission = parseForm(formData(fields), schema);
  if (submission.status === "success") return { ok: true as const, value: submission.value };
  return { ok: false as const, errors: (submission.error ?? {}) as Record<string, FieldError | null> };
}

/** Just the codes of the fields in error. */
export function codesOf(result: ReturnType<typeof check>): Record<string, string> {
  if (result.ok) return {};
  return Object.fromEntries(Object.entries(result.errors).map(([name, error]) => [name, error?.code ?? ""]));
}
