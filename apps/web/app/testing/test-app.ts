// The web app's context for tests that call route loaders and actions directly: an in-memory
// database with the committed migrations, and sessions and requests as a browser would send them.
// Call installTestApp() at the top of the test file, before any route module is imported: route
// modules read the environment when they load.
import { join } from "node:path";
import { type Actor, type Deps, findSessionActor, logIn } from "@cabinet/domain";
import { createTestDeps } from "@cabinet/domain/testing";
import type { AppContext } from "~/server/context.server";
import { type Env, readEnv } from "~/server/env.server";
import { appDirectory, type ManifestRoute } from "./route-manifest";

export const TEST_ORIGIN = "http://cabinet.test";

export function installTestApp(settings: Record<string, string> = {}): { env: Env; deps: Deps } {
  const env = readEnv({
    NODE_ENV: "test",
    SESSION_SECRET: "route-tests-secret-0123456789",
    PUBLIC_URL: TEST_ORIGIN,
    OUTBOX_WORKER: "off",
    DEMO_DATA: "off",
    DEV_SMS_OUTBOX: "on",
    RATE_LIMITS: "off",
    ...settings,
  });
  const deps: Deps = createTestDeps({ publicUrl: TEST_ORIGIN });
  globalThis.__cabinetEnv = env;
  globalThis.__cabinetContext = Promise.resolve({ env, deps, outbox: null, jobs: null, demoCredentials: [] } satisfies AppContext);
  return { env, deps };
}

export type Kind = "loader" | "action";
export type RouteArgs = { request: Request; params: Record<string, string>; context: unknown };
export type RouteFn = (args: RouteArgs) => Promise<unknown>;
export type RouteModule = Partial<Record<Kind, RouteFn>>;
export const kinds: Kind[] = ["loader", "action"];

/** A route's module, loaded the way the test runner loads any module (lazily: see installTestApp). */
export function loadRouteModule(route: Pick<ManifestRoute, "file">): Promise<RouteModule> {
  return import(/* @vite-ignore */ join(appDirectory, route.file));
}

export interface Outcome {
  status: number;
  body?: unknown;
  location?: string | null;
  setCookie?: string | null;
}

/** What a loader or action answered, thrown or returned: a Response, a data() result or plain data. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  const describe = (value: unknown): Outcome => {
    if (value instanceof Response) {
      return { status: value.status, location: value.headers.get("Location"), setCookie: value.headers.get("Set-Cookie") };
    }
    if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
      const { data, init } = value as { data: unknown; init: ResponseInit | null };
      return { status: init?.status ?? 200, body: data };
    }
    return { status: 200, body: value };
  };
  try {
    return describe(await run());
  } catch (error) {
    if (error instanceof Error) throw error;
    return describe(error);
  }
}

/** A browser's cookies and the CSRF token its pages carry; `actor` when logged in. */
export interface Visitor {
  actor: Actor | null;
  cookie: string;
  csrf: string;
}

/** A fresh CSRF cookie and its token, as the first page a browser opens hands out. */
export async function csrfCookieAndToken(): Promise<{ cookie: string; token: string }> {
  const { csrfToken } = await import("~/server/csrf.server");
  const csrf = await csrfToken(new Request(`${TEST_ORIGIN}/`));
  return { cookie: (csrf.setCookie ?? "").split(";")[0] ?? "", token: csrf.token };
}

/** A visitor without a session, but with a CSRF cookie from an earlier page. */
export async function anonymousVisitor(): Promise<Visitor> {
  const csrf = await csrfCookieAndToken();
  return { actor: null, cookie: csrf.cookie, csrf: csrf.token };
}

export async function loggedInVisitor(deps: Deps, regionCode: string, login: string, password: string): Promise<Visitor> {
  const { commitSessionCookie } = await import("~/server/auth.server");
  const result = await logIn(deps, { regionCode, login, password, clientAddress: "198.51.100.1" });
  if (!result.ok) throw new Error(`cannot log in ${login}@${regionCode}: ${result.reason}`);
  const actor = findSessionActor(deps, result.sessionToken);
  if (!actor) throw new Error("no session");
  const session = (await commitSessionCookie(result.sessionToken)).split(";")[0];
  const csrf = await csrfCookieAndToken();
  return { actor, cookie: `${session}; ${csrf.cookie}`, csrf: csrf.token };
}

export function getRequest(visitor: Visitor, path: string): Request {
  return new Request(`${TEST_ORIGIN}${path}`, { headers: { Cookie: visitor.cookie } });
}

/** A POST from one of our own pages: the visitor's cookies, the CSRF field and our Origin. */
export function postRequest(visitor: Visitor, path: string, fields: Record<string, string | File>): Request {
  const body = new FormData();
  body.set("csrf", visitor.csrf);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { Cookie: visitor.cookie, Origin: TEST_ORIGIN },
  });
}

/**
 * Columns that legitimately change on any request, whoever sends it; nothing else may.
 * - sessions.last_seen_at: every authenticated request moves its own session's idle expiry forward
 *   (at most once a minute). It is the caller's own row and says nothing about what they tried to reach.
 */
const volatileColumns: Record<string, string[]> = {
  sessions: ["last_seen_at"],
};

/**
 * Tables that are a cache any reading may fill, left out of the comparison.
 * - savings_snapshots: reading the savings page stores the re-rating of the caller's OWN company
 *   (keyed by the actor's company, never by anything the request names).
 */
const cacheTables = new Set(["savings_snapshots"]);

/** Every table of the database (from sqlite_master, so a new table is included), row by row. */
export function snapshotDatabase(deps: Deps): Record<string, string[]> {
  const sqlite = deps.db.$client;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
    name: string;
  }[];
  return Object.fromEntries(
    tables.filter(({ name }) => !cacheTables.has(name)).map(({ name }) => {
      const skip = new Set(volatileColumns[name] ?? []);
      const rows = (sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map((row) =>
        JSON.stringify(
          Object.entries(row).filter(([column]) => !skip.has(column)),
          // BLOBs (PDFs, attachments) by length and digest, so a failure stays readable.
          (_, value) => (value && value.type === "Buffer" && Array.isArray(value.data) ? `blob:${blobDigest(value.data)}` : value),
        ),
      );
      return [name, rows.sort()];
    }),
  );
}

function blobDigest(bytes: number[]): string {
  let hash = 2166136261;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return `${bytes.length}:${hash.toString(16)}`;
}
