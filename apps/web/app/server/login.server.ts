import { type Deps, listRegions } from "@cabinet/domain";
import { createCookie } from "@remix-run/node";
import type { Locale } from "~/i18n/i18n";
import { appEnv } from "./context.server";

/** The region chosen on the login page, remembered for the next visit. Not secret, not signed. */
export const regionCookie = createCookie("region", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: appEnv().NODE_ENV === "production" && appEnv().PUBLIC_URL.startsWith("https:"),
});

export async function rememberedRegion(request: Request): Promise<string | null> {
  const value = await regionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/**
 * Where to go after logging in: a path on this site only. Anything else (another origin,
 * a protocol-relative "//evil", a backslash trick browsers read as "/") is dropped.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 1000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\s]/.test(value)) return null;
  try {
    const url = new URL(value, "http://same.site");
    if (url.origin !== "http://same.site") return null;
    if (url.pathname === "/login" || url.pathname.startsWith("/login/") || url.pathname === "/logout") return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/** The regions to log in to, named in the reader's language, with their office's contacts. */
export function loginRegions(deps: Deps, locale: Locale) {
  return listRegions(deps).map((r) => ({
    code: r.code,
    name: locale === "en" ? r.nameEn : r.nameRu,
    officePhone: r.officePhone,
    officeEmail: r.officeEmail,
  }));
}
