// Tenant isolation sweep: every loader and action of /office/*, /cabinet/* and /dev/*, called with
// another region's or another company's data, answers 404 (or shows nothing of it) and changes
// nothing. A new route module under those prefixes fails the first test until a case covers it.
import {
  type Actor,
  type Deps,
  findSessionActor,
  getApplicationForReview,
  getApplicationPdfForOffice,
  listCompanyAuditEvents,
  listReviewQueue,
  logIn,
  seedDemoData,
  approveApplication,
} from "@cabinet/domain";
import { createTestDeps } from "@cabinet/domain/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/server/context.server";
import { readEnv } from "~/server/env.server";

// ─── The app's context, pointed at a test database before any route module is loaded ──────────
const env = readEnv({
  NODE_ENV: "test",
  SESSION_SECRET: "tenancy-sweep-secret-0123456789",
  PUBLIC_URL: "http://cabinet.test",
  OUTBOX_WORKER: "off",
  DEMO_DATA: "off",
  DEV_SMS_OUTBOX: "on",
});
const deps: Deps = createTestDeps({ publicUrl: "http://cabinet.test" });
globalThis.__cabinetEnv = env;
globalThis.__cabinetContext = Promise.resolve({ env, deps, outbox: null, demoCredentials: [] } satisfies AppContext);

type RouteArgs = { request: Request; params: Record<string, string>; context: unknown };
type RouteFn = (args: RouteArgs) => Promise<unknown>;
interface RouteModule {
  loader?: RouteFn;
  action?: RouteFn;
}

// Lazy, so the modules (which read the env at import) load after the globals above are set.
const routeModules = import.meta.glob<RouteModule>(["./office*.{ts,tsx}", "./cabinet*.{ts,tsx}", "./dev.*.{ts,tsx}"]);

// ─── Requests as a logged-in user would send them ───────────────────────────────────────────────
const ORIGIN = "http://cabinet.test";
const context = { clientAddress: "203.0.113.9" };

interface Session {
  actor: Actor;
  cookie: string;
  csrf: string;
}

async function sessionOf(regionCode: string, login: string, password: string): Promise<Session> {
  const { commitSessionCookie } = await import("~/server/auth.server");
  const { csrfToken } = await import("~/server/csrf.server");
  const result = await logIn(deps, { regionCode, login, password, clientAddress: "198.51.100.1" });
  if (!result.ok) throw new Error(`cannot log in ${login}@${regionCode}: ${result.reason}`);
  const actor = findSessionActor(deps, result.sessionToken);
  if (!actor) throw new Error("no session");
  const session = (await commitSessionCookie(result.sessionToken)).split(";")[0];
  const csrf = await csrfToken(new Request(`${ORIGIN}/`));
  const csrfCookie = (csrf.setCookie ?? "").split(";")[0];
  return { actor, cookie: `${session}; ${csrfCookie}`, csrf: csrf.token };
}

function get(session: Session, path: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: { Cookie: session.cookie } });
}

function post(session: Session, path: string, fields: Record<string, string | File>): Request {
  const body = new FormData();
  body.set("csrf", session.csrf);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: { Cookie: session.cookie, Origin: ORIGIN } });
}

interface Outcome {
  status: number;
  body?: unknown;
  location?: string | null;
}

