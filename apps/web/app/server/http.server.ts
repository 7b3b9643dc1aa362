import { DomainError } from "@cabinet/domain";
import { data } from "@remix-run/node";
import { isSameOriginPost } from "./csrf.server";

/** The client's address as the server saw it (Express puts it in the load context). */
export function clientAddress(context: unknown): string | null {
  const value = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof value === "string" ? value : null;
}

export function notFound(): never {
  throw data(null, { status: 404 });
}

/** Reads a POST body and says whether it came from one of our own forms. */
export async function readForm(request: Request): Promise<{ form: FormData; trusted: boolean }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data(null, { status: 400 });
  }
  return { form, trusted: await isSameOriginPost(request, form) };
}

/** Reads a POST body and refuses it (403) unless it came from one of our own forms. */
export async function readTrustedForm(request: Request): Promise<FormData> {
  const { form, trusted } = await readForm(request);
  if (!trusted) throw data({ csrf: true }, { status: 403 });
  return form;
}

/** The one place domain errors become HTTP responses. */
export function httpStatusOf(error: DomainError): number {
  switch (error.code) {
    case "not_found":
    case "forbidden": // another tenant's object: answer as if it did not exist
      return 404;
    case "conflict":
      return 409;
    case "invalid":
      return 400;
    case "unauthenticated":
      return 401;
  }
}

export async function mapDomainErrors<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw data(null, { status: httpStatusOf(error) });
    throw error;
  }
}
