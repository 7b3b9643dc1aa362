// Tenant isolation sweep, deny by default. The routes come from Remix's own manifest (what the
// build serves), not from a file-name pattern: every loader and action of every route is either
// declared public below, with the reason nothing of a tenant is behind it, or has tenancy cases
// here. A new route — in a folder, under a new prefix, or a new action on a public page — fails
// the coverage test until it is one or the other. The cases call each loader and action as another
// region's staff and another company's administrator, expect 404 (or nothing of the other tenant),
// and the whole database, every table, must be the same afterwards.
import {
  type Actor,
  approveApplication,
  getApplicationForReview,
  getApplicationPdfForOffice,
  listCompanyAuditEvents,
  formatMsisdn,
  listReviewQueue,
  logIn,
  placeDetailingOrder,
  previewBulkChange,
  previewEmployeeFile,
  previewLimitFile,
  rateUsageEvents,
  runDueJobs,
  seedDemoData,
  submitBulkChange,
} from "@cabinet/domain";
import { readSpreadsheetRows } from "@cabinet/domain/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { fillRoutePath, type ManifestRoute, remixRouteManifest } from "~/testing/route-manifest";
import {
  anonymousVisitor,
  getRequest as get,
  installTestApp,
  type Kind,
  kinds,
  loadRouteModule,
  loggedInVisitor,
  type Outcome,
  outcomeOf,
  postRequest as post,
  type RouteFn,
  type RouteModule,
  snapshotDatabase as snapshotOf,
  type Visitor as Session,
} from "~/testing/test-app";

// Before any route module is loaded: they read the environment at import.
const { env, deps } = installTestApp();
const snapshotDatabase = () => snapshotOf(deps);

const manifest = remixRouteManifest();
const routeById = new Map(manifest.map((route) => [route.id, route]));

// ─── Declared public: no tenant's data behind them, each with the reason ────────────────────────
const publicExports: Record<string, Partial<Record<Kind, string>>> = {
  root: { loader: "the layout of every page: language, CSRF token and the visitor's own name and role" },
  "routes/apply._index": {
    loader: "the public application form: the region list and a fresh submission key",
    action: "anyone may apply; it only ever adds an application and shows its own receipt",
  },
  "routes/apply.blank[.pdf]": { loader: "the blank form to print, the same for everybody" },
  "routes/apply.done.$token": {
    loader: "the receipt behind the unguessable token the submission itself returned: the token is the capability",
  },
  "routes/apply.done.$token.form[.pdf]": { loader: "the applicant's PDF behind the same receipt token" },
  "routes/apply.status": {
    loader: "the empty status form (the reference from the link, nothing looked up)",
    action: "a status needs the reference and the application's own e-mail together; answers nothing else",
  },
  "routes/healthz": { loader: "database reachable and outbox backlog as counts; no tenant's data" },
  "routes/lang": { loader: "sets the language cookie and goes back to a same-site page" },
  "routes/login": {
    loader: "the login form; a logged-in visitor is sent to their own home",
    action: "the login itself: it opens a session for the credentials given, nothing else",
  },
  "routes/login_.forgot": {
    loader: "the form asking for a temporary password",
    action: "a temporary password goes by SMS to the login's own contact number, never to the requester",
  },
};

const context = { clientAddress: "203.0.113.9" };

async function callRoute(id: string, kind: Kind, request: Request, params: Record<string, string> = {}) {
  const route = routeById.get(id);
  if (!route) throw new Error(`no route ${id} in Remix's manifest`);
  const fn = (await loadRouteModule(route))[kind];
  if (!fn) throw new Error(`${id} has no ${kind}`);
  return outcomeOf(() => fn({ request, params, context }));
}

// ─── The fixture: demo data, one Ural application approved (so it has an admin to unlock) ───────
let uralStaff: Session;
let moscowStaff: Session;
let uralAdmin: Session;
let moscowAdmin: Session;
let anonymous: Session;
let submittedId: number;
let approvedId: number;
let uralCode: string;
let uralPdf: Uint8Array<ArrayBuffer>;

/** A live line of Ural's АО «Вектор» (the demo's 12-line company). */
const uralLineId = (): number =>
  deps.db.$client
    .prepare("select id from lines where company_id = ? and region_code = 'ural' and terminated_at is null order by id limit 1")
    .pluck()
    .get(actorOf(uralAdmin).companyId) as number;

const actorOf = (session: Session): Actor => {
  if (!session.actor) throw new Error("not logged in");
  return session.actor;
};

beforeAll(async () => {
  await seedDemoData(deps);
  uralStaff = await loggedInVisitor(deps, "ural", "staff", "Office2026demo");
  moscowStaff = await loggedInVisitor(deps, "moscow", "staff", "Office2026demo");
  uralAdmin = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
  moscowAdmin = await loggedInVisitor(deps, "moscow", "vector", "Vector2026demo");
  anonymous = await anonymousVisitor();
  const queue = listReviewQueue(deps, actorOf(uralStaff));
  expect(queue.length).toBe(3);
  const [first, second] = queue;
  if (!first || !second) throw new Error("demo applications missing");
  submittedId = first.id;
  approvedId = second.id;
  expect(
    await approveApplication(deps, actorOf(uralStaff), {
      applicationId: approvedId,
      confirmFailedChecks: true,
      comment: "Проверено в офисе",
    }),
  ).toMatchObject({ ok: true });
  uralCode = getApplicationForReview(deps, actorOf(uralStaff), submittedId).application.verificationCode;
  uralPdf = new Uint8Array(getApplicationPdfForOffice(deps, actorOf(uralStaff), submittedId).bytes);
  // Some history of Ural's company for the audit trail.
  await logIn(deps, { regionCode: "ural", login: "vector", password: "wrong-password-1", clientAddress: "198.51.100.2" });
}, 60_000);

// The employee file: a preview of Ural's company, made before the sweep's snapshot.
let uralEmployeeToken: string;
beforeAll(() => {
  const lineNumber = deps.db.$client.prepare("select msisdn from lines where id = ?").pluck().get(uralLineId()) as string;
  uralEmployeeToken = previewEmployeeFile(deps, actorOf(uralAdmin), {
    fileName: "staff.csv",
    bytes: new TextEncoder().encode(`Номер;Сотрудник;Отдел\n${lineNumber};Новое Имя;Новый отдел\n`),
  }).token;
});

// Spending reports: usage of Ural's and Moscow's АО «Вектор» (the seed here has no history), this
// month and the last, rated before the sweep's snapshot.
beforeAll(() => {
  const events = [uralAdmin, moscowAdmin].flatMap((session, company) => {
    const numbers = deps.db.$client
      .prepare("select msisdn from lines where company_id = ? and terminated_at is null order by id limit 3")
      .pluck()
      .all(actorOf(session).companyId) as string[];
    return numbers.flatMap((msisdn, i) =>
      [1, 35].map((daysAgo) => ({
        eventId: `tenancy-report-${company}-${i}-${daysAgo}`,
        msisdn,
        startedAt: Date.now() - daysAgo * 86_400_000,
        kind: "call_out" as const,
        roaming: true,
        durationSeconds: 120 + 60 * i,
      })),
    );
  });
  expect(rateUsageEvents(deps, events).rated).toBe(12);
});