/** What a loader or action answered, thrown or returned: a Response, a data() result or plain data. */
async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  const describe = (value: unknown): Outcome => {
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
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

async function callRoute(file: string, kind: "loader" | "action", request: Request, params: Record<string, string> = {}) {
  const load = routeModules[file];
  if (!load) throw new Error(`no route module ${file}`);
  const fn = (await load())[kind];
  if (!fn) throw new Error(`${file} has no ${kind}`);
  return outcomeOf(() => fn({ request, params, context }));
}

// ─── What must not change ───────────────────────────────────────────────────────────────────────
function count(table: "outbox_messages" | "users" | "companies" | "sessions" | "audit_events"): number {
  return (deps.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}
function snapshot() {
  return {
    outbox: count("outbox_messages"),
    users: count("users"),
    companies: count("companies"),
    statuses: deps.db.$client.prepare("select id, status, admin_user_id from applications order by id").all(),
    passwords: deps.db.$client.prepare("select id, password_hash, locked_at from users order by id").all(),
  };
}

// ─── The fixture: demo data, one Ural application approved (so it has an admin to unlock) ───────
let uralStaff: Session;
let moscowStaff: Session;
let uralAdmin: Session;
let moscowAdmin: Session;
let submittedId: number;
let approvedId: number;
let uralCode: string;
let uralPdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  await seedDemoData(deps);
  uralStaff = await sessionOf("ural", "staff", "Office2026demo");
  moscowStaff = await sessionOf("moscow", "staff", "Office2026demo");
  uralAdmin = await sessionOf("ural", "vector", "Vector2026demo");
  moscowAdmin = await sessionOf("moscow", "vector", "Vector2026demo");
  const queue = listReviewQueue(deps, uralStaff.actor);
  expect(queue.length).toBe(3);
  const [first, second] = queue;
  if (!first || !second) throw new Error("demo applications missing");
  submittedId = first.id;
  approvedId = second.id;
  expect(await approveApplication(deps, uralStaff.actor, { applicationId: approvedId, confirmFailedChecks: true, comment: "Проверено в офисе" })).toMatchObject({ ok: true });
  uralCode = getApplicationForReview(deps, uralStaff.actor, submittedId).application.verificationCode;
  uralPdf = new Uint8Array(getApplicationPdfForOffice(deps, uralStaff.actor, submittedId).bytes);
  // Some history of Ural's company for the audit trail.
  await logIn(deps, { regionCode: "ural", login: "vector", password: "wrong-password-1", clientAddress: "198.51.100.2" });
}, 60_000);

// ─── The sweep: one entry per route module; every loader and action it exports has a case ───────
interface Case {
  kind: "loader" | "action";
  name: string;
  run: () => Promise<void>;
}

const expect404 = (outcome: Outcome) => expect(outcome.status, JSON.stringify(outcome)).toBe(404);
const appPath = (id: number) => `/office/applications/${id}`;

