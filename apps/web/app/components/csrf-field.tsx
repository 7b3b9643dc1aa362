import { useRouteLoaderData } from "@remix-run/react";

/** The hidden field every POST form carries; the server compares it with the csrf cookie. */
export function CsrfField() {
  const root = useRouteLoaderData("root") as { csrf?: string } | undefined;
  return <input type="hidden" name="csrf" value={root?.csrf ?? ""} />;
}
