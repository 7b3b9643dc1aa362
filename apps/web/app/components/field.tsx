import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

interface FieldFrameProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}

/** A labelled form field with its hint and its error, wired for screen readers. */
export function FieldFrame({ name, label, hint, error, required, children }: FieldFrameProps) {
  const id = `field-${name}`;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": error ? true : undefined })}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { name: string; label: string; hint?: string; error?: string };

export function TextField({ name, label, hint, error, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={input.required}>
      {(aria) => <input name={name} {...aria} {...input} />}
    </FieldFrame>
  );
}

export function TextAreaField({ name, label, hint, error, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={input.required}>
      {(aria) => <textarea name={name} {...aria} {...input} />}
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  hint,
  error,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} required={select.required}>
      {(aria) => (
        <select name={name} {...aria} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** A list of the form's errors at the top, each a link to its field (for keyboard users). */
export function ErrorSummary({ title, errors }: { title: string; errors: { name: string; label: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.name}>
            <a href={`#field-${e.name}`}>
              {e.label}: {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