/** Office routes as Moscow's staff against Ural's applications, and as a company admin. */
function officeCases(file: string): Case[] | undefined {
  switch (file) {
    case "./office._index.tsx":
      return [
        {
          kind: "loader",
          name: "the queue shows none of Ural's applications, whatever is asked",
          run: async () => {
            for (const query of ["", "?status=all", "?status=all&q=URL-", "?status=all&q=ромашка&region=ural"]) {
              const outcome = await callRoute(file, "loader", get(moscowStaff, `/office${query}`));
              expect(outcome.status).toBe(200);
              expect((outcome.body as { rows: unknown[] }).rows).toEqual([]);
            }
            // Control: Ural's own staff see them.
            const own = await callRoute(file, "loader", get(uralStaff, "/office?status=all"));
            expect((own.body as { rows: unknown[] }).rows).toHaveLength(3);
            expect404(await callRoute(file, "loader", get(uralAdmin, "/office")));
          },
        },
      ];
    case "./office.applications.$id.tsx":
      return [
        {
          kind: "loader",
          name: "an application of another region is not found",
          run: async () => {
            for (const id of [submittedId, approvedId]) {
              expect404(await callRoute(file, "loader", get(moscowStaff, appPath(id)), { id: String(id) }));
              expect404(await callRoute(file, "loader", get(uralAdmin, appPath(id)), { id: String(id) }));
            }
            expect404(await callRoute(file, "loader", get(moscowStaff, "/office/applications/x"), { id: "x" }));
            const own = await callRoute(file, "loader", get(uralStaff, appPath(submittedId)), { id: String(submittedId) });
            expect(own.status).toBe(200);
          },
        },
        {
          kind: "action",
          name: "approve, reject, issue a password or anything else on another region's application: 404",
          run: async () => {
            const attempts: Record<string, string>[] = [
              { intent: "approve", confirmFailedChecks: "yes", comment: "Одобряю чужое заявление" },
              { intent: "reject", reason: "Отклоняю чужое заявление" },
              { intent: "issuePassword" },
              { intent: "something-else" },
            ];
            for (const fields of attempts) {
              for (const id of [submittedId, approvedId]) {
                expect404(await callRoute(file, "action", post(moscowStaff, appPath(id), fields), { id: String(id) }));
                expect404(await callRoute(file, "action", post(uralAdmin, appPath(id), fields), { id: String(id) }));
              }
            }
          },
        },
      ];
    case "./office.applications.$id_.form[.pdf].ts":
      return [
        {
          kind: "loader",
          name: "another region's PDF is not found",
          run: async () => {
            expect404(await callRoute(file, "loader", get(moscowStaff, `${appPath(submittedId)}/form.pdf`), { id: String(submittedId) }));
            expect404(await callRoute(file, "loader", get(uralAdmin, `${appPath(submittedId)}/form.pdf`), { id: String(submittedId) }));
            const own = await callRoute(file, "loader", get(uralStaff, `${appPath(submittedId)}/form.pdf`), { id: String(submittedId) });
            expect(own.status).toBe(200);
          },
        },
      ];
    case "./office.verify.tsx":
      return [
        {
          kind: "loader",
          name: "another region's verification code is not found",
          run: async () => {
            const outcome = await callRoute(file, "loader", get(moscowStaff, `/office/verify?code=${uralCode}`));
            expect404(outcome);
            expect(JSON.stringify(outcome.body)).not.toContain("URL-");
            expect404(await callRoute(file, "loader", get(uralAdmin, `/office/verify?code=${uralCode}`)));
            const own = await callRoute(file, "loader", get(uralStaff, `/office/verify?code=${uralCode}`));
            expect(own.status).toBe(200);
          },
        },
        {
          kind: "action",
          name: "another region's PDF, with its code, is a form this office never issued",
          run: async () => {
            const upload = () => ({ file: new File([uralPdf], "form.pdf", { type: "application/pdf" }), fileCode: uralCode });
            const outcome = await callRoute(file, "action", post(moscowStaff, "/office/verify", upload()));
            expect404(outcome);
            expect((outcome.body as { verification: unknown }).verification).toEqual({ result: "unknown" });
            expect404(await callRoute(file, "action", post(uralAdmin, "/office/verify", upload())));
            const own = await callRoute(file, "action", post(uralStaff, "/office/verify", upload()));
            expect((own.body as { verification: { result: string } }).verification.result).toBe("match");
          },
        },
      ];
  }
  return undefined;
}

/** Cabinet routes as Moscow's company admin, looking for Ural's company; and as office staff. */
function cabinetCases(file: string): Case[] | undefined {
  switch (file) {
    case "./cabinet._index.tsx":
      return [
        {
          kind: "loader",
          name: "the overview holds the admin's own company only, whatever the query says",
          run: async () => {
            const uralCompanyId = uralAdmin.actor.companyId;
            const outcome = await callRoute(file, "loader", get(moscowAdmin, `/cabinet?companyId=${uralCompanyId}&region=ural`));
            expect(outcome.status).toBe(200);
            const body = outcome.body as { company: { id: number }; lines: { msisdn: string }[]; accounts: { accountNumber: string }[] };
            expect(body.company.id).toBe(moscowAdmin.actor.companyId);
            const own = await callRoute(file, "loader", get(uralAdmin, "/cabinet"));
            const uralBody = own.body as typeof body;
            expect(uralBody.lines.length).toBeGreaterThan(0);
            const moscowNumbers = new Set(body.lines.map((l) => l.msisdn));
            expect(uralBody.lines.some((l) => moscowNumbers.has(l.msisdn))).toBe(false);
            const moscowAccounts = new Set(body.accounts.map((a) => a.accountNumber));
            expect(uralBody.accounts.some((a) => moscowAccounts.has(a.accountNumber))).toBe(false);
            expect404(await callRoute(file, "loader", get(moscowStaff, "/cabinet")));
          },
        },
      ];
    case "./cabinet.audit.tsx":
      return [
        {
          kind: "loader",
          name: "the audit trail holds the admin's own company's events only",
          run: async () => {
            const uralEvents = listCompanyAuditEvents(deps, uralAdmin.actor);
            expect(uralEvents.length).toBeGreaterThan(0);
            const uralIds = new Set(uralEvents.map((e) => e.id));
            const outcome = await callRoute(file, "loader", get(moscowAdmin, `/cabinet/audit?companyId=${uralAdmin.actor.companyId}`));
            expect(outcome.status).toBe(200);
            const events = (outcome.body as { events: { id: number }[] }).events;
            expect(events.some((e) => uralIds.has(e.id))).toBe(false);
            const ownIds = new Set(listCompanyAuditEvents(deps, moscowAdmin.actor).map((e) => e.id));
            expect(events.every((e) => ownIds.has(e.id))).toBe(true);
            expect404(await callRoute(file, "loader", get(moscowStaff, "/cabinet/audit")));
          },
        },
      ];
  }
  return undefined;
}

