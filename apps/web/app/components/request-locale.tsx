import { createContext, useContext } from "react";
import { isLocale, type Locale } from "~/i18n/i18n";

/**
 * The visitor's language as the request said it (the `lang` cookie), provided by entry.server for
 * pages whose root loader did not run: an action refused with an error response (403, 413, 429)
 * renders the root's error boundary without loader data. In the browser the language comes back
 * from the server-rendered `<html lang>`, so hydration renders the same text.
 */
const RequestLocaleContext = createContext<Locale | undefined>(undefined);
export const RequestLocaleProvider = RequestLocaleContext.Provider;

export function useRequestLocale(): Locale | undefined {
  const provided = useContext(RequestLocaleContext);
  if (provided) return provided;
  if (typeof document === "undefined") return undefined;
  const rendered = document.documentElement.lang;
  return isLocale(rendered) ? rendered : undefined;
}
