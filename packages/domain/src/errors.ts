export type DomainErrorCode = "not_found" | "forbidden" | "conflict" | "invalid" | "unauthenticated";

export type FieldErrors = Record<string, { code: string; params?: Record<string, string> }>;

/** An error the web layer maps to a response once; `code` says which. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} not found`);
export const conflict = (message: string) => new DomainError("conflict", message);
