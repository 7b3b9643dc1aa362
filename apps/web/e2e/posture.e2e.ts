// What a security review found in front of the app (Express and Remix), tested over real HTTP
// against the built server: cross-origin POSTs, open redirects, body caps, 404 logging, NUL bytes.
import { get as httpGet } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Portal, rawPost, startPortal } from "./harness";

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

/** A visitor with a cookie jar of one CSRF cookie (and a session once logged in). */
async function visitor(path = "/login?region=ural") {
  const response = await fetch(`${portal.baseUrl}${path}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const html = await response.text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  return { cookie: cookies.join("; "), token };
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string>) {
  return fetch(`${portal.baseUrl}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers,
    redirect: "manual",
  });
}


describe("a POST from another origin", () => {
  it("answers 403 with the 'page is out of date' page, not a 500, on pages and page data", async () => {
    const { cookie, token } = await visitor();
    const fields = { csrf: token, regionCode: "ural", login: "staff", password: "Office2026demo" };
    const page = await post("/login", fields, { Cookie: cookie, Origin: "http://evil.example" });
    expect(page.status).toBe(403);
    expect(page.headers.get("set-cookie") ?? "").not.toContain("__session");
    expect(await page.text()).toContain("Страница устарела или открыта с другого сайта");

    const pageData = await post("/login.data", fields, { Cookie: cookie, Origin: "http://evil.example" });
    expect(pageData.status).toBe(403);
    expect(pageData.headers.get("set-cookie") ?? "").not.toContain("__session");
    expect(portal.output()).not.toContain("does not match `origin`");
  });

  it("is accepted from the configured public origin when a proxy rewrote Host", async () => {
    const { cookie, token } = await visitor();
    const body = new URLSearchParams({ csrf: token, regionCode: "ural", login: "staff", password: "Office2026demo" });
    const response = await rawPost(
      portal.baseUrl,
      "/login",
      { Cookie: cookie, Host: "cabinet-internal:8080", Origin: portal.baseUrl },
      body.toString(),
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/office");
  });

  it("changes nothing when the Origin is foreign, even with a valid token", async () => {
    const { cookie, token } = await visitor("/apply");
    const response = await post(
      "/apply",
      {
        csrf: token,
        regionCode: "ural",
        companyName: "ООО «Чужой сайт»",
        ownerName: "Иванов Иван Иванович",
        accountNumber: "555000111",
        numbers: "+7 912 000-11-22",
        contactNumber: "+7 912 000-11-22",
        email: "evil@example.com",
        representativeName: "Иванов Иван Иванович",
        submissionKey: "cross-origin-0000000001",
      },
      { Cookie: cookie, Origin: "http://evil.example" },
    );
    expect(response.status).toBe(403);
    // The outbox is polled every 200 ms here: an application stored would have mailed its receipt by now.
    await new Promise((r) => setTimeout(r, 1500));
    expect(portal.smtp.received.filter((mail) => mail.to.includes("evil@example.com"))).toEqual([]);
  });
});

describe("redirects to a user-given target", () => {
  it.each([
    "/%5Cevil.example",
    "/%09/evil.example",
    "//evil.example",
    "/.//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
  ])("the language switch never leaves the site: back=%s", async (back) => {
    const response = await fetch(`${portal.baseUrl}/lang?to=en&back=${back}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });

  it("the language switch goes back to a page of this site", async () => {
    const response = await fetch(`${portal.baseUrl}/lang?to=en&back=${encodeURIComponent("/apply/status?x=1")}`, {
      redirect: "manual",
    });
    expect(response.headers.get("location")).toBe("/apply/status?x=1");
  });

  it("after logging in, a dot-segment trick in next lands on the user's home", async () => {
    const { cookie, token } = await visitor("/login?region=ural&next=/.//evil.example");
    const response = await post(
      "/login",
      { csrf: token, regionCode: "ural", login: "staff", password: "Office2026demo", next: "/.//evil.example" },
      { Cookie: cookie, Origin: portal.baseUrl },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/office");
  });
});

describe("logs and pages", () => {
  it("a 404 is one short log line, without the query string", async () => {
    const response = await fetch(`${portal.baseUrl}/no-such-page-here?login=secret-login`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Страница не найдена");
    await new Promise((r) => setTimeout(r, 200));
    const lines = portal.output().split("\n");
    const mentions = lines.filter((line) => line.includes("no-such-page-here"));
    expect(mentions).toEqual(["[cabinet] 404 GET /no-such-page-here"]);
    expect(portal.output()).not.toContain("secret-login");
    expect(portal.output()).not.toMatch(/^\s+at /m);
  });

  it("pages with long Cyrillic text carry no NUL byte", async () => {
    for (const path of ["/", "/apply", "/apply/status", "/login?region=ural", "/login/forgot?region=ural"]) {
      const bytes = new Uint8Array(await (await fetch(`${portal.baseUrl}${path}`)).arrayBuffer());
      expect(bytes.length, path).toBeGreaterThan(2048);
      expect(bytes.indexOf(0), path).toBe(-1);
    }
  });
});

// Last: these leave connections half-read, which a keep-alive pool must not reuse for later tests.
describe("request bodies", () => {
  it("a form over its cap gets the 413 page in the user's language, and nothing is echoed back", async () => {
    const { cookie, token } = await visitor("/apply");
    const response = await post(
      "/apply",
      { csrf: token, regionCode: "ural", companyName: "Я".repeat(100_000) },
      { Cookie: cookie, Origin: portal.baseUrl },
    );
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain("Слишком большой запрос");
    expect(html).toContain("64 КБ");
    expect(html.length).toBeLessThan(50_000);
  });

  it.each([
    ["a 50 MB body (refused in front of the app)", 50 * 1024 * 1024, "Request too large"],
    ["a 1 MB numbers field (refused by the form's cap)", 1024 * 1024, "Слишком большой запрос"],
  ])("%s is answered 413 before the body is sent, and other pages stay fast", async (_name, declared, text) => {
    // No cookie needed: the size is refused before the form (and its CSRF token) is looked at.
    const answer = await declareBodyAndSendLittle("/apply", declared, { Origin: portal.baseUrl });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain(text);
    expect(await statusOnNewConnection("/healthz")).toBe(200);
  });
});

/** A GET on a connection of its own (not one a keep-alive pool may have let go stale). */
function statusOnNewConnection(path: string) {
  return new Promise<number>((resolve, reject) => {
    httpGet(`${portal.baseUrl}${path}`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", reject);
  });
}

/**
 * Declares a large body, sends its first kilobyte and waits: a server that read before refusing
 * would wait for the rest; ours answers at once. Returns the raw response.
 */
function declareBodyAndSendLittle(path: string, declaredBytes: number, headers: Record<string, string>) {
  const url = new URL(portal.baseUrl);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      const head = [
        `POST ${path} HTTP/1.1`,
        `Host: ${url.host}`,
        "Content-Type: application/x-www-form-urlencoded",
        `Content-Length: ${declaredBytes}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        "",
        "",
      ].join("\r\n");
      socket.write(`${head}numbers=${"9".repeat(1024)}`);
    });
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("</html>")) socket.destroy();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", (error) => (answer ? resolve(answer) : reject(error)));
    setTimeout(() => socket.destroy(), 5_000);
  });
}
