// What the built server (Express in front of Remix, as deployed) sends, over plain HTTP: the
// security headers on every page and every page-data (.data) request; `Cache-Control: no-store`
// on every personal page, download and their .data requests; and a cross-origin POST answered
// 403 with the "page is out of date" page in the visitor's language — never a 500 — while the
// configured public origin is accepted even when a proxy in front rewrites the Host.
// The routes come from Remix's own manifest, so a new page is checked without editing this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillRoutePath, type ManifestRoute, remixRouteManifest } from "../app/testing/route-manifest";
import { applyOverHttp, CookieJar, hiddenFields, httpGet, logInOverHttp, orderDetailsOverHttp, ownLineId, type Portal, rawPost, startPortal } from "./harness";

let portal: Portal;
import { bulkChangeOverHttp } from "./harness";

const visitors: Record<"logged out" | "office staff" | "company administrator", CookieJar> = {
  "logged out": new CookieJar(),
  "office staff": new CookieJar(),
  "company administrator": new CookieJar(),
};
const params: Record<string, string> = {};

beforeAll(async () => {
  portal = await startPortal();
  const { baseUrl } = portal;
  await httpGet(baseUrl, "/", visitors["logged out"]);
  visitors["office staff"] = (await logInOverHttp(baseUrl, "ural", "staff", "Office2026demo")).jar;
  visitors["company administrator"] = (await logInOverHttp(baseUrl, "ural", "vector", "Vector2026demo")).jar;
  // An application of the office's region, from its queue.
  const queue = await (await httpGet(baseUrl, "/office", visitors["office staff"])).text();
  const id = /href="\/office\/applications\/(\d+)"/.exec(queue)?.[1];
  if (!id) throw new Error("no application in the office queue");
  params.id = id;
  // A receipt token: the applicant's own, from submitting the form.
  params.token = await applyOverHttp(baseUrl, "headers-test@example.com");
  // A line of the administrator's own company.
  params.lineId = await ownLineId(baseUrl, visitors["company administrator"]);
  // A bulk change preview of the administrator's company (/cabinet/bulk/$bulkChangeId and its reports).
  params.bulkChangeId = await bulkChangeOverHttp(baseUrl, visitors["company administrator"]);
  // A call-detail order of the administrator's company, its file ready.
  params.orderId = await orderDetailsOverHttp(baseUrl, visitors["company administrator"]);
  // A department of the administrator's company, from the limits page's links.
  params.departmentId = /href="\/cabinet\/limits\/departments\/(\d+)"/.exec(await (await httpGet(baseUrl, "/cabinet/limits", visitors["company administrator"])).text())?.[1] ?? "";
});
afterAll(async () => {
  await portal?.stop();
});

const manifest = remixRouteManifest();

/** The single-fetch data URL of a page, as the browser's Remix runtime asks for it. */
const dataUrlOf = (path: string) => (path === "/" ? "/_root.data" : `${path.replace(/\/$/, "")}.data`);

