// Every page passes an automated WCAG 2.1 AA audit (axe-core in chromium): every route of Remix's
// own manifest — so a new page is audited without editing this file — logged out, as office staff
// and as a company administrator, and the forms with their errors shown. axe is injected into the
// page; the test's browser context bypasses the CSP to allow it (the portal's own CSP rightly
// refuses any script without the response's nonce).
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillRoutePath, remixRouteManifest } from "../app/testing/route-manifest";
import { applyOverHttp, CookieJar, httpGet, logInOverHttp, orderDetailsOverHttp, ownLineId, type Portal, startPortal } from "./harness";

import { bulkChangeOverHttp } from "./harness";

const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let portal: Portal;
const jars: Record<string, CookieJar> = {};
const params: Record<string, string> = {};
/** Every application in the demo queue: their pages differ (checks passed or failed, decided or not). */
let applicationIds: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  portal = await startPortal();
  jars["logged out"] = new CookieJar();
  jars["office staff"] = (await logInOverHttp(portal.baseUrl, "ural", "staff", "Office2026demo")).jar;
  jars["company administrator"] = (await logInOverHttp(portal.baseUrl, "ural", "vector", "Vector2026demo")).jar;
  const queue = await (await httpGet(portal.baseUrl, "/office", jars["office staff"] as CookieJar)).text();
  const ids = [...new Set([...queue.matchAll(/href="\/office\/applications\/(\d+)"/g)].map((m) => m[1] as string))];
  if (!ids[0]) throw new Error("no application in the office queue");
  params.id = ids[0];
  applicationIds = ids;
  params.token = await applyOverHttp(portal.baseUrl, "a11y-test@example.com");
  params.lineId = await ownLineId(portal.baseUrl, jars["company administrator"] as CookieJar);
  // A bulk change preview of the administrator's company (/cabinet/bulk/$bulkChangeId and its reports).
  params.bulkChangeId = await bulkChangeOverHttp(portal.baseUrl, jars["company administrator"] as CookieJar);
  params.orderId = await orderDetailsOverHttp(portal.baseUrl, jars["company administrator"] as CookieJar);
  // A department of the administrator's company, from the limits page's links (/cabinet/limits/departments/$departmentId).
  params.departmentId = /href="\/cabinet\/limits\/departments\/(\d+)"/.exec(await (await httpGet(portal.baseUrl, "/cabinet/limits", jars["company administrator"] as CookieJar)).text())?.[1] ?? "";
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await portal?.stop();
});

async function pageAs(who: string): Promise<Page> {
  const context = await portal.browser.newContext({ bypassCSP: true });
  contexts.push(context);
  await context.addCookies((jars[who] as CookieJar).forBrowser(portal.baseUrl));
  return context.newPage();
}

/** The WCAG 2.1 A and AA violations axe finds on the page as it is now. */
async function audit(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: axeScript });
  return page.evaluate(async (tags) => {
    type AxeResult = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
    }));
  }, WCAG_21_AA);
}

