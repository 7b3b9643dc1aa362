import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { isLocale } from "~/i18n/i18n";
import { localeCookie } from "~/server/locale.server";
import { safeRedirectOr } from "~/server/safe-redirect.server";

/** Switches the language (a plain GET form, so it works without JavaScript) and goes back. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  const safeBack = safeRedirectOr(url.searchParams.get("back"), "/");
  if (!isLocale(to)) return redirect(safeBack);
  return redirect(safeBack, { headers: { "Set-Cookie": await localeCookie.serialize(to) } });
}