// Call details: an order of Ural's company, produced (its file on disk) before the sweep's snapshot.
let uralOrderId: number;
beforeAll(async () => {
  const placed = placeDetailingOrder(deps, actorOf(uralAdmin), {
    from: "2026-11-01",
    to: "2026-11-25",
    lines: { kind: "all" },
    format: "csv",
    zip: false,
    email: "vector@example.com",
    locale: "ru",
  });
  if (!placed.ok) throw new Error(`the order was refused: ${JSON.stringify(placed.fieldErrors)}`);
  uralOrderId = placed.orderId;
  await runDueJobs(deps);
});

// Bulk changes: a preview of Ural's company and one scheduled for the next billing month, before the sweep's snapshot.
let uralBulkChangeId: number;
let uralScheduledBulkChangeId: number;
const uralTariffId = (code: string) => deps.db.$client.prepare("select id from tariffs where region_code = 'ural' and code = ?").pluck().get(code) as number;
beforeAll(() => {
  const lineIds = deps.db.$client
    .prepare("select id from lines where company_id = ? and terminated_at is null order by id limit 3")
    .pluck()
    .all(actorOf(uralAdmin).companyId) as number[];
  const preview = () => previewBulkChange(deps, actorOf(uralAdmin), { source: { kind: "lines", lineIds }, tariffId: uralTariffId("biz-chief") }).bulkChangeId;
  uralBulkChangeId = preview();
  uralScheduledBulkChangeId = preview();
  submitBulkChange(deps, actorOf(uralAdmin), { bulkChangeId: uralScheduledBulkChangeId, effective: "next_month" });
});

// Spending limits: a department of Ural's company, and a limits-file preview of it made before the sweep's snapshot.
let uralDepartmentId: number;
let uralLimitFileToken: string;
beforeAll(() => {
  const lineNumber = deps.db.$client.prepare("select msisdn from lines where id = ?").pluck().get(uralLineId()) as string;
  uralLimitFileToken = previewLimitFile(deps, actorOf(uralAdmin), {
    fileName: "limits.csv",
    bytes: new TextEncoder().encode(`Номер;Лимит;Политика\n${lineNumber};700;блокировать\n`),
  }).token;
});
beforeAll(() => {
  uralDepartmentId = deps.db.$client.prepare("select id from departments where company_id = ? order by id limit 1").pluck().get(actorOf(uralAdmin).companyId) as number;
});

// ─── The cases: every loader and action that is not public ──────────────────────────────────────
interface Case {
  kind: Kind;
  name: string;
  run: () => Promise<void>;
}

const expect404 = (outcome: Outcome) => expect(outcome.status, JSON.stringify(outcome)).toBe(404);
const appPath = (id: number) => `/office/applications/${id}`;

