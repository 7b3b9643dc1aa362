import { consumeRateLimit, type RateLimitName } from "@cabinet/domain";
import { data } from "@remix-run/node";
import { appDeps, appEnv } from "./context.server";
import { clientAddress } from "./http.server";
import { getLocale } from "./locale.server";

/**
 * Counts this request against the public form's limit per client address (decision 005) and, over
 * it, throws the 429 page the root ErrorBoundary renders ("try again in N minutes", in the user's
 * language, which the error carries: the root loader does not run for it) with `Retry-After`. First
 * thing in the action, before the body is read, so a client over its limit costs one database
 * upsert. `RATE_LIMITS=off` (benchmarks) turns every limit off.
 */
export async function enforceRateLimit(name: RateLimitName, request: Request, context: unknown): Promise<void> {
  if (appEnv().RATE_LIMITS === "off") return;
  const result = await consumeRateLimit(await appDeps(), name, clientAddress(context));
  if (result.ok) return;
  const seconds = Math.ceil(result.retryAfterMs / 1000);
  throw data(
    { retryAfterMinutes: Math.ceil(seconds / 60), locale: await getLocale(request) },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}
