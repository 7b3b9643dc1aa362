import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "~/i18n/i18n";

export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Russian unless the user chose English (the `lang` cookie). */
export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : defaultLocale;
}