const tenancyCases: Record<string, Case[]> = {
  // Office routes as Moscow's staff against Ural's applications, and as a company admin.
  "routes/office._index": [
    {
      kind: "loader",
      name: "the queue shows none of Ural's applications, whatever is asked",
      run: async () => {
        const id = "routes/office._index";
        for (const query of ["", "?status=all", "?status=all&q=URL-", "?status=all&q=ромашка&region=ural"]) {
          const outcome = await callRoute(id, "loader", get(moscowStaff, `/office${query}`));
          expect(outcome.status).toBe(200);
          expect((outcome.body as { rows: unknown[] }).rows).toEqual([]);
        }
        // Control: Ural's own staff see them.
        const own = await callRoute(id, "loader", get(uralStaff, "/office?status=all"));
        expect((own.body as { rows: unknown[] }).rows).toHaveLength(3);
        expect404(await callRoute(id, "loader", get(uralAdmin, "/office")));
      },
    },
  ],
  "routes/office.applications.$id": [
    {
      kind: "loader",
      name: "an application of another region is not found",
      run: async () => {
        const route = "routes/office.applications.$id";
        for (const id of [submittedId, approvedId]) {
          expect404(await callRoute(route, "loader", get(moscowStaff, appPath(id)), { id: String(id) }));
          expect404(await callRoute(route, "loader", get(uralAdmin, appPath(id)), { id: String(id) }));
        }
        expect404(await callRoute(route, "loader", get(moscowStaff, "/office/applications/x"), { id: "x" }));
        const own = await callRoute(route, "loader", get(uralStaff, appPath(submittedId)), { id: String(submittedId) });
        expect(own.status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "approve, reject, issue a password or anything else on another region's application: 404",
      run: async () => {
        const route = "routes/office.applications.$id";
        const attempts: Record<string, string>[] = [
          { intent: "approve", confirmFailedChecks: "yes", comment: "Одобряю чужое заявление" },
          { intent: "reject", reason: "Отклоняю чужое заявление" },
          { intent: "issuePassword" },
          { intent: "something-else" },
        ];
        for (const fields of attempts) {
          for (const id of [submittedId, approvedId]) {
            expect404(await callRoute(route, "action", post(moscowStaff, appPath(id), fields), { id: String(id) }));
            expect404(await callRoute(route, "action", post(uralAdmin, appPath(id), fields), { id: String(id) }));
          }
        }
      },
    },
  ],
  "routes/office.applications.$id_.form[.pdf]": [
    {
      kind: "loader",
      name: "another region's PDF is not found",
      run: async () => {
        const route = "routes/office.applications.$id_.form[.pdf]";
        const path = `${appPath(submittedId)}/form.pdf`;
        const params = { id: String(submittedId) };
        expect404(await callRoute(route, "loader", get(moscowStaff, path), params));
        expect404(await callRoute(route, "loader", get(uralAdmin, path), params));
        const own = await callRoute(route, "loader", get(uralStaff, path), params);
        expect(own.status).toBe(200);
      },
    },
  ],
  "routes/office.verify": [
    {
      kind: "loader",
      name: "another region's verification code is not found",
      run: async () => {
        const route = "routes/office.verify";
        const outcome = await callRoute(route, "loader", get(moscowStaff, `/office/verify?code=${uralCode}`));
        expect404(outcome);
        expect(JSON.stringify(outcome.body)).not.toContain("URL-");
        expect404(await callRoute(route, "loader", get(uralAdmin, `/office/verify?code=${uralCode}`)));
        const own = await callRoute(route, "loader", get(uralStaff, `/office/verify?code=${uralCode}`));
        expect(own.status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "another region's PDF, with its code, is a form this office never issued",
      run: async () => {
        const route = "routes/office.verify";
        const upload = () => ({ file: new File([uralPdf], "form.pdf", { type: "application/pdf" }), fileCode: uralCode });
        const outcome = await callRoute(route, "action", post(moscowStaff, "/office/verify", upload()));
        expect404(outcome);
        expect((outcome.body as { verification: unknown }).verification).toEqual({ result: "unknown" });
        expect404(await callRoute(route, "action", post(uralAdmin, "/office/verify", upload())));
        const own = await callRoute(route, "action", post(uralStaff, "/office/verify", upload()));
        expect((own.body as { verification: { result: string } }).verification.result).toBe("match");
      },
    },
  ],

  // Cabinet routes as Moscow's company admin, looking for Ural's company; and as office staff.
  "routes/cabinet._index": [
    {
      kind: "loader",
      name: "the start page sums the admin's own company only, whatever the query says",
      run: async () => {
        const route = "routes/cabinet._index";
        const uralCompanyId = actorOf(uralAdmin).companyId;
        const outcome = await callRoute(route, "loader", get(moscowAdmin, `/cabinet?companyId=${uralCompanyId}&region=ural`));
        expect(outcome.status).toBe(200);
        type Home = { company: { id: number }; summary: { lineCount: number; accounts: { accountNumber: string }[] } };
        const body = outcome.body as Home;
        expect(body.company.id).toBe(actorOf(moscowAdmin).companyId);
        const uralBody = (await callRoute(route, "loader", get(uralAdmin, "/cabinet"))).body as Home;
        expect(uralBody.summary.lineCount).toBeGreaterThan(0);
        const moscowAccounts = new Set(body.summary.accounts.map((a) => a.accountNumber));
        expect(uralBody.summary.accounts.some((a) => moscowAccounts.has(a.accountNumber))).toBe(false);
        expect404(await callRoute(route, "loader", get(moscowStaff, "/cabinet")));
      },
    },
  ],
  "routes/cabinet.audit": [
    {
      kind: "loader",
      name: "the audit trail holds the admin's own company's events only",
      run: async () => {
        const route = "routes/cabinet.audit";
        const uralEvents = listCompanyAuditEvents(deps, actorOf(uralAdmin));
        expect(uralEvents.length).toBeGreaterThan(0);
        const uralIds = new Set(uralEvents.map((e) => e.id));
        const path = `/cabinet/audit?companyId=${actorOf(uralAdmin).companyId}`;
        const outcome = await callRoute(route, "loader", get(moscowAdmin, path));
        expect(outcome.status).toBe(200);
        const events = (outcome.body as { events: { id: number }[] }).events;
        expect(events.some((e) => uralIds.has(e.id))).toBe(false);
        const ownIds = new Set(listCompanyAuditEvents(deps, actorOf(moscowAdmin)).map((e) => e.id));
        expect(events.every((e) => ownIds.has(e.id))).toBe(true);
        expect404(await callRoute(route, "loader", get(moscowStaff, "/cabinet/audit")));
      },
    },
  ],

  // The development SMS page: office staff only, their own region's SMS, and gone when turned off.
  "routes/dev.sms": [
    {
      kind: "loader",
      name: "is for office staff only, shows their own region's SMS only, and is 404 when the development outbox is off",
      run: async () => {
        const route = "routes/dev.sms";
        expect404(await callRoute(route, "loader", get(uralAdmin, "/dev/sms")));
        const smsOf = async (session: Session) => {
          const outcome = await callRoute(route, "loader", get(session, "/dev/sms"));
          expect(outcome.status).toBe(200);
          return (outcome.body as { messages: { text: string }[] }).messages.map((m) => m.text);
        };
        // The approval of Ural's application sent a temporary password: Ural's office sees it, Moscow's does not.
        expect((await smsOf(uralStaff)).some((text) => text.includes("Временный пароль"))).toBe(true);
        expect(await smsOf(moscowStaff)).toEqual([]);
        const before = env.DEV_SMS_OUTBOX;
        env.DEV_SMS_OUTBOX = "off";
        try {
          expect404(await callRoute(route, "loader", get(uralStaff, "/dev/sms")));
        } finally {
          env.DEV_SMS_OUTBOX = before;
        }
      },
    },
  ],

  // ─── The line's page (/cabinet/lines/$lineId): another company's line is not there ───────────
  "routes/cabinet.lines.$lineId": [
    {
      kind: "loader",
      name: "another company's line, another region's staff and an id of nothing are 404; the admin's own line is there",
      run: async () => {
        const route = "routes/cabinet.lines.$lineId";
        const lineId = String(uralLineId());
        const path = `/cabinet/lines/${lineId}`;
        expect404(await callRoute(route, "loader", get(moscowAdmin, path), { lineId }));
        expect404(await callRoute(route, "loader", get(uralStaff, path), { lineId }));
        expect404(await callRoute(route, "loader", get(moscowStaff, path), { lineId }));
        expect404(await callRoute(route, "loader", get(uralAdmin, "/cabinet/lines/x"), { lineId: "x" }));
        expect404(await callRoute(route, "loader", get(uralAdmin, "/cabinet/lines/999999999"), { lineId: "999999999" }));
        const own = await callRoute(route, "loader", get(uralAdmin, path), { lineId });
        expect(own.status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "a service switched, a block, an unblock, an employee saved or anything else on another company's line: 404",
      run: async () => {
        const route = "routes/cabinet.lines.$lineId";
        const lineId = String(uralLineId());
        const path = `/cabinet/lines/${lineId}`;
        const version = "1";
        const attempts: Record<string, string>[] = [
          { intent: "service", version, serviceId: "1", switchTo: "on" },
          { intent: "block", version, reason: "loss", confirmLoss: "yes" },
          { intent: "block", version, reason: "voluntary" },
          { intent: "unblock", version, reason: "voluntary" },
          { intent: "employee", version, employeeName: "Чужой Сотрудник", newDepartmentName: "Чужой отдел" },
          { intent: "limit", amount: "100", policy: "block" },
          { intent: "removeLimit" },
          { intent: "tariff", version, tariffId: "1" },
          { intent: "something-else" },
        ];
        for (const fields of attempts) {
          expect404(await callRoute(route, "action", post(moscowAdmin, path, fields), { lineId }));
          expect404(await callRoute(route, "action", post(uralStaff, path, fields), { lineId }));
        }
      },
    },
  ],

  // ─── The lines list (/cabinet/lines): the admin's own company's lines, a selection of them only ──
  "routes/cabinet.lines._index": [
    {
      kind: "loader",
      name: "lists and searches the admin's own company's lines only, whatever the query names; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.lines._index";
        const uralCompanyId = actorOf(uralAdmin).companyId;
        const uralNumbers = deps.db.$client.prepare("select msisdn from lines where company_id = ?").pluck().all(uralCompanyId) as string[];
        const uralDepartment = deps.db.$client.prepare("select id from departments where company_id = ? limit 1").pluck().get(uralCompanyId) as number;
        type Listing = { total: number; lines: { msisdn: string }[] };
        const own = (await callRoute(route, "loader", get(uralAdmin, "/cabinet/lines"))).body as Listing;
        expect(own.total).toBe(uralNumbers.length);
        const queries = ["", `?companyId=${uralCompanyId}&region=ural`, `?q=${encodeURIComponent(uralNumbers[0] as string)}`, `?department=${uralDepartment}`];
        for (const query of queries) {
          const outcome = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/lines${query}`));
          expect(outcome.status).toBe(200);
          const shown = (outcome.body as Listing).lines.map((l) => l.msisdn);
          for (const msisdn of uralNumbers) expect(shown).not.toContain(formatMsisdn(msisdn));
        }
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/lines")));
      },
    },
    {
      kind: "action",
      name: "selecting another company's lines, ticked or by filter, selects none of them; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.lines._index";
        const uralLine = String(uralLineId());
        const ticked = await callRoute(route, "action", post(moscowAdmin, "/cabinet/lines?index", { scope: "lines", line: uralLine }));
        expect(ticked).toMatchObject({ status: 302, location: "/cabinet/bulk?scope=lines" });
        // "All lines matching the filter" stays a filter, resolved against the admin's own company on the bulk page.
        const byFilter = await callRoute(route, "action", post(moscowAdmin, "/cabinet/lines?index", { scope: "filter", status: "all" }));
        expect(byFilter).toMatchObject({ status: 302, location: "/cabinet/bulk?scope=filter" });
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/lines?index", { scope: "lines", line: uralLine })));
      },
    },
  ],

  // ─── Movements and the employee file (/cabinet/movements, /cabinet/employees) ────────────────
  "routes/cabinet.movements": [
    {
      kind: "loader",
      name: "lists the admin's own company's movements only, whatever the query names",
      run: async () => {
        const route = "routes/cabinet.movements";
        const query = `?from=2020-01-01&to=2030-12-31&companyId=${actorOf(uralAdmin).companyId}&region=ural`;
        type Listing = { movements: { accountNumber: string }[] };
        const ural = (await callRoute(route, "loader", get(uralAdmin, `/cabinet/movements${query}`))).body as Listing;
        const moscow = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/movements${query}`));
        expect(moscow.status).toBe(200);
        const uralAccounts = new Set(ural.movements.map((m) => m.accountNumber));
        expect((moscow.body as Listing).movements.some((m) => uralAccounts.has(m.accountNumber))).toBe(false);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/movements")));
      },
    },
  ],
  "routes/cabinet.movements[.csv]": [
    {
      kind: "loader",
      name: "exports the admin's own company's movements only; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.movements[.csv]";
        const query = `?from=2020-01-01&to=2030-12-31&companyId=${actorOf(uralAdmin).companyId}`;
        const csvOf = async (session: Session) => {
          const response = (await (await loadRouteModule(routeById.get(route) as ManifestRoute)).loader?.({
            request: get(session, `/cabinet/movements.csv${query}`),
            params: {},
            context,
          })) as Response;
          return response.text();
        };
        const uralAccounts = deps.db.$client.prepare("select account_number from accounts where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as string[];
        const moscowCsv = await csvOf(moscowAdmin);
        expect(moscowCsv).toContain("Дата;Лицевой счёт");
        for (const account of uralAccounts) expect(moscowCsv).not.toContain(account);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/movements.csv")));
      },
    },
  ],
  "routes/cabinet.employees[.csv]": [
    {
      kind: "loader",
      name: "exports the admin's own company's lines only; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.employees[.csv]";
        const response = (await (await loadRouteModule(routeById.get(route) as ManifestRoute)).loader?.({
          request: get(moscowAdmin, `/cabinet/employees.csv?companyId=${actorOf(uralAdmin).companyId}`),
          params: {},
          context,
        })) as Response;
        const csv = await response.text();
        const uralNumbers = deps.db.$client.prepare("select msisdn from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as string[];
        expect(csv).toContain("Номер;Сотрудник;Отдел");
        for (const msisdn of uralNumbers) expect(csv).not.toContain(formatMsisdn(msisdn));
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/employees.csv")));
      },
    },
  ],
  "routes/cabinet.employees": [
    {
      kind: "loader",
      name: "another company's preview is not found; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.employees";
        const path = `/cabinet/employees?preview=${uralEmployeeToken}`;
        expect404(await callRoute(route, "loader", get(moscowAdmin, path)));
        expect404(await callRoute(route, "loader", get(uralStaff, path)));
        expect((await callRoute(route, "loader", get(uralAdmin, path))).status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "applying another company's preview is 404 and changes no line; office staff cannot upload",
      run: async () => {
        const route = "routes/cabinet.employees";
        const apply = { intent: "apply", token: uralEmployeeToken };
        expect404(await callRoute(route, "action", post(moscowAdmin, "/cabinet/employees", apply)));
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/employees", apply)));
        const upload = { intent: "upload", file: new File(["Номер;Сотрудник\n+79206001005;Чужой\n"], "staff.csv", { type: "text/csv" }) };
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/employees", upload)));
      },
    },
  ],

  // ─── Spending limits (/cabinet/limits…): the admin's own company's lines, departments and files only ──
  "routes/cabinet.limits._index": [
    {
      kind: "loader",
      name: "shows the admin's own company's limits and lines only, whatever the query names; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.limits._index";
        const uralNumbers = new Set(
          (deps.db.$client.prepare("select msisdn from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as string[]).map(formatMsisdn),
        );
        type Limits = { list: { rows: { msisdn: string }[]; total: number }; departments: { departmentId: number | null }[] };
        for (const show of ["all", "without", "attention"]) {
          const outcome = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/limits?show=${show}&companyId=${actorOf(uralAdmin).companyId}`));
          expect(outcome.status).toBe(200);
          const body = outcome.body as Limits;
          expect(body.list.rows.some((row) => uralNumbers.has(row.msisdn))).toBe(false);
          expect(body.departments.some((d) => d.departmentId === uralDepartmentId)).toBe(false);
        }
        const own = (await callRoute(route, "loader", get(uralAdmin, "/cabinet/limits?show=all"))).body as Limits;
        expect(own.list.total).toBe(uralNumbers.size);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/limits")));
      },
    },
    {
      kind: "action",
      name: "the company's settings are the admin's own company's: office staff get 404, a form naming another company changes nothing",
      run: async () => {
        const route = "routes/cabinet.limits._index";
        const attempts: Record<string, string>[] = [{ intent: "default", amount: "1000", policy: "block" }, { intent: "warning", warningPercent: "90" }, { intent: "removeDefault" }];
        for (const fields of attempts) {
          expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/limits?index", fields)));
        }
        // Refused before anything is written (an amount that is not one), whatever company it names.
        const named = { intent: "default", amount: "много", policy: "block", companyId: String(actorOf(uralAdmin).companyId) };
        expect((await callRoute(route, "action", post(moscowAdmin, "/cabinet/limits?index", named))).status).toBe(400);
        expect404(await callRoute(route, "action", post(moscowAdmin, "/cabinet/limits?index", { intent: "something-else" })));
      },
    },
  ],
  "routes/cabinet.limits.departments.$departmentId": [
    {
      kind: "loader",
      name: "another company's department, an id of nothing and office staff are 404; the admin's own department is there",
      run: async () => {
        const route = "routes/cabinet.limits.departments.$departmentId";
        const departmentId = String(uralDepartmentId);
        const path = `/cabinet/limits/departments/${departmentId}`;
        expect404(await callRoute(route, "loader", get(moscowAdmin, path), { departmentId }));
        expect404(await callRoute(route, "loader", get(uralStaff, path), { departmentId }));
        expect404(await callRoute(route, "loader", get(uralAdmin, "/cabinet/limits/departments/x"), { departmentId: "x" }));
        expect404(await callRoute(route, "loader", get(uralAdmin, "/cabinet/limits/departments/999999999"), { departmentId: "999999999" }));
        expect((await callRoute(route, "loader", get(uralAdmin, path), { departmentId })).status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "a limit set or removed on another company's department: 404, also when the form is refused",
      run: async () => {
        const route = "routes/cabinet.limits.departments.$departmentId";
        const departmentId = String(uralDepartmentId);
        const path = `/cabinet/limits/departments/${departmentId}`;
        const attempts: Record<string, string>[] = [{ intent: "set", amount: "500", policy: "block" }, { intent: "set", amount: "x", policy: "block" }, { intent: "remove" }, { intent: "other" }];
        for (const fields of attempts) {
          expect404(await callRoute(route, "action", post(moscowAdmin, path, fields), { departmentId }));
          expect404(await callRoute(route, "action", post(uralStaff, path, fields), { departmentId }));
        }
      },
    },
  ],
  "routes/cabinet.limits.selection": [
    {
      kind: "loader",
      name: "a selection of another company's lines selects none of them; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.limits.selection";
        const outcome = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/limits/selection?scope=lines&line=${uralLineId()}`));
        expect(outcome.status).toBe(200);
        expect(outcome.body).toMatchObject({ count: 0, dropped: 1 });
        expect404(await callRoute(route, "loader", get(uralStaff, `/cabinet/limits/selection?scope=lines&line=${uralLineId()}`)));
      },
    },
    {
      kind: "action",
      name: "a limit set on, or removed from, another company's ticked line changes nothing; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.limits.selection";
        const line = String(uralLineId());
        const set = await callRoute(route, "action", post(moscowAdmin, "/cabinet/limits/selection", { intent: "set", scope: "lines", line, amount: "100", policy: "block" }));
        expect(set).toMatchObject({ status: 302, location: expect.stringContaining("done=lines&lines=0&blocked=0") });
        const removed = await callRoute(route, "action", post(moscowAdmin, "/cabinet/limits/selection", { intent: "remove", scope: "lines", line }));
        expect(removed).toMatchObject({ status: 302, location: expect.stringContaining("done=linesRemoved&lines=0") });
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/limits/selection", { intent: "set", scope: "lines", line, amount: "100", policy: "block" })));
      },
    },
  ],
  "routes/cabinet.limits.file": [
    {
      kind: "loader",
      name: "another company's preview is not found; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.limits.file";
        const path = `/cabinet/limits/file?preview=${uralLimitFileToken}`;
        expect404(await callRoute(route, "loader", get(moscowAdmin, path)));
        expect404(await callRoute(route, "loader", get(uralStaff, path)));
        expect((await callRoute(route, "loader", get(uralAdmin, path))).status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "applying another company's preview is 404 and changes no limit; a file of another company's numbers refuses them all",
      run: async () => {
        const route = "routes/cabinet.limits.file";
        const apply = { intent: "apply", token: uralLimitFileToken };
        expect404(await callRoute(route, "action", post(moscowAdmin, "/cabinet/limits/file", apply)));
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/limits/file", apply)));
        const upload = { intent: "upload", file: new File(["Номер;Лимит;Политика\n+79206001005;100;block\n"], "limits.csv", { type: "text/csv" }) };
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/limits/file", upload)));
      },
    },
  ],
  "routes/cabinet.limits[.csv]": [
    {
      kind: "loader",
      name: "exports the admin's own company's lines and limits only; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.limits[.csv]";
        const response = (await (await loadRouteModule(routeById.get(route) as ManifestRoute)).loader?.({
          request: get(moscowAdmin, `/cabinet/limits.csv?companyId=${actorOf(uralAdmin).companyId}`),
          params: {},
          context,
        })) as Response;
        const csv = await response.text();
        const uralNumbers = deps.db.$client.prepare("select msisdn from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as string[];
        expect(csv).toContain("Номер;Лимит;Политика");
        for (const msisdn of uralNumbers) expect(csv).not.toContain(formatMsisdn(msisdn));
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/limits.csv")));
      },
    },
  ],

  // ─── Savings advice (/cabinet/savings): the admin's own company's lines only ─────────────────
  "routes/cabinet.savings": [
    {
      kind: "loader",
      name: "advises on the admin's own company's lines only, whatever the query names; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.savings";
        type Advice = { lines: { id: number }[]; linesCompared: number };
        const uralLines = new Set(
          deps.db.$client.prepare("select id from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as number[],
        );
        const query = `?companyId=${actorOf(uralAdmin).companyId}&region=ural&tariff=1&page=1`;
        const moscow = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/savings${query}`));
        expect(moscow.status).toBe(200);
        expect((moscow.body as Advice).lines.some((line) => uralLines.has(line.id))).toBe(false);
        const own = (await callRoute(route, "loader", get(uralAdmin, "/cabinet/savings"))).body as Advice;
        expect(own.linesCompared).toBe(uralLines.size);
        expect(own.lines.every((line) => uralLines.has(line.id))).toBe(true);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/savings")));
      },
    },
  ],

  // ─── Spending reports (/cabinet/reports and its CSV and XLSX files) ─────────────────────────────
  "routes/cabinet.reports": [
    {
      kind: "loader",
      name: "reports the admin's own company's lines only; another company's department is not found; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.reports";
        type Report = { lines: { total: number; rows: { lineId: number }[] }; topSpenders: { lineId: number }[]; totals: { current: { total: number } } };
        const uralLines = new Set(deps.db.$client.prepare("select id from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as number[]);
        const uralDepartment = deps.db.$client.prepare("select id from departments where company_id = ? order by id limit 1").pluck().get(actorOf(uralAdmin).companyId) as number;
        const ural = await callRoute(route, "loader", get(uralAdmin, "/cabinet/reports"));
        expect(ural.status).toBe(200);
        expect((ural.body as Report).lines.rows.length).toBeGreaterThan(0);
        for (const query of ["", `?companyId=${actorOf(uralAdmin).companyId}&region=ural`, "?sort=number&page=2"]) {
          const moscow = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/reports${query}`));
          expect(moscow.status).toBe(200);
          const report = moscow.body as Report;
          expect([...report.lines.rows, ...report.topSpenders].some((line) => uralLines.has(line.lineId))).toBe(false);
        }
        expect((await callRoute(route, "loader", get(moscowAdmin, "/cabinet/reports"))).body).toMatchObject({ lines: { total: 3 } });
        expect(uralDepartment).toBeTypeOf("number");
        expect404(await callRoute(route, "loader", get(moscowAdmin, `/cabinet/reports?department=${uralDepartment}`)));
        expect((await callRoute(route, "loader", get(uralAdmin, `/cabinet/reports?department=${uralDepartment}`))).status).toBe(200);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/reports")));
      },
    },
  ],
  "routes/cabinet.reports[.csv]": [
    {
      kind: "loader",
      name: "exports the admin's own company's spending only; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.reports[.csv]";
        const uralNumbers = deps.db.$client.prepare("select msisdn from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as string[];
        const csvOf = async (session: Session, query: string) => {
          const loader = (await loadRouteModule(routeById.get(route) as ManifestRoute)).loader;
          const response = (await loader?.({ request: get(session, `/cabinet/reports.csv${query}`), params: {}, context })) as Response;
          expect(response.headers.get("Cache-Control")).toBe("private, no-store");
          return response.text();
        };
        // The CSV writes numbers the national way (8 912 …): a cell starting with + is a formula to Excel.
        const national = (msisdn: string) => msisdn.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, "8 $1 $2-$3-$4");
        const own = await csvOf(uralAdmin, "?table=lines");
        expect(uralNumbers.some((msisdn) => own.includes(national(msisdn)))).toBe(true);
        for (const table of ["lines", "departments"]) {
          const moscow = await csvOf(moscowAdmin, `?table=${table}&companyId=${actorOf(uralAdmin).companyId}`);
          expect(moscow).toContain(";");
          for (const msisdn of uralNumbers) expect(moscow).not.toContain(national(msisdn));
        }
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/reports.csv")));
      },
    },
  ],
  "routes/cabinet.reports[.xlsx]": [
    {
      kind: "loader",
      name: "the workbook holds the admin's own company's lines only; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.reports[.xlsx]";
        const uralNumbers = (deps.db.$client.prepare("select msisdn from lines where company_id = ?").pluck().all(actorOf(uralAdmin).companyId) as string[]).map(formatMsisdn);
        const numbersIn = async (session: Session) => {
          const loader = (await loadRouteModule(routeById.get(route) as ManifestRoute)).loader;
          const response = (await loader?.({ request: get(session, `/cabinet/reports.xlsx?companyId=${actorOf(uralAdmin).companyId}`), params: {}, context })) as Response;
          expect(response.headers.get("Cache-Control")).toBe("private, no-store");
          const sheets = await readSpreadsheetRows(new Uint8Array(await response.arrayBuffer()));
          return Object.values(sheets).flatMap((rows) => rows.map((row) => String(row[0])));
        };
        expect((await numbersIn(uralAdmin)).some((cell) => uralNumbers.includes(cell))).toBe(true);
        expect((await numbersIn(moscowAdmin)).some((cell) => uralNumbers.includes(cell))).toBe(false);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/reports.xlsx")));
      },
    },
  ],
  // The user's own pages: they name no other user, whatever the request carries.
  "routes/account.password": [
    {
      kind: "loader",
      name: "shows the logged-in user's own login only, whatever the query names",
      run: async () => {
        const route = "routes/account.password";
        const query = `?userId=${actorOf(uralAdmin).userId}&login=staff&region=ural`;
        const outcome = await callRoute(route, "loader", get(moscowAdmin, `/account/password${query}`));
        expect(outcome.status).toBe(200);
        expect(outcome.body).toMatchObject({ login: actorOf(moscowAdmin).login, temporary: false });
        expect(Object.keys(outcome.body as object).sort()).toEqual(["login", "minLength", "temporary", "title"]);
      },
    },
    {
      kind: "action",
      name: "a change naming another user in the form is checked against the caller's own password and changes nobody",
      run: async () => {
        const route = "routes/account.password";
        // The caller's own current password, a new one that does not match its confirmation: refused
        // before anything is written, whoever the extra fields name.
        const outcome = await callRoute(
          route,
          "action",
          post(moscowAdmin, "/account/password", {
            userId: String(actorOf(uralAdmin).userId),
            regionCode: "ural",
            login: "vector",
            currentPassword: "Vector2026demo",
            newPassword: "Ural-takeover-2027",
            confirmPassword: "Ural-takeover-2028",
          }),
        );
        expect(outcome.status).toBe(400);
        expect(JSON.stringify(outcome.body)).toContain("password.mismatch");
      },
    },
  ],
  // ─── Call details (/cabinet/details, its download): the admin's own company's orders only ─────
  "routes/cabinet.details._index": [
    {
      kind: "loader",
      name: "lists the admin's own company's orders only, and counts only his own lines of a selection; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.details._index";
        type Page = { orders: { id: number }[]; selectionCount: string | null; departments: { id: number }[] };
        const own = (await callRoute(route, "loader", get(uralAdmin, "/cabinet/details"))).body as Page;
        expect(own.orders.map((o) => o.id)).toContain(uralOrderId);
        const query = `?companyId=${actorOf(uralAdmin).companyId}&region=ural&scope=lines&line=${uralLineId()}`;
        const moscow = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/details${query}`));
        expect(moscow.status).toBe(200);
        expect((moscow.body as Page).orders.map((o) => o.id)).not.toContain(uralOrderId);
        expect((moscow.body as Page).selectionCount).toBe("0");
        const uralDepartments = new Set(own.departments.map((d) => d.id));
        expect((moscow.body as Page).departments.some((d) => uralDepartments.has(d.id))).toBe(false);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/details")));
      },
    },
    {
      kind: "action",
      name: "ordering another company's department is 404, its number or its ticked lines are refused: nothing is ordered; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.details._index";
        const uralDepartment = deps.db.$client.prepare("select id from departments where company_id = ? limit 1").pluck().get(actorOf(uralAdmin).companyId) as number;
        const uralNumber = deps.db.$client.prepare("select msisdn from lines where id = ?").pluck().get(uralLineId()) as string;
        const order = { from: "2026-11-01", to: "2026-11-20", format: "csv", email: "spy@example.com" };
        const path = "/cabinet/details?index";
        expect404(await callRoute(route, "action", post(moscowAdmin, path, { ...order, lines: "department", department: String(uralDepartment) })));
        const byNumber = await callRoute(route, "action", post(moscowAdmin, path, { ...order, lines: "line", line: uralNumber }));
        expect(byNumber.status).toBe(400);
        expect(JSON.stringify(byNumber.body)).toContain("details.line.notCompany");
        const selection = JSON.stringify({ kind: "lines", lineIds: [uralLineId()] });
        const ticked = await callRoute(route, "action", post(moscowAdmin, path, { ...order, lines: "selection", selection }));
        expect(ticked.status).toBe(400);
        expect(JSON.stringify(ticked.body)).toContain("details.lines.none");
        expect404(await callRoute(route, "action", post(uralStaff, path, { ...order, lines: "all" })));
      },
    },
  ],
  "routes/cabinet.details.$orderId.download": [
    {
      kind: "loader",
      name: "another company's order file is 404, however its id is written; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.details.$orderId.download";
        const download = (session: Session, id: string) => callRoute(route, "loader", get(session, `/cabinet/details/${id}/download`), { orderId: id });
        const own = await download(uralAdmin, String(uralOrderId));
        expect(own.status).toBe(200);
        for (const id of [String(uralOrderId), `0${uralOrderId}`, `${uralOrderId}.0`, "x"]) expect404(await download(moscowAdmin, id));
        expect404(await download(uralStaff, String(uralOrderId)));
      },
    },
  ],
  "routes/logout": [
    {
      kind: "loader",
      name: "offers the logout button and nothing else",
      run: async () => {
        const outcome = await callRoute("routes/logout", "loader", get(moscowAdmin, "/logout?userId=1"));
        expect(outcome.status).toBe(200);
        expect(Object.keys(outcome.body as object)).toEqual(["title"]);
      },
    },
    {
      kind: "action",
      name: "without a session of its own, a logout (even everywhere) ends nobody's session",
      run: async () => {
        const outcome = await callRoute(
          "routes/logout",
          "action",
          post(anonymous, "/logout", { everywhere: "1", userId: String(actorOf(uralAdmin).userId), login: "vector" }),
        );
        expect(outcome).toMatchObject({ status: 302, location: "/login" });
      },
    },
  ],

  // ─── Bulk changes (issue 10): Moscow's АО «Вектор» against Ural's bulk changes and lines; office staff.
  "routes/cabinet.bulk": [
    {
      kind: "loader",
      name: "the start page counts none of another company's ticked lines; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.bulk";
        const outcome = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/bulk?scope=lines&line=${uralLineId()}`));
        expect(outcome.status).toBe(200);
        expect((outcome.body as { selection: { count: string } }).selection.count).toBe("0");
        expect(JSON.stringify(outcome.body)).not.toContain(`${String(uralTariffId("biz-chief"))},"name":"Бизнес Руководитель — `);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/bulk")));
      },
    },
    {
      kind: "action",
      name: "a preview of another company's lines or department stores nothing; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.bulk";
        const moscowTariff = deps.db.$client.prepare("select id from tariffs where region_code = 'moscow' and code = 'biz-pro'").pluck().get() as number;
        const byIds = await callRoute(route, "action", post(moscowAdmin, "/cabinet/bulk", { source: "lines", lineId: String(uralLineId()), tariffId: String(moscowTariff) }));
        expect(byIds.status).toBe(400);
        const uralDepartment = deps.db.$client.prepare("select id from departments where company_id = ? limit 1").pluck().get(actorOf(uralAdmin).companyId) as number;
        expect404(await callRoute(route, "action", post(moscowAdmin, "/cabinet/bulk", { source: "department", departmentId: String(uralDepartment), tariffId: String(moscowTariff) })));
        expect404(await callRoute(route, "action", post(uralStaff, "/cabinet/bulk", { source: "lines", lineId: String(uralLineId()), tariffId: String(uralTariffId("biz-pro")) })));
      },
    },
  ],
  "routes/cabinet.bulk_.$bulkChangeId": [
    {
      kind: "loader",
      name: "another company's bulk change is not found",
      run: async () => {
        const route = "routes/cabinet.bulk_.$bulkChangeId";
        const params = { bulkChangeId: String(uralBulkChangeId) };
        expect404(await callRoute(route, "loader", get(moscowAdmin, `/cabinet/bulk/${uralBulkChangeId}`), params));
        expect404(await callRoute(route, "loader", get(uralStaff, `/cabinet/bulk/${uralBulkChangeId}`), params));
        expect((await callRoute(route, "loader", get(uralAdmin, `/cabinet/bulk/${uralBulkChangeId}`), params)).status).toBe(200);
      },
    },
    {
      kind: "action",
      name: "applying, cancelling or re-previewing another company's bulk change: 404, no line changes",
      run: async () => {
        const route = "routes/cabinet.bulk_.$bulkChangeId";
        for (const [id, fields] of [
          [uralBulkChangeId, { intent: "apply", effective: "now" }],
          [uralScheduledBulkChangeId, { intent: "cancel" }],
          [uralBulkChangeId, { intent: "repreview" }],
        ] as const) {
          const params = { bulkChangeId: String(id) };
          expect404(await callRoute(route, "action", post(moscowAdmin, `/cabinet/bulk/${id}`, fields), params));
          expect404(await callRoute(route, "action", post(uralStaff, `/cabinet/bulk/${id}`, fields), params));
        }
      },
    },
  ],
  "routes/cabinet.bulk_.$bulkChangeId[.csv]": [
    {
      kind: "loader",
      name: "another company's bulk change report (CSV) is not found",
      run: async () => {
        const route = "routes/cabinet.bulk_.$bulkChangeId[.csv]";
        const params = { bulkChangeId: String(uralBulkChangeId) };
        expect404(await callRoute(route, "loader", get(moscowAdmin, `/cabinet/bulk/${uralBulkChangeId}.csv`), params));
        expect404(await callRoute(route, "loader", get(uralStaff, `/cabinet/bulk/${uralBulkChangeId}.csv`), params));
        expect((await callRoute(route, "loader", get(uralAdmin, `/cabinet/bulk/${uralBulkChangeId}.csv`), params)).status).toBe(200);
      },
    },
  ],
  "routes/cabinet.bulk_.$bulkChangeId[.xlsx]": [
    {
      kind: "loader",
      name: "another company's bulk change report (XLSX) is not found",
      run: async () => {
        const route = "routes/cabinet.bulk_.$bulkChangeId[.xlsx]";
        const params = { bulkChangeId: String(uralBulkChangeId) };
        expect404(await callRoute(route, "loader", get(moscowAdmin, `/cabinet/bulk/${uralBulkChangeId}.xlsx`), params));
        expect404(await callRoute(route, "loader", get(uralStaff, `/cabinet/bulk/${uralBulkChangeId}.xlsx`), params));
        expect((await callRoute(route, "loader", get(uralAdmin, `/cabinet/bulk/${uralBulkChangeId}.xlsx`), params)).status).toBe(200);
      },
    },
  ],
  "routes/cabinet.bulk_.jobs": [
    {
      kind: "loader",
      name: "the bulk change history lists the admin's own company's changes only; office staff get 404",
      run: async () => {
        const route = "routes/cabinet.bulk_.jobs";
        type Jobs = { changes: { id: number }[] };
        const own = (await callRoute(route, "loader", get(uralAdmin, "/cabinet/bulk/jobs"))).body as Jobs;
        expect(own.changes.map((c) => c.id)).toContain(uralScheduledBulkChangeId);
        const outcome = await callRoute(route, "loader", get(moscowAdmin, `/cabinet/bulk/jobs?companyId=${actorOf(uralAdmin).companyId}`));
        expect(outcome.status).toBe(200);
        expect((outcome.body as Jobs).changes.map((c) => c.id)).not.toContain(uralScheduledBulkChangeId);
        expect404(await callRoute(route, "loader", get(uralStaff, "/cabinet/bulk/jobs")));
      },
    },
  ],
};

