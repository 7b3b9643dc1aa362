const MAX_TARGET_LENGTH = 1000;
// Control characters, whitespace (browsers drop tabs and newlines from URLs, so "/\t/evil" becomes
// "//evil") and backslashes (browsers read "\" as "/"). Checked by a single character class: linear.
const UNSAFE_CHARACTER = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/u;
const BASE = "http://same.site";

/**
 * A user-supplied redirect target as a path on this site, or null. The target is normalized the way a
 * browser would read it (dot segments resolved, percent-encoding kept) and then checked again, so
 * "/.//evil.example" — which normalizes to the protocol-relative "//evil.example" — is refused too.
 * Every redirect that takes a target from the request goes through here.
 */
export function safeRedirectPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_TARGET_LENGTH) return null;
  if (!value.startsWith("/") || value.startsWith("//") || UNSAFE_CHARACTER.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname + url.search + url.hash;
  // Normalization can produce a leading "//" (or an encoded one a later decode would): refuse it.
  if (!path.startsWith("/") || path.startsWith("//") || /^\/(?:%2f|%5c)/i.test(path)) return null;
  return path;
}

/** The target if it is safe, otherwise `fallback`. */
export function safeRedirectOr(value: unknown, fallback: string): string {
  return safeRedirectPath(value) ?? fallback;
}
