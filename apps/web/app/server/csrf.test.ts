// The CSRF check, against the real actions: every action in Remix's route manifest has a genuine
// submission here that works from our own page, and refuses the same submission forged — without
// the form's token, without the cookie, with another browser's token, from a foreign Origin, or
// marked cross-site by the browser (Sec-Fetch-Site) — changing nothing in any table. A new action
// fails the first test until it has a row. (The cross-origin POST through Express, which Remix's own
// origin check used to answer with a 500, is tested against the built server in e2e/headers.e2e.ts.)
import { randomUUID } from "node:crypto";
import { type Actor, getApplicationPdfForOffice, listReviewQueue, previewBulkChange, seedDemoData } from "@cabinet/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { remixRouteManifest } from "~/testing/route-manifest";
import {
  anonymousVisitor,
  csrfCookieAndToken,
  installTestApp,
  loadRouteModule,
  loggedInVisitor,
  type Outcome,
  outcomeOf,
  snapshotDatabase,
  TEST_ORIGIN,
  type Visitor,
} from "~/testing/test-app";

const { deps } = installTestApp();
const manifest = remixRouteManifest();

interface Submission {
  visitor: Visitor;
  path: string;
  params?: Record<string, string>;
  fields: Record<string, string | File>;
  /** What the genuine POST does: shown to hold, so that a refusal is the CSRF check's doing. */
  accepted: (outcome: Outcome) => void;
}

interface PostShape {
  cookie: string;
  /** The form's csrf field; null leaves it out. */
  token: string | null;
  headers?: Record<string, string>;
  /** Where the request arrived, when a proxy in front rewrote the Host (default: our origin). */
  url?: string;
}

function postOf(submission: Submission, shape: PostShape): Request {
  const body = new FormData();
  if (shape.token !== null) body.set("csrf", shape.token);
  for (const [name, value] of Object.entries(submission.fields)) body.set(name, value);
  return new Request(`${shape.url ?? TEST_ORIGIN}${submission.path}`, {
    method: "POST",
    body,
    headers: { Cookie: shape.cookie, ...shape.headers },
  });
}

const withoutCsrfCookie = (cookie: string) =>
  cookie
    .split("; ")
    .filter((part) => part && !part.startsWith("csrf="))
    .join("; ");

/** The ways a page on another site (or a stale page) can try to make a browser POST to us. */
const forgeries: Record<string, (s: Submission, other: { token: string }) => PostShape> = {
  "no token in the form": (s) => ({ cookie: s.visitor.cookie, token: null, headers: { Origin: TEST_ORIGIN } }),
  "no CSRF cookie": (s) => ({
    cookie: withoutCsrfCookie(s.visitor.cookie),
    token: s.visitor.csrf,
    headers: { Origin: TEST_ORIGIN },
  }),
  "another browser's token (its cookie's value, not this one's)": (s, other) => ({
    cookie: s.visitor.cookie,
    token: other.token,
    headers: { Origin: TEST_ORIGIN },
  }),
  "a cross-site Origin, with the right token": (s) => ({
    cookie: s.visitor.cookie,
    token: s.visitor.csrf,
    headers: { Origin: "https://evil.example" },
  }),
  "an Origin on another port of our host": (s) => ({
    cookie: s.visitor.cookie,
    token: s.visitor.csrf,
    headers: { Origin: `${TEST_ORIGIN}:8443` },
  }),
  "Sec-Fetch-Site: cross-site, with the right token": (s) => ({
    cookie: s.visitor.cookie,
    token: s.visitor.csrf,
    headers: { "Sec-Fetch-Site": "cross-site" },
  }),
  "Sec-Fetch-Site: same-site (a sibling subdomain), with the right token": (s) => ({
    cookie: s.visitor.cookie,
    token: s.visitor.csrf,
    headers: { "Sec-Fetch-Site": "same-site" },
  }),
};

const genuine = (s: Submission): PostShape => ({
  cookie: s.visitor.cookie,
  token: s.visitor.csrf,
  headers: { Origin: TEST_ORIGIN, "Sec-Fetch-Site": "same-origin" },
});