// ─── Deny by default ────────────────────────────────────────────────────────────────────────────
/**
 * Every loader and action in the manifest that is neither declared public nor has a case, and
 * every declaration or case that no longer matches an export (so the lists cannot rot).
 */
async function coverageProblems(
  routes: ManifestRoute[],
  load: (route: ManifestRoute) => Promise<RouteModule>,
): Promise<string[]> {
  const problems: string[] = [];
  const ids = new Set(routes.map((r) => r.id));
  for (const route of routes) {
    const module = await load(route);
    for (const kind of kinds) {
      const isPublic = Boolean(publicExports[route.id]?.[kind]);
      const hasCase = (tenancyCases[route.id] ?? []).some((c) => c.kind === kind);
      if (module[kind] && !isPublic && !hasCase) {
        problems.push(`${route.id} (${route.file}) ${kind}: neither declared public nor covered by a tenancy case`);
      }
      if (!module[kind] && (isPublic || hasCase)) problems.push(`${route.id} ${kind}: declared, but the route has none`);
      if (isPublic && hasCase) problems.push(`${route.id} ${kind}: both public and a tenancy case`);
    }
  }
  for (const id of [...Object.keys(publicExports), ...Object.keys(tenancyCases)]) {
    if (!ids.has(id)) problems.push(`${id}: declared, but not a route in Remix's manifest`);
  }
  return problems;
}

