import { type Deps, listRegions } from "@cabinet/domain";
import { createCookie } from "@remix-run/node";
import type { Locale } from "~/i18n/i18n";
import { appEnv } from "./context.server";
import { safeRedirectPath } from "./safe-redirect.server";

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

/** Where to go after logging in: a safe path on this site, never back to the login or logout pages. */
export function safeNext(value: unknown): string | null {
  const path = safeRedirectPath(value);
  if (!path) return null;
  const pathname = new URL(path, "http://same.site").pathname;
  if (pathname === "/login" || pathname.startsWith("/login/") || pathname === "/logout") return null;
  return path;
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
