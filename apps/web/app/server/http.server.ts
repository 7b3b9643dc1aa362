import { DomainError } from "@cabinet/domain";
import { data } from "@remix-run/node";
import { isSameOriginPost } from "./csrf.server";
import { BodyTooLarge, withBodyLimit } from "./upload.server";

/** The client's address as the server saw it (Express puts it in the load context). */
export function clientAddress(context: unknown): string | null {
  const value = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof value === "string" ? value : null;
}

export function notFound(): never {
  throw data(null, { status: 404 });
}

/** The largest body an ordinary form may send: the access application, Cyrillic percent-encoded, is far below. */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;

/** The 413 page's data: the limit in kilobytes, which the page names. */
function tooLarge(maxBytes: number): never {
  throw data({ limitKb: Math.floor(maxBytes / 1024) }, { status: 413 });
}

/** True for what readForm throws when a body is over its cap: a page may answer it on its own field instead. */
export function isBodyTooLarge(error: unknown): boolean {
  return (error as { init?: ResponseInit | null } | null)?.init?.status === 413;
}

/**
 * Reads a POST body, capped at `maxBytes` before it is read (413 over it), and says whether it came
 * from one of our own forms. Uploads pass a larger cap.
 */
export async function readForm(
  request: Request,
  { maxBytes = FORM_BODY_LIMIT_BYTES }: { maxBytes?: number } = {},
): Promise<{ form: FormData; trusted: boolean }> {
  let form: FormData;
  try {
    form = await withBodyLimit(request, maxBytes).formData();
  } catch (error) {
    if (error instanceof BodyTooLarge || (error as { cause?: unknown })?.cause instanceof BodyTooLarge) tooLarge(maxBytes);
    throw data(null, { status: 400 });
  }
  return { form, trusted: await isSameOriginPost(request, form) };
}

/** Reads a POST body (capped, see readForm) and refuses it (403) unless it came from one of our own forms. */
export async function readTrustedForm(request: Request, options?: { maxBytes?: number }): Promise<FormData> {
  const { form, trusted } = await readForm(request, options);
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
