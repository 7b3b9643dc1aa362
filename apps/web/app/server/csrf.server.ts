import { randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { appEnv } from "./context.server";

// Double-submit token: a random value in an httpOnly SameSite cookie, repeated in every form.
// A page from another site can neither read the cookie nor send the matching field, and the
// Origin / Sec-Fetch-Site check refuses a cross-site POST outright.
export const CSRF_FIELD = "csrf";

const csrfCookie = createCookie("csrf", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: appEnv().NODE_ENV === "production" && appEnv().PUBLIC_URL.startsWith("https:"),
});

/** The token for the forms on this page, and the Set-Cookie header when it is new. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const existing = await csrfCookie.parse(request.headers.get("Cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing };
  const token = randomBytes(32).toString("base64url");
  return { token, setCookie: await csrfCookie.serialize(token) };
}

/** True when the POST came from our own page. */
export async function isSameOriginPost(request: Request, form: FormData): Promise<boolean> {
  // server.mjs marks a POST from a foreign Origin (and removes that Origin, so Remix's own check does
  // not answer 500 first); the mark cannot come from the client, server.mjs deletes any it sends.
  if (request.headers.get("x-cabinet-cross-origin")) return false;
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null" && origin !== new URL(request.url).origin && origin !== appEnv().PUBLIC_URL) {
    return false;
  }
  const cookie = await csrfCookie.parse(request.headers.get("Cookie"));
  const field = form.get(CSRF_FIELD);
  if (typeof cookie !== "string" || typeof field !== "string") return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
}