async function send(routeId: string, submission: Submission, shape: PostShape): Promise<Outcome> {
  const route = manifest.find((r) => r.id === routeId);
  if (!route) throw new Error(`no route ${routeId} in Remix's manifest`);
  const action = (await loadRouteModule(route)).action;
  if (!action) throw new Error(`${routeId} has no action`);
  const request = postOf(submission, shape);
  return outcomeOf(() => action({ request, params: submission.params ?? {}, context: { clientAddress: "203.0.113.7" } }));
}

/**
 * Refused: 403 with the "page is out of date" page, or — on the public forms, which keep what the
 * visitor typed — 400 with the same message on the form; no session handed out either way.
 */
function expectRefused(outcome: Outcome, what: string) {
  const refused = outcome.status === 403 || (outcome.status === 400 && JSON.stringify(outcome.body).includes("csrf"));
  expect(refused, `${what}: ${JSON.stringify(outcome)}`).toBe(true);
  expect(outcome.setCookie ?? "", what).not.toContain("__session");
}

// ─── The genuine submissions: demo data, one per action ─────────────────────────────────────────
let submissions: Record<string, () => Promise<Submission>>;
let uralStaffActor: Actor;

beforeAll(async () => {
  await seedDemoData(deps);
  const uralStaff = await loggedInVisitor(deps, "ural", "staff", "Office2026demo");
  if (!uralStaff.actor) throw new Error("no actor");
  uralStaffActor = uralStaff.actor;
  const [submitted, another] = listReviewQueue(deps, uralStaffActor);
  if (!submitted || !another) throw new Error("demo applications missing");
  const pdf = getApplicationPdfForOffice(deps, uralStaffActor, submitted.id);

  submissions = {
    "routes/login": async () => ({
      visitor: await anonymousVisitor(),
      path: "/login",
      fields: { regionCode: "ural", login: "staff", password: "Office2026demo" },
      accepted: (o) => {
        expect(o).toMatchObject({ status: 302, location: "/office" });
        expect(o.setCookie).toContain("__session=");
      },
    }),
    "routes/login_.forgot": async () => ({
      visitor: await anonymousVisitor(),
      path: "/login/forgot",
      fields: { regionCode: "ural", login: "vector" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: "/login/forgot?sent=1&region=ural" }),
    }),
    "routes/apply._index": async () => ({
      visitor: await anonymousVisitor(),
      path: "/apply",
      fields: {
        regionCode: "ural",
        companyName: "ООО «Ромашка»",
        ownerName: "Ёлкина-Д'Арк Анна Петровна",
        accountNumber: "100200300",
        numbers: "+7 912 345-67-89",
        contactNumber: "+7 912 345-67-89",
        email: "csrf-test@example.com",
        representativeName: "Петров Пётр Петрович",
        submissionKey: randomUUID(),
      },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/apply\/done\//) }),
    }),
    "routes/apply.status": async () => ({
      visitor: await anonymousVisitor(),
      path: "/apply/status",
      fields: { reference: another.reference, email: "applicant2@example.com" },
      accepted: (o) => expect(JSON.stringify(o.body)).toContain('"status":"submitted"'),
    }),
    "routes/logout": async () => ({
      visitor: await loggedInVisitor(deps, "moscow", "staff", "Office2026demo"),
      path: "/logout",
      fields: { everywhere: "1" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: "/login" }),
    }),
    "routes/account.password": async () => ({
      visitor: await loggedInVisitor(deps, "moscow", "vector", "Vector2026demo"),
      path: "/account/password",
      fields: { currentPassword: "Vector2026demo", newPassword: "Moskva-Kabinet-2027", confirmPassword: "Moskva-Kabinet-2027" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: "/cabinet?changed=1" }),
    }),
    "routes/office.applications.$id": async () => ({
      visitor: await loggedInVisitor(deps, "ural", "staff", "Office2026demo"),
      path: `/office/applications/${submitted.id}`,
      params: { id: String(submitted.id) },
      fields: { intent: "approve", confirmFailedChecks: "yes", comment: "Проверено в офисе по документам" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: `/office/applications/${submitted.id}?done=approved` }),
    }),
    // ─── The line's page: a voluntary block of one of Ural's АО «Вектор» lines, from its current version.
    "routes/cabinet.lines.$lineId": async () => {
      const visitor = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
      const line = deps.db.$client
        .prepare("select id, version from lines where company_id = ? and region_code = 'ural' and terminated_at is null order by id limit 1")
        .get(visitor.actor?.companyId) as { id: number; version: number };
      return {
        visitor,
        path: `/cabinet/lines/${line.id}`,
        params: { lineId: String(line.id) },
        fields: { intent: "block", version: String(line.version), reason: "voluntary" },
        accepted: (o) => expect(o).toMatchObject({ status: 302, location: `/cabinet/lines/${line.id}?done=blockedVoluntary` }),
      };
    },
    // ─── The employee file: an upload of АО «Вектор»'s own file makes a preview (the apply is the same form pattern).
    "routes/cabinet.employees": async () => {
      const visitor = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
      const msisdn = deps.db.$client
        .prepare("select msisdn from lines where company_id = ? and region_code = 'ural' and terminated_at is null order by id limit 1")
        .pluck()
        .get(visitor.actor?.companyId) as string;
      return {
        visitor,
        path: "/cabinet/employees",
        fields: { intent: "upload", file: new File([`Номер;Сотрудник;Отдел\n${msisdn};Новое Имя;Продажи\n`], "staff.csv", { type: "text/csv" }) },
        accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/employees\?preview=[\w-]+$/) }),
      };
    },
    // ─── The lines list: "all lines matching this filter" of АО «Вектор» (a selection changes nothing yet).
    "routes/cabinet.lines._index": async () => ({
      visitor: await loggedInVisitor(deps, "ural", "vector", "Vector2026demo"),
      path: "/cabinet/lines?index",
      fields: { scope: "filter", status: "active" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: "/cabinet/bulk?scope=filter&status=active" }),
    }),
    // ─── Call details: an order of АО «Вектор»'s numbers as CSV (the job runs later, off the request).
    "routes/cabinet.details._index": async () => ({
      visitor: await loggedInVisitor(deps, "ural", "vector", "Vector2026demo"),
      path: "/cabinet/details?index",
      fields: { from: "2026-11-01", to: "2026-11-20", lines: "all", format: "csv", zip: "on", email: "vector@example.com" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/details\?ordered=\d+#orders$/) }),
    }),
    // ─── Bulk changes: a pasted number of АО «Вектор» onto another tariff makes a preview; applying a preview runs it as a job.
    "routes/cabinet.bulk": async () => {
      const visitor = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
      const msisdn = deps.db.$client
        .prepare("select msisdn from lines where company_id = ? and region_code = 'ural' and terminated_at is null order by id limit 1")
        .pluck()
        .get(visitor.actor?.companyId) as string;
      const tariffId = deps.db.$client.prepare("select id from tariffs where region_code = 'ural' and code = 'biz-chief'").pluck().get() as number;
      return {
        visitor,
        path: "/cabinet/bulk",
        fields: { source: "numbers", numbers: msisdn, tariffId: String(tariffId) },
        accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/bulk\/\d+$/) }),
      };
    },
    "routes/cabinet.bulk_.$bulkChangeId": async () => {
      const visitor = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
      const actor = visitor.actor as Actor;
      const lineIds = deps.db.$client.prepare("select id from lines where company_id = ? and terminated_at is null order by id limit 2").pluck().all(actor.companyId) as number[];
      const tariffId = deps.db.$client.prepare("select id from tariffs where region_code = 'ural' and code = 'biz-chief'").pluck().get() as number;
      const { bulkChangeId } = previewBulkChange(deps, actor, { source: { kind: "lines", lineIds }, tariffId });
      return {
        visitor,
        path: `/cabinet/bulk/${bulkChangeId}`,
        params: { bulkChangeId: String(bulkChangeId) },
        fields: { intent: "apply", effective: "next_month" },
        accepted: (o) => expect(o).toMatchObject({ status: 302, location: `/cabinet/bulk/${bulkChangeId}` }),
      };
    },
    // ─── Spending limits (issue 9): the company's warning percent, a department's limit, the limit
    // for all lines matching a filter, a limits file uploaded (its apply is the same form pattern).
    "routes/cabinet.limits._index": async () => ({
      visitor: await loggedInVisitor(deps, "ural", "vector", "Vector2026demo"),
      path: "/cabinet/limits?index",
      fields: { intent: "warning", warningPercent: "85" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/limits\?done=warning/) }),
    }),
    "routes/cabinet.limits.departments.$departmentId": async () => {
      const visitor = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
      const departmentId = String(deps.db.$client.prepare("select id from departments where company_id = ? order by id limit 1").pluck().get(visitor.actor?.companyId));
      return {
        visitor,
        path: `/cabinet/limits/departments/${departmentId}`,
        params: { departmentId },
        fields: { intent: "set", amount: "3000", policy: "notify" },
        accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(new RegExp(`^/cabinet/limits/departments/${departmentId}\\?done=department`)) }),
      };
    },
    "routes/cabinet.limits.selection": async () => ({
      visitor: await loggedInVisitor(deps, "ural", "vector", "Vector2026demo"),
      path: "/cabinet/limits/selection",
      fields: { intent: "set", scope: "filter", status: "active", amount: "1500,50", policy: "split" },
      accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/limits\/selection\?status=active&scope=filter&done=lines&lines=\d+/) }),
    }),
    "routes/cabinet.limits.file": async () => {
      const visitor = await loggedInVisitor(deps, "ural", "vector", "Vector2026demo");
      const msisdn = deps.db.$client
        .prepare("select msisdn from lines where company_id = ? and region_code = 'ural' and terminated_at is null order by id limit 1")
        .pluck()
        .get(visitor.actor?.companyId) as string;
      return {
        visitor,
        path: "/cabinet/limits/file",
        fields: { intent: "upload", file: new File([`Номер;Лимит;Политика\n${msisdn};2500;блокировать\n`], "limits.csv", { type: "text/csv" }) },
        accepted: (o) => expect(o).toMatchObject({ status: 302, location: expect.stringMatching(/^\/cabinet\/limits\/file\?preview=[\w-]+$/) }),
      };
    },
    "routes/office.verify": async () => ({
      visitor: await loggedInVisitor(deps, "ural", "staff", "Office2026demo"),
      path: "/office/verify",
      fields: { file: new File([new Uint8Array(pdf.bytes)], "form.pdf", { type: "application/pdf" }) },
      accepted: (o) => expect(JSON.stringify(o.body)).toContain('"result":"match"'),
    }),
  };
}, 60_000);

