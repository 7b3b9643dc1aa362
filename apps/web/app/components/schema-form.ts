import { useForm } from "@conform-to/react";
import type { z } from "zod";
import { type FieldError, inputConstraints, parseForm, type SubmissionResult } from "~/forms/form-schema";

/** The field conform adds to a form's data when it validates one field (not a real submit). */
const CONFORM_INTENT = "__intent__";

/**
 * A form driven by its schema (conform): the server's last answer (errors and typed values), the
 * inputs' limits, and, once JavaScript runs, the same validation in the browser — a field is
 * checked when left, then again as it is corrected, and the whole form before it is sent.
 * Without JavaScript the form posts as a plain HTML form and the server answers the same way.
 *
 * `serverFinishes`: the server checks more than the browser can (the application's phone numbers
 * need the phone-number library, 50 KB gzip the page does not carry). Fields are still checked in
 * the browser as they are left, but a submit always goes to the server, so that its answer lists
 * every problem at once rather than the browser's first and the server's after.
 */
// biome-ignore lint/suspicious/noExplicitAny: any object schema of a form
export function useSchemaForm<Schema extends z.ZodObject<any>>(
  schema: Schema,
  options: {
    id: string;
    lastResult?: SubmissionResult<FieldError> | null;
    defaultValue?: Partial<Record<keyof z.input<Schema>, string>>;
    serverFinishes?: boolean;
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>, FieldError>({
    id: options.id,
    lastResult: options.lastResult,
    // biome-ignore lint/suspicious/noExplicitAny: conform's DefaultValue of the schema's input
    defaultValue: options.defaultValue as any,
    constraint: inputConstraints(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => {
      const submission = parseForm(formData, schema);
      if (!options.serverFinishes || formData.has(CONFORM_INTENT) || submission.status === "success") return submission;
      // An error of `null` tells conform that the browser cannot decide: the form is sent.
      return { ...submission, error: null };
    },
  });
}
