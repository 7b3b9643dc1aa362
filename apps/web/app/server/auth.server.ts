import { type Actor, can, findSessionActor, type Permission, revokeSession } from "@cabinet/domain";
import { createCookie, redirect } from "@remix-run/node";
import { appDeps, appEnv } from "./context.server";
import { clientAddress, notFound } from "./http.server";

const env = appEnv();
// Signed with the current secret and verified with the previous ones too (SESSION_SECRET_PREVIOUS),
// so a secret can be rotated without logging everyone out. The value is a random token whose
// digest is the server-side session row: revoking the row ends the session.
const sessionCookie = createCookie("__session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production" && env.PUBLIC_URL.startsWith("https:"),
  secrets: [env.SESSION_SECRET, ...env.SESSION_SECRET_PREVIOUS],
});

export function commitSessionCookie(token: string): Promise<string> {
  return sessionCookie.serialize(token);
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}

export async function sessionToken(request: Request): Promise<string | null> {
  const token = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && token ? token : null;
}

/** The logged-in user, or null. */
export async function getActor(request: Request, context?: unknown): Promise<Actor | null> {
  const token = await sessionToken(request);
  if (!token) return null;
  const actor = findSessionActor(await appDeps(), token);
  return actor ? { ...actor, clientAddress: clientAddress(context) } : null;
}

/**
 * The logged-in user who holds `permission`. Not logged in → the login page; a temporary password
 * → the password change; a user of another kind → 404, as if the page did not exist.
 */
export async function requireActor(request: Request, context: unknown, permission?: Permission): Promise<Actor> {
  const actor = await getActor(request, context);
  const url = new URL(request.url);
  if (!actor) {
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (actor.mustChangePassword && url.pathname !== "/account/password") {
    throw redirect("/account/password");
  }
  if (permission && !can(actor, permission)) notFound();
  return actor;
}

export async function logOut(request: Request): Promise<void> {
  const token = await sessionToken(request);
  if (token) revokeSession(await appDeps(), token);
}

/** Where a user lands after logging in. */
export function homeOf(actor: Pick<Actor, "role">): string {
  return actor.role === "office_staff" ? "/office" : "/cabinet";
}