describe("CSRF check on every action", () => {
  it("has a genuine submission for every action in Remix's manifest", async () => {
    const actions: string[] = [];
    for (const route of manifest) if ((await loadRouteModule(route)).action) actions.push(route.id);
    expect(actions.length).toBeGreaterThanOrEqual(8);
    expect(actions.filter((id) => !submissions[id]), "add a genuine submission to csrf.test.ts").toEqual([]);
  });

  it("refuses every forged POST and changes nothing; the same POST from our own page goes through", async () => {
    for (const [routeId, makeSubmission] of Object.entries(submissions)) {
      const submission = await makeSubmission();
      const otherBrowser = await csrfCookieAndToken();
      expect(otherBrowser.token).not.toBe(submission.visitor.csrf);
      for (const [name, forge] of Object.entries(forgeries)) {
        const before = snapshotDatabase(deps);
        const outcome = await send(routeId, submission, forge(submission, otherBrowser));
        expectRefused(outcome, `${routeId}, ${name}`);
        // Nothing the forged form asked for is shown either (the status page answers nothing).
        expect(JSON.stringify(outcome.body ?? null), `${routeId}, ${name}`).not.toMatch(/"status":"submitted"|"result":"match"/);
        expect(snapshotDatabase(deps), `${routeId}, ${name}: the database changed`).toEqual(before);
      }
      const outcome = await send(routeId, submission, genuine(submission));
      try {
        submission.accepted(outcome);
      } catch (error) {
        throw new Error(`${routeId}, from our own page: ${(error as Error).message}\n${JSON.stringify(outcome)}`);
      }
    }
  }, 60_000);

  it("accepts the configured public origin when a proxy in front rewrote the Host", async () => {
    const submission = await submissions["routes/login"]!();
    const outcome = await send("routes/login", submission, {
      ...genuine(submission),
      url: "http://127.0.0.1:3000",
    });
    expect(outcome).toMatchObject({ status: 302, location: "/office" });
  });

  it("accepts a browser that sends no Origin and no Sec-Fetch-Site (older browsers), on the token alone", async () => {
    const submission = await submissions["routes/login"]!();
    const outcome = await send("routes/login", submission, { cookie: submission.visitor.cookie, token: submission.visitor.csrf });
    expect(outcome).toMatchObject({ status: 302, location: "/office" });
  });
});
