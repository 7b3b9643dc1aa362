import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { stopPdfWorkers } from "@cabinet/domain";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { RequestLocaleProvider } from "~/components/request-locale";
import { appContext, appEnv } from "~/server/context.server";
import { getLocale } from "~/server/locale.server";
import { securityHeaders } from "~/server/security-headers.server";

const ABORT_DELAY = 5_000;

/** Called once by server.mjs before it listens: database, demo data, outbox worker. */
export async function startup() {
  const context = await appContext();
  console.log(`[cabinet] database ${context.env.DATABASE_PATH}; outbox worker ${context.outbox ? "on" : "off"}; job thread ${context.jobs ? "on" : "off"}`);
  for (const line of context.demoCredentials) console.log(`[cabinet] demo: ${line}`);
}

export async function shutdown() {
  const context = await appContext();
  // The job under way finishes (or, killed, is found abandoned and retried or failed at the next start).
  await Promise.all([context.outbox?.stop(), context.jobs?.stop()]);
  // Renders under way finish; an application left without its PDF is completed at the next start.
  await stopPdfWorkers();
  context.deps.db.$client.close();
}

/** What server.mjs needs before it listens: where, and how many proxies stand in front. */
export function serverSettings() {
  const env = appEnv();
  return { port: env.PORT, host: env.HOST, trustProxy: env.TRUST_PROXY, publicUrl: env.PUBLIC_URL };
}

// Pages carry a CSRF token bound to the visitor's cookie and, once logged in, personal data: no page
// and no page data may be kept by a browser or a shared cache, unless a route says otherwise.
const NO_STORE = "no-store";

export function handleDataRequest(response: Response) {
  for (const [name, value] of Object.entries(securityHeaders(null, appEnv().NODE_ENV))) {
    response.headers.set(name, value);
  }
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", NO_STORE);
  return response;
}

/**
 * One log line per failed request, without the query string (it may carry a login or a reference):
 * a missing page is a short notice, an aborted request nothing, a real failure its stack.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const path = new URL(request.url).pathname;
  if (isRouteErrorResponse(error)) {
    console.warn(`[cabinet] ${error.status} ${request.method} ${path}`);
    return;
  }
  console.error(`[cabinet] ${request.method} ${path} failed:`, error);
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const locale = await getLocale(request);
  for (const [name, value] of Object.entries(securityHeaders(nonce, appEnv().NODE_ENV))) {
    responseHeaders.set(name, value);
  }
  if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", NO_STORE);
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestLocaleProvider value={locale}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RequestLocaleProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
