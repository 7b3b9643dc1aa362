import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSmtpSink } from "@cabinet/mail/testing";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";

const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * The built portal (`node server.mjs`) on 127.0.0.1 in the start command's demo mode (demo data,
 * the development SMS page) with a fresh SQLite file, and a real SMTP server that keeps what it
 * receives; plus headless Debian chromium.
 */
export async function startPortal() {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-e2e-"));
  const smtp = await startSmtpSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: webRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      // The start command's demo: demo data, and SMS on the development page where the tests read them.
      DEMO_MODE: "on",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_PATH: join(dir, "cabinet.db"),
      SMTP_URL: smtp.url,
      SESSION_SECRET: "e2e-session-secret-0123456789abcdef0123",
      OUTBOX_POLL_MS: "200",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`portal exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`portal did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    baseUrl,
    smtp,
    browser,
    /** The portal's SQLite file: tests may read it (read-only) to check what a page or a file shows. */
    databasePath: join(dir, "cabinet.db"),
    output: () => output,
    /** Waits for the e-mail to `to` whose subject contains `subjectPart`. */
    async mailTo(to: string, subjectPart: string, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = smtp.received.find((m) => m.to.includes(to) && m.subject.includes(subjectPart));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no e-mail to ${to} about ${subjectPart}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      await browser.close();
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Portal = Awaited<ReturnType<typeof startPortal>>;

// ─── For tests about what a logged-in visitor gets, rather than about how they logged in ────────

/** A browser's cookies for the portal: name → value, kept from Set-Cookie headers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): this {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** For a Playwright browser context (`context.addCookies`). */
  forBrowser(baseUrl: string): { name: string; value: string; url: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value, url: baseUrl }));
  }

  copy(): CookieJar {
    const jar = new CookieJar();
    for (const [name, value] of this.cookies) jar.cookies.set(name, value);
    return jar;
  }
}

/** A GET with the jar's cookies; redirects are not followed, cookies are kept. */
export async function httpGet(baseUrl: string, path: string, jar: CookieJar, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { redirect: "manual", headers: { Cookie: jar.header(), ...headers } });
  jar.keep(response);
  return response;
}

/** A form POST from one of the portal's own pages (its Origin), with the jar's cookies; not followed. */
export async function httpPost(
  baseUrl: string,
  path: string,
  jar: CookieJar,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(fields),
    headers: { Cookie: jar.header(), Origin: baseUrl, ...headers },
  });
  jar.keep(response);
  return response;
}

/** The hidden fields of a page's forms (the CSRF token, a submission key), by name. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="hidden"/.test(tag)) continue;
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "";
    if (name) fields[name] = decodeHtml(value);
  }
  return fields;
}

function decodeHtml(text: string): string {
  const named: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code: string) => {
    if (code.startsWith("#x") || code.startsWith("#X")) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith("#")) return String.fromCodePoint(Number(code.slice(1)));
    return named[code] ?? entity;
  });
}

/**
 * Logs in as a browser without JavaScript does — the login page for its CSRF cookie and token, then
 * its form — and returns the cookies of the session. Throws when the login does not open a session
 * (wrong password, or a temporary password that must be changed first).
 */
export async function logInOverHttp(baseUrl: string, regionCode: string, login: string, password: string) {
  const jar = new CookieJar();
  const page = await httpGet(baseUrl, `/login?region=${encodeURIComponent(regionCode)}`, jar);
  const { csrf } = hiddenFields(await page.text());
  if (!csrf) throw new Error("the login page carries no CSRF token");
  const response = await httpPost(baseUrl, "/login", jar, { csrf, regionCode, login, password });
  const location = response.headers.get("Location") ?? "";
  if (response.status !== 302 || !jar.has("__session") || location.startsWith("/account/password")) {
    throw new Error(`log in ${login}@${regionCode}: ${response.status} → ${location || "(no redirect)"}`);
  }
  return { jar, home: location };
}

/**
 * Sends the access application as a browser without JavaScript does (the form's hidden fields,
 * its CSRF cookie) for the demo records of Ural's first account; returns the receipt token.
 */
export async function applyOverHttp(baseUrl: string, email = "applicant@example.com"): Promise<string> {
  const jar = new CookieJar();
  const form = hiddenFields(await (await httpGet(baseUrl, "/apply", jar)).text());
  const response = await httpPost(baseUrl, "/apply", jar, {
    ...form,
    regionCode: "ural",
    companyName: "ООО «Ромашка»",
    ownerName: "Ёлкина-Д'Арк Анна Петровна",
    accountNumber: "100200300",
    numbers: "+7 912 345-67-89",
    contactNumber: "+7 912 345-67-89",
    email,
    representativeName: "Петров Пётр Петрович",
  });
  const token = /^\/apply\/done\/([^/?]+)/.exec(response.headers.get("Location") ?? "")?.[1];
  if (!token) throw new Error(`the application was not taken: ${response.status} ${response.headers.get("Location") ?? ""}`);
  return token;
}

