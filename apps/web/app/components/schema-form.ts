import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { type FieldError, inputConstraints, parseForm, type SubmissionResult } from "~/forms/form-schema";

/**
 * A form driven by its schema (conform): the server's last answer (errors and typed values), the
 * inputs' limits, and, once JavaScript runs, the same validation in the browser — a field is
 * checked when left, then again as it is corrected, and the whole form before it is sent.
 * Without JavaScript the form posts as a plain HTML form and the server answers the same way.
 */
// biome-ignore lint/suspicious/noExplicitAny: any object schema of a form
export function useSchemaForm<Schema extends z.ZodObject<any>>(
  schema: Schema,
  options: { id: string; lastResult?: SubmissionResult<FieldError> | null; defaultValue?: Partial<Record<keyof z.input<Schema>, string>> },
) {
  return useForm<z.input<Schema>, z.output<Schema>, FieldError>({
    id: options.id,
    lastResult: options.lastResult,
    // biome-ignore lint/suspicious/noExplicitAny: conform's DefaultValue of the schema's input
    defaultValue: options.defaultValue as any,
    constraint: inputConstraints(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, schema),
  });
}
