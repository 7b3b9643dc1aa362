// Fields bound to a form's schema (conform's metadata): name, typed value, limits and error come
// from the schema and the last answer; the page adds only what a reader sees (label, hint).
import type { FieldMetadata } from "@conform-to/react";
import { type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes, useEffect } from "react";
import { SelectField, TextAreaField, TextField } from "~/components/field";
import type { FieldError } from "~/forms/form-schema";
import { fieldErrorMessage, type Translate } from "~/i18n/i18n";
import { useT } from "~/root";

/** A field of a schema form (conform's metadata): its name, what was typed, its error and its limits. */
// biome-ignore lint/suspicious/noExplicitAny: a field of any form's schema
export type SchemaField = FieldMetadata<any, any, FieldError>;

/** What every bound field takes from its schema field; the page adds only what a reader sees. */
type Bound = { field: SchemaField; label: string; hint?: string };
type Owned = "name" | "defaultValue" | "required" | "maxLength" | "form";

function useFieldError(field: SchemaField): string | undefined {
  const t = useT();
  return field.errors ? fieldErrorMessage(t, field.errors) : undefined;
}

export function typedValue(field: SchemaField): string | undefined {
  return typeof field.initialValue === "string" ? field.initialValue : undefined;
}

/**
 * A text input bound to its form's schema: `required` and `maxLength` come from the schema, the
 * value from what the user typed last (also after a round trip without JavaScript), the message
 * from the catalogues. Passwords and files never get a value back.
 */
export function InputField({ field, label, hint, type, ...input }: Bound & Omit<InputHTMLAttributes<HTMLInputElement>, Owned>) {
  const error = useFieldError(field);
  const keepsValue = type !== "password" && type !== "file";
  return (
    <TextField
      key={field.key}
      name={field.name}
      label={label}
      hint={hint}
      error={error}
      type={type}
      defaultValue={keepsValue ? typedValue(field) : undefined}
      required={field.required}
      maxLength={field.maxLength}
      {...input}
    />
  );
}

/**
 * A password input that empties itself whenever a new answer (`answer`, the action's data) comes
 * back: with JavaScript the page is not reloaded, and a refused password must not linger in it.
 */
export function PasswordField({
  answer,
  ...props
}: Bound & { answer: unknown } & Omit<InputHTMLAttributes<HTMLInputElement>, Owned | "type">) {
  useEffect(() => {
    if (!answer) return;
    const input = document.getElementById(`field-${props.field.name}`);
    if (input instanceof HTMLInputElement) input.value = "";
  }, [answer, props.field.name]);
  return <InputField type="password" {...props} />;
}

/**
 * A text area bound to its form's schema. `serverValue` is a value the server changed for the user
 * to check (the contact number added to the list): it replaces what was typed, also with JavaScript.
 */
export function TextAreaInput({
  field,
  label,
  hint,
  serverValue,
  ...input
}: Bound & { serverValue?: string } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>) {
  const error = useFieldError(field);
  return (
    <TextAreaField
      key={serverValue === undefined ? field.key : `${field.key}-${serverValue}`}
      name={field.name}
      label={label}
      hint={hint}
      error={error}
      defaultValue={serverValue ?? typedValue(field)}
      required={field.required}
      maxLength={field.maxLength}
      {...input}
    />
  );
}

export function SelectInput({ field, label, hint, children, ...select }: Bound & Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned>) {
  const error = useFieldError(field);
  return (
    <SelectField
      key={field.key}
      name={field.name}
      label={label}
      hint={hint}
      error={error}
      defaultValue={typedValue(field) ?? ""}
      required={field.required}
      {...select}
    >
      {children}
    </SelectField>
  );
}

/** A checkbox that must be ticked (or may be), with its error under it. */
export function CheckboxInput({ field, label, value }: { field: SchemaField; label: string; value: string }) {
  const error = useFieldError(field);
  const id = `field-${field.name}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label className="checkbox" htmlFor={id}>
        <input
          key={field.key}
          type="checkbox"
          id={id}
          name={field.name}
          value={value}
          defaultChecked={field.initialValue === value}
          required={field.required}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <span>{label}</span>
      </label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The one message for fields the user never sees (keys, targets, which button): when one is
 * wrong, the page is outdated or was tampered with, and reloading it is the way out.
 */
export function HiddenFieldsProblem({ fields }: { fields: SchemaField[] }) {
  const t = useT();
  const error = fields.find((f) => f.errors)?.errors;
  if (!error) return null;
  return (
    <p className="notice notice-bad" role="alert">
      {fieldErrorMessage(t, error)}
    </p>
  );
}

/**
 * The summary's lines for a form's visible fields, labelled as on the page: once the form was sent
 * and refused (by the server, or by the browser's check of the whole form), not while a field is
 * checked as it is left.
 */
export function summaryOf(t: Translate, form: { status?: "success" | "error" }, fields: { field: SchemaField; label: string }[]) {
  if (form.status !== "error") return [];
  return fields
    .filter(({ field }) => field.errors)
    .map(({ field, label }) => ({ name: field.name, label, message: fieldErrorMessage(t, field.errors as FieldError) }));
}