function describeViolations(where: string, violations: Violation[]): string[] {
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(", ")}`);
}

/** Every URL of the manifest's routes, params filled from the demo data. */
function routeUrls(): string[] {
  const manifest = remixRouteManifest();
  // And a page that does not exist: the error page is a page too.
  return [...new Set([...manifest.map((route) => fillRoutePath(route.path, params)), "/no-such-page"])];
}

const SWEEP_TIMEOUT_MS = 300_000;

describe("accessibility (WCAG 2.1 AA, axe-core)", () => {
  for (const who of ["logged out", "office staff", "company administrator"]) {
    it(`every page, ${who}`, async () => {
      const page = await pageAs(who);
      const problems: string[] = [];
      const audited = new Set<string>();
      const extra = who === "office staff" ? ["/office?status=all", ...applicationIds.map((id) => `/office/applications/${id}`)] : [];
      for (const url of [...routeUrls(), ...extra]) {
        // Downloads and JSON are not pages; a page is whatever HTML the route ends up showing.
        const probe = await page.request.get(`${portal.baseUrl}${url}`);
        if (!(probe.headers()["content-type"] ?? "").startsWith("text/html")) continue;
        await page.goto(`${portal.baseUrl}${url}`, { waitUntil: "load" });
        const shown = new URL(page.url());
        const key = shown.pathname + shown.search;
        if (audited.has(key)) continue;
        audited.add(key);
        problems.push(...describeViolations(`${who} ${url}${key === url ? "" : ` → ${key}`}`, await audit(page)));
      }
      expect(audited.size).toBeGreaterThanOrEqual(who === "logged out" ? 6 : 4);
      expect(problems, `audited: ${[...audited].join(" ")}`).toEqual([]);
      // Every route of the manifest, one after another: minutes on a busy machine, not seconds.
    }, SWEEP_TIMEOUT_MS);
  }

  /**
   * Submits a form of the page with the given fields and the browser's own checks switched off,
   * as a user would after typing something wrong, and waits until the page shows the error.
   */
  async function submitWithErrors(page: Page, form: ReturnType<Page["locator"]>, fields: Record<string, string>) {
    await page.evaluate(() => {
      for (const f of document.querySelectorAll("form")) f.noValidate = true;
    });
    for (const [name, value] of Object.entries(fields)) await form.locator(`[name="${name}"]`).fill(value);
    await form.locator('button[type="submit"]').first().click();
    await page.locator('.field-error, [role="alert"], [aria-invalid="true"]').first().waitFor({ timeout: 15_000 });
  }

  it("the forms with their errors shown", async () => {
    const problems: string[] = [];
    const check = async (where: string, page: Page) => problems.push(...describeViolations(where, await audit(page)));
    const postForm = (page: Page) => page.locator('main form[method="post"]').first();

    const visitor = await pageAs("logged out");
    await visitor.goto(`${portal.baseUrl}/apply`);
    await submitWithErrors(visitor, postForm(visitor), {});
    await check("/apply, empty", visitor);
    await submitWithErrors(visitor, postForm(visitor), { companyName: "Ромашка", numbers: "12", email: "not-an-address" });
    await check("/apply, wrong values", visitor);

    await visitor.goto(`${portal.baseUrl}/apply/status`);
    await submitWithErrors(visitor, postForm(visitor), {});
    await check("/apply/status, empty", visitor);
    await submitWithErrors(visitor, postForm(visitor), { reference: "URL-2026-999999", email: "nobody@example.com" });
    await check("/apply/status, not found", visitor);

    await visitor.goto(`${portal.baseUrl}/login?region=ural`);
    await submitWithErrors(visitor, postForm(visitor), { login: "staff", password: "wrong-password" });
    await check("/login, wrong password", visitor);

    await visitor.goto(`${portal.baseUrl}/login/forgot?region=ural`);
    await submitWithErrors(visitor, postForm(visitor), {});
    await check("/login/forgot, empty", visitor);

    const staff = await pageAs("office staff");
    await staff.goto(`${portal.baseUrl}/office/verify`);
    await submitWithErrors(staff, staff.locator('main form[method="post"][enctype="multipart/form-data"]').first(), {});
    await check("/office/verify, no file", staff);

    await staff.goto(`${portal.baseUrl}/office/applications/${params.id}`);
    const reject = staff.locator("main form", { has: staff.locator('input[name="intent"][value="reject"]') });
    await submitWithErrors(staff, reject, {});
    await check(`/office/applications/${params.id}, reject without a reason`, staff);

    const admin = await pageAs("company administrator");
    await admin.goto(`${portal.baseUrl}/account/password`);
    await submitWithErrors(admin, postForm(admin), {
      currentPassword: "Vector2026demo",
      newPassword: "short",
      confirmPassword: "different",
    });
    await check("/account/password, too short and not repeated", admin);

    await admin.goto(`${portal.baseUrl}/cabinet/details`);
    await submitWithErrors(admin, postForm(admin), { from: "2020-01-15", email: "details-test@example.com" });
    await check("/cabinet/details, a day before the earliest allowed", admin);

    expect(problems).toEqual([]);
  });
});