/** The development SMS page: office staff only, and gone when turned off. */
function devCases(file: string): Case[] | undefined {
  if (file !== "./dev.sms.tsx") return undefined;
  return [
    {
      kind: "loader",
      name: "is for office staff only, shows their own region's SMS only, and is 404 when the development outbox is off",
      run: async () => {
        expect404(await callRoute(file, "loader", get(uralAdmin, "/dev/sms")));
        const smsOf = async (session: Session) => {
          const outcome = await callRoute(file, "loader", get(session, "/dev/sms"));
          expect(outcome.status).toBe(200);
          return (outcome.body as { messages: { text: string }[] }).messages.map((m) => m.text);
        };
        // The approval of Ural's application sent a temporary password: Ural's office sees it, Moscow's does not.
        expect((await smsOf(uralStaff)).some((text) => text.includes("Временный пароль"))).toBe(true);
        expect(await smsOf(moscowStaff)).toEqual([]);
        const before = env.DEV_SMS_OUTBOX;
        env.DEV_SMS_OUTBOX = "off";
        try {
          expect404(await callRoute(file, "loader", get(uralStaff, "/dev/sms")));
        } finally {
          env.DEV_SMS_OUTBOX = before;
        }
      },
    },
  ];
}

const casesOf = (file: string) => officeCases(file) ?? cabinetCases(file) ?? devCases(file);

describe("tenant isolation sweep", () => {
  it("covers every loader and action of every /office, /cabinet and /dev route module", async () => {
    const files = Object.keys(routeModules).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const uncovered: string[] = [];
    for (const file of files) {
      const mod = await routeModules[file]?.();
      const cases = casesOf(file) ?? [];
      for (const kind of ["loader", "action"] as const) {
        if (mod?.[kind] && !cases.some((c) => c.kind === kind)) uncovered.push(`${file} ${kind}`);
      }
    }
    expect(uncovered, "route exports without a tenancy case: add them to tenancy.test.ts").toEqual([]);
  });

  it("answers 404 to another region's staff and another company's admin, and changes nothing", async () => {
    const before = snapshot();
    for (const file of Object.keys(routeModules).sort()) {
      for (const c of casesOf(file) ?? []) {
        try {
          await c.run();
        } catch (error) {
          throw new Error(`${file} ${c.kind}: ${c.name}\n${(error as Error).message}`);
        }
      }
    }
    const after = snapshot();
    expect(after).toEqual(before);
    expect(getApplicationForReview(deps, uralStaff.actor, submittedId).application.status).toBe("submitted");
  }, 60_000);

  it("sends a logged-out visitor to the login page, with the way back", async () => {
    const anonymous = new Request(`${ORIGIN}/office/verify?code=${uralCode}`);
    const outcome = await callRoute("./office.verify.tsx", "loader", anonymous);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/login?next=${encodeURIComponent(`/office/verify?code=${uralCode}`)}`);
  });
});