/** Every route whose loader or action is not public: a logged-out visitor must be sent to log in. */
const guardedExports = () =>
  manifest.flatMap((route) => kinds.filter((kind) => !publicExports[route.id]?.[kind]).map((kind) => ({ route, kind })));

describe("tenant isolation sweep", () => {
  it("reads the routes from Remix's manifest: flat files, nested routes and the root, no test files", () => {
    const byId = Object.fromEntries(manifest.map((r) => [r.id, r]));
    expect(byId.root).toMatchObject({ file: "root.tsx", path: "/" });
    expect(byId["routes/office.applications.$id"]).toMatchObject({ path: "/office/applications/:id" });
    expect(byId["routes/apply.done.$token.form[.pdf]"]).toMatchObject({
      path: "/apply/done/:token/form.pdf",
      parentId: "routes/apply.done.$token",
    });
    expect(manifest.some((r) => r.file.includes(".test."))).toBe(false);
  });

  it("covers every loader and action of every route: declared public with a reason, or a tenancy case", async () => {
    expect(await coverageProblems(manifest, loadRouteModule), "add the route to tenancy.test.ts").toEqual([]);
    for (const [id, reasons] of Object.entries(publicExports)) {
      for (const reason of Object.values(reasons)) expect(reason.length, `${id}: say why it is public`).toBeGreaterThan(20);
    }
  });

  it("fails for a route it does not know: a folder route, a new prefix, a new action on a public page", async () => {
    const loader: RouteFn = async () => ({ anything: "of anybody" });
    const extraRoutes: ManifestRoute[] = [
      {
        id: "routes/cabinet.new-thing",
        file: "routes/cabinet.new-thing/route.tsx",
        path: "/cabinet/new-thing",
        index: false,
        parentId: "root",
      },
      { id: "routes/anything", file: "routes/anything.tsx", path: "/anything", index: false, parentId: "root" },
    ];
    const fakeModules: Record<string, RouteModule> = {
      "routes/cabinet.new-thing/route.tsx": { loader },
      "routes/anything.tsx": { loader, action: loader },
      "routes/healthz.ts": { loader, action: loader },
    };
    const problems = await coverageProblems([...manifest, ...extraRoutes], (route) =>
      fakeModules[route.file] ? Promise.resolve(fakeModules[route.file] as RouteModule) : loadRouteModule(route),
    );
    expect(problems).toEqual([
      "routes/healthz (routes/healthz.ts) action: neither declared public nor covered by a tenancy case",
      "routes/cabinet.new-thing (routes/cabinet.new-thing/route.tsx) loader: neither declared public nor covered by a tenancy case",
      "routes/anything (routes/anything.tsx) loader: neither declared public nor covered by a tenancy case",
      "routes/anything (routes/anything.tsx) action: neither declared public nor covered by a tenancy case",
    ]);
  });

  it("sends a logged-out visitor of every route that is not public to the login page, with the way back", async () => {
    const before = snapshotDatabase();
    const params = { id: String(submittedId), lineId: String(uralLineId()), departmentId: String(uralDepartmentId), orderId: String(uralOrderId), bulkChangeId: String(uralBulkChangeId) };
    const checked: string[] = [];
    for (const { route, kind } of guardedExports()) {
      const module = await loadRouteModule(route);
      if (!module[kind]) continue;
      const path = fillRoutePath(route.path, params);
      const request = kind === "loader" ? get(anonymous, `${path}?code=${uralCode}`) : post(anonymous, path, { intent: "approve" });
      const outcome = await callRoute(route.id, kind, request, params);
      expect(outcome.status, `${route.id} ${kind}: ${JSON.stringify(outcome)}`).toBe(302);
      expect(outcome.location, `${route.id} ${kind}`).toMatch(/^\/login(\?|$)/);
      checked.push(`${route.id} ${kind}`);
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
    const verify = await callRoute("routes/office.verify", "loader", get(anonymous, `/office/verify?code=${uralCode}`));
    expect(verify.location).toBe(`/login?next=${encodeURIComponent(`/office/verify?code=${uralCode}`)}`);
    expect(snapshotDatabase()).toEqual(before);
  });

  it("answers 404 to another region's staff and another company's admin, and changes nothing in any table", async () => {
    const before = snapshotDatabase();
    // Every table, found in sqlite_master: a table added by a later migration is in the comparison.
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(["applications", "audit_events", "outbox_messages", "sessions", "users", "login_failures"]),
    );
    for (const route of manifest) {
      for (const c of tenancyCases[route.id] ?? []) {
        try {
          await c.run();
        } catch (error) {
          throw new Error(`${route.id} ${c.kind}: ${c.name}\n${(error as Error).message}`);
        }
      }
    }
    expect(snapshotDatabase()).toEqual(before);
    expect(getApplicationForReview(deps, actorOf(uralStaff), submittedId).application.status).toBe("submitted");
  }, 60_000);

  // Last: it changes a password for real.
  it("a password change changes the caller's own password, whatever user the form names", async () => {
    const hashOf = (userId: number) =>
      (deps.db.$client.prepare("select password_hash as hash from users where id = ?").get(userId) as { hash: string }).hash;
    const uralHash = hashOf(actorOf(uralAdmin).userId);
    const moscowHash = hashOf(actorOf(moscowAdmin).userId);
    const outcome = await callRoute(
      "routes/account.password",
      "action",
      post(moscowAdmin, "/account/password", {
        userId: String(actorOf(uralAdmin).userId),
        regionCode: "ural",
        currentPassword: "Vector2026demo",
        newPassword: "Moskva-Kabinet-2027",
        confirmPassword: "Moskva-Kabinet-2027",
      }),
    );
    expect(outcome).toMatchObject({ status: 302, location: "/cabinet?changed=1" });
    expect(hashOf(actorOf(moscowAdmin).userId)).not.toBe(moscowHash);
    expect(hashOf(actorOf(uralAdmin).userId)).toBe(uralHash);
  });
});