/**
 * The id of a line of the logged-in administrator's company, for tests that open a line's page by
 * URL: from a link to it on the lines list when there is one, else the first id whose page opens
 * (another company's line answers 404).
 */
export async function ownLineId(baseUrl: string, jar: CookieJar): Promise<string> {
  const list = await httpGet(baseUrl, "/cabinet/lines", jar);
  if (list.ok) {
    const linked = /href="\/cabinet\/lines\/(\d+)"/.exec(await list.text())?.[1];
    if (linked) return linked;
  }
  for (let id = 1; id <= 2000; id++) {
    const page = await httpGet(baseUrl, `/cabinet/lines/${id}`, jar);
    await page.arrayBuffer();
    if (page.status === 200) return String(id);
  }
  throw new Error("no line of the company opens");
}

/**
 * Orders call details of the logged-in administrator's company as a browser without JavaScript
 * does (this month, every line, CSV) and waits until the file is ready; returns the order's id.
 */
export async function orderDetailsOverHttp(baseUrl: string, jar: CookieJar, fields: Record<string, string> = {}): Promise<string> {
  const page = await (await httpGet(baseUrl, "/cabinet/details", jar)).text();
  const { csrf, from, to } = { ...hiddenFields(page), ...dateFields(page) };
  const response = await httpPost(baseUrl, "/cabinet/details?index", jar, {
    csrf: csrf ?? "",
    from: from ?? "",
    to: to ?? "",
    lines: "all",
    format: "csv",
    email: "details-test@example.com",
    ...fields,
  });
  const id = /[?&]ordered=(\d+)/.exec(response.headers.get("Location") ?? "")?.[1];
  if (!id) throw new Error(`the order was not taken: ${response.status} ${response.headers.get("Location") ?? ""}`);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const list = await (await httpGet(baseUrl, "/cabinet/details", jar)).text();
    if (list.includes(`href="/cabinet/details/${id}/download"`)) return id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`order ${id} was not ready within 30 s`);
}

/** The values of a page's date inputs, by name. */
function dateFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="date"/.test(tag)) continue;
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
    if (name && value) fields[name] = value;
  }
  return fields;
}

/**
 * A bulk change preview of the logged-in administrator's company, made as a browser without
 * JavaScript makes it: every line (the lines list's empty filter) onto the region's dearest tariff.
 * Returns its id (/cabinet/bulk/$bulkChangeId).
 */
export async function bulkChangeOverHttp(baseUrl: string, jar: CookieJar): Promise<string> {
  const page = await (await httpGet(baseUrl, "/cabinet/bulk", jar)).text();
  const tariffs = /<select[^>]*name="tariffId"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? "";
  const tariffId = [...tariffs.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]).pop() ?? "";
  const response = await httpPost(baseUrl, "/cabinet/bulk", jar, { csrf: hiddenFields(page).csrf ?? "", source: "filter", tariffId });
  const id = /^\/cabinet\/bulk\/(\d+)$/.exec(response.headers.get("Location") ?? "")?.[1];
  if (!id) throw new Error(`no bulk change preview: ${response.status} ${response.headers.get("Location") ?? ""}`);
  return id;
}

/** A raw HTTP request: unlike fetch, it may set any Host, as a proxy in front would. */
export function rawPost(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// ─── In the browser ─────────────────────────────────────────────────────────

/** A field's label as shown, without the required-field star. */
export const exactLabel = (label: string) => new RegExp(`^${label}( \\*)?$`);

/**
 * Separate browser profiles, each with its own cookies (another person on another computer),
 * closed together at the end of the file. `portal` is read when a page is opened (it is started in
 * the file's beforeAll).
 */
export function browserProfiles(portal: () => Portal) {
  const contexts: BrowserContext[] = [];
  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      const context = await portal().browser.newContext(options);
      contexts.push(context);
      return context.newPage();
    },
    async closeAll() {
      for (const context of contexts.splice(0)) await context.close();
    },
  };
}

/**
 * Logs in through the login page as a person would (choosing the region when the browser remembers
 * none) and waits to be let in; the demo administrator of АО «Вектор» unless told otherwise.
 */
export async function logInInBrowser(page: Page, baseUrl: string, login = "vector", password = "Vector2026demo", region = "ural") {
  await page.goto(`${baseUrl}/login`);
  if (await page.getByLabel("Регион регистрации SIM-карт").count()) {
    await page.getByLabel("Регион регистрации SIM-карт").selectOption(region);
    await page.getByRole("button", { name: "Далее" }).click();
  }
  await page.getByLabel(exactLabel("Логин")).fill(login);
  await page.getByLabel(exactLabel("Пароль")).fill(password);
  await page.getByRole("button", { name: "Продолжить" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