function expectSecurityHeaders(response: Response, what: string) {
  expect(response.headers.get("X-Frame-Options"), what).toBe("DENY");
  expect(response.headers.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy"), what).toBe("same-origin");
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toMatch(/script-src 'self'( 'nonce-[^']+')?;/);
}

/**
 * Personal: the route sends a logged-out visitor to the login page, or its URL holds a capability
 * token (the applicant's receipt and PDF). Such pages must never be kept by a browser or a cache.
 */
async function personalRoutes(): Promise<ManifestRoute[]> {
  const personal: ManifestRoute[] = [];
  for (const route of manifest) {
    if (route.path.includes(":token")) {
      personal.push(route);
      continue;
    }
    const response = await httpGet(portal.baseUrl, fillRoutePath(route.path, params), visitors["logged out"].copy());
    if (response.status === 302 && (response.headers.get("Location") ?? "").startsWith("/login")) personal.push(route);
  }
  return personal;
}

describe("headers from the built server", () => {
  it("sends the security headers on every page (with the page's script nonce) and every .data request", async () => {
    const pages: string[] = [];
    for (const route of manifest) {
      const path = fillRoutePath(route.path, params);
      for (const [who, jar] of Object.entries(visitors)) {
        const page = await httpGet(portal.baseUrl, path, jar.copy(), { Accept: "text/html" });
        const html = (page.headers.get("Content-Type") ?? "").startsWith("text/html") ? await page.text() : null;
        if (html !== null) {
          const what = `${who}: GET ${path} (${page.status})`;
          expectSecurityHeaders(page, what);
          // Every inline script runs only because it carries this response's nonce.
          const nonce = /'nonce-([^']+)'/.exec(page.headers.get("Content-Security-Policy") ?? "")?.[1];
          expect(nonce, what).toBeTruthy();
          const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
          expect(scripts.length, what).toBeGreaterThan(0);
          for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
          pages.push(what);
        }
        const data = await httpGet(portal.baseUrl, dataUrlOf(path), jar.copy());
        expectSecurityHeaders(data, `${who}: GET ${dataUrlOf(path)} (${data.status})`);
      }
    }
    expect(pages.length).toBeGreaterThanOrEqual(20);
  }, 300_000);

  it("marks every personal page, download and their .data requests no-store, for whoever asks", async () => {
    const personal = await personalRoutes();
    const paths = personal.map((r) => r.path);
    // The pages the issue names, so that a change in how "personal" is found cannot empty the list.
    expect(paths).toEqual(
      expect.arrayContaining([
        "/office",
        "/office/applications/:id",
        "/office/applications/:id/form.pdf",
        "/office/verify",
        "/cabinet",
        "/cabinet/audit",
        "/dev/sms",
        "/account/password",
        "/apply/done/:token",
        "/apply/done/:token/form.pdf",
      ]),
    );
    const missing: string[] = [];
    for (const route of personal) {
      const path = fillRoutePath(route.path, params);
      let served = 0;
      for (const [who, jar] of Object.entries(visitors)) {
        for (const url of [path, dataUrlOf(path)]) {
          const response = await httpGet(portal.baseUrl, url, jar.copy());
          if (response.status === 200) served++;
          // Checked: whatever shows the route's content (2xx), and every page or page data whatever its
          // status, since the layout carries the visitor's name and CSRF token. Not checked: redirects
          // to the login page, and a download route's bare 404 to a visitor it is not for (no body).
          const isPage = (response.headers.get("Content-Type") ?? "").startsWith("text/html");
          if (response.status >= 300 && response.status < 400) continue;
          if (response.status >= 400 && !isPage && !url.endsWith(".data")) continue;
          const cacheControl = response.headers.get("Cache-Control") ?? "(none)";
          if (!/\bno-store\b/.test(cacheControl)) missing.push(`${who}: GET ${url} ${response.status} Cache-Control: ${cacheControl}`);
          await response.arrayBuffer();
        }
      }
      // Each personal route was really served to someone, so its headers were really looked at.
      expect(served, `${route.id} was served to nobody`).toBeGreaterThan(0);
    }
    expect(missing).toEqual([]);
    // Every personal route, as every visitor, page and data: minutes on a busy machine.
  }, 300_000);

  it("serves the downloads as attachments or inline PDFs, no-store, nosniff", async () => {
    for (const [path, jar] of [
      [`/office/applications/${params.id}/form.pdf`, visitors["office staff"]],
      [`/apply/done/${params.token}/form.pdf`, visitors["logged out"]],
    ] as const) {
      const response = await httpGet(portal.baseUrl, path, jar.copy());
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Content-Type"), path).toBe("application/pdf");
      expect(response.headers.get("Cache-Control"), path).toMatch(/\bno-store\b/);
      expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    }
    const details = await httpGet(portal.baseUrl, `/cabinet/details/${params.orderId}/download`, visitors["company administrator"].copy());
    expect(details.status).toBe(200);
    expect(details.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(details.headers.get("Content-Disposition")).toMatch(/^attachment; filename="detailing-\d{8}-\d{8}\.csv"$/);
    expect(details.headers.get("Cache-Control")).toBe("private, no-store");
    expect(details.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(Buffer.from(await details.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});


/** The language a page declares (`<html lang>`). */
const langOf = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];

describe("a POST from another origin", () => {
  /** A visitor who opened the login page: its cookies and the form's fields with a wrong password. */
  async function loginForm(jar = new CookieJar()) {
    const { csrf } = hiddenFields(await (await httpGet(portal.baseUrl, "/login?region=ural", jar)).text());
    return { jar, body: new URLSearchParams({ csrf: csrf ?? "", regionCode: "ural", login: "staff", password: "Office2026demo" }).toString() };
  }

  it("answers 403 with the 'page is out of date' page in Russian, and in English, without a stack in the log", async () => {
    const logBefore = portal.output().length;
    const { jar, body } = await loginForm();
    const russian = await rawPost(portal.baseUrl, "/login", { Cookie: jar.header(), Origin: "https://evil.example" }, body);
    expect(russian.status).toBe(403);
    expect(russian.headers["content-type"]).toMatch(/^text\/html/);
    expect(langOf(russian.text)).toBe("ru");
    expect(russian.text.includes("Страница устарела или открыта с другого сайта"), "the Russian text").toBe(true);
    expect(russian.headers["set-cookie"] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining("__session=")]));

    const english = await loginForm();
    await httpGet(portal.baseUrl, "/lang?to=en&back=/", english.jar);
    const answer = await rawPost(portal.baseUrl, "/login", { Cookie: english.jar.header(), Origin: "https://evil.example" }, english.body);
    expect(answer.status).toBe(403);
    // The visitor chose English: the refusal is in English too (the page's language and its text).
    expect(langOf(answer.text), "the 403 page's language for an English visitor").toBe("en");
    expect(answer.text.includes("The page is out of date or was opened from another site"), "the English text").toBe(true);

    // The same from the browser's Remix runtime (a single-fetch action request): 403, not 500.
    const data = await rawPost(portal.baseUrl, "/login.data", { Cookie: jar.header(), Origin: "https://evil.example" }, body);
    expect(data.status).toBe(403);

    const log = portal.output().slice(logBefore);
    expect(log).not.toMatch(/^\s+at /m);
    expect(log).not.toMatch(/\b500\b/);
  });

  it("is refused when the browser marks it cross-site, even with the right token and no Origin", async () => {
    const { jar, body } = await loginForm();
    const answer = await rawPost(portal.baseUrl, "/login", { Cookie: jar.header(), "Sec-Fetch-Site": "cross-site" }, body);
    expect(answer.status).toBe(403);
    expect(answer.text.includes("Страница устарела или открыта с другого сайта"), "the Russian text").toBe(true);
  });

  it("is let in from the configured public origin when a proxy in front rewrote the Host", async () => {
    const { jar, body } = await loginForm();
    const answer = await rawPost(
      portal.baseUrl,
      "/login",
      { Cookie: jar.header(), Origin: portal.baseUrl, Host: "cabinet-web.internal:8080", "Sec-Fetch-Site": "same-origin" },
      body,
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe("/office");
    expect(String(answer.headers["set-cookie"])).toContain("__session=");
  });

  it("is refused from a look-alike of the public origin (another port, another scheme)", async () => {
    const publicUrl = new URL(portal.baseUrl);
    for (const origin of [`${publicUrl.protocol}//${publicUrl.hostname}:1`, `https://${publicUrl.host}`]) {
      const { jar, body } = await loginForm();
      const answer = await rawPost(portal.baseUrl, "/login", { Cookie: jar.header(), Origin: origin, Host: "cabinet-web.internal:8080" }, body);
      expect(answer.status, origin).toBe(403);
    }
  });
});
