// Call details in chromium, as Ural's АО «Вектор» administrator: a ZIP of CSV details for one
// department ordered on the page, produced in the background, e-mailed through a real SMTP server
// (the harness's sink); the attachment unzipped and its rows checked against the lines' rated usage
// in the portal's own database file (opened read-only). Then the orders page with its download link,
// and a period before the earliest allowed day refused without JavaScript with the field's message.
// Screenshots at desktop and phone width go to $SCREENSHOT_DIR (default: the system's temp folder).
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserProfiles, exactLabel, logInInBrowser, type Portal, startPortal } from "./harness";

let portal: Portal;
const profiles = browserProfiles(() => portal);
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();
const EMAIL = "vector-details@example.com";
/** Ural's zone, Asia/Yekaterinburg: UTC+5 all year. */
const URAL_OFFSET_MS = 5 * 3_600_000;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await profiles.closeAll();
  await portal?.stop();
});

const personPage = profiles.newPage;

const exactly = exactLabel;

const logIn = (page: Page) => logInInBrowser(page, portal.baseUrl);

async function hydrated(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll("form")].some((f) => Object.keys(f).some((k) => k.startsWith("__reactProps"))));
}

/** A CSV of Excel's kind (`;`, CRLF, fields quoted when needed) as rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** `+79123456789` → `8 912 345-67-89`, as the CSV writes numbers (a cell starting with + is a formula to Excel). */
const written = (msisdn: string) => msisdn.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, "8 $1 $2-$3-$4");
/** UTC ms → `dd.mm.yyyy HH:mm:ss` in Ural. */
function uralTime(at: number): string {
  const d = new Date(at + URAL_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
/** `12,34` → 1234 kopecks. */
const kopecks = (roubles: string) => Math.round(Number(roubles.replace(/\s/g, "").replace(",", ".")) * 100);

describe("call details", () => {
  it("orders a ZIP of CSV details for one department; the e-mailed attachment lists exactly the department's rated usage", async () => {
    const page = await personPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page);
    await page.getByRole("navigation", { name: "Разделы кабинета" }).getByRole("link", { name: "Детализация" }).click();
    await page.waitForURL(`${portal.baseUrl}/cabinet/details`);
    await hydrated(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Детализация расходов");

    const from = await page.getByLabel(exactly("С")).inputValue();
    const to = await page.getByLabel(exactly("По")).inputValue();
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    await page.getByLabel("Номера отдела").check();
    const sales = await page.locator('select[name="department"] option', { hasText: "Продажи" }).getAttribute("value");
    await page.getByLabel(exactly("Отдел")).selectOption(sales ?? "");
    await page.getByLabel(/^CSV/).check();
    await page.getByLabel("Упаковать в архив ZIP").check();
    await page.getByLabel(exactly("Электронная почта")).fill(EMAIL);
    await page.screenshot({ path: join(screenshots, "details-order-desktop.png"), fullPage: true });
    await page.getByRole("button", { name: "Заказать" }).click();
    await page.waitForURL(/\/cabinet\/details\?ordered=\d+/);
    const orderId = /ordered=(\d+)/.exec(page.url())?.[1] as string;
    expect(await page.getByTestId("details-ordered").textContent()).toContain(`Заказ № ${orderId} принят`);
    // The list refreshes itself (with JavaScript: polling) until the file is ready.
    await page.getByTestId(`order-${orderId}-status`).getByText("Готово").waitFor({ timeout: 30_000 });
    const row = page.getByTestId(`order-${orderId}`);
    expect(await row.textContent()).toMatch(/CSV · ZIP/);
    expect(await row.textContent()).toContain("Отдел «Продажи»");
    await page.screenshot({ path: join(screenshots, "details-orders-desktop.png"), fullPage: true });

    // The e-mail, through real SMTP, with the ZIP attached.
    const mail = await portal.mailTo(EMAIL, `Детализация № ${orderId}`);
    expect(mail.text).toContain("отдел «Продажи»");
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0] as { filename: string; contentType: string; content: Buffer };
    expect(attachment.filename).toMatch(/^detailing-\d{8}-\d{8}\.zip$/);
    const entries = unzipSync(new Uint8Array(attachment.content));
    const names = Object.keys(entries);
    expect(names).toEqual([attachment.filename.replace(/\.zip$/, ".csv")]);
    const bytes = entries[names[0] as string] as Uint8Array;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    expect(header).toEqual(["Дата и время", "Номер", "Сотрудник", "Отдел", "Вид", "Другая сторона", "Длительность, с", "Объём, КБ", "Сумма, ₽"]);

    // The department's lines' rated usage in the period, from the portal's own database file.
    const db = new Database(portal.databasePath, { readonly: true, fileMustExist: true });
    const fromMs = Date.parse(`${from}T00:00:00Z`) - URAL_OFFSET_MS;
    const toMs = Date.parse(`${to}T00:00:00Z`) - URAL_OFFSET_MS + 86_400_000;
    const events = db
      .prepare(
        `select e.started_at as startedAt, l.msisdn, e.charge
         from usage_events e join lines l on l.id = e.line_id
         join departments d on d.id = l.department_id
         join users u on u.company_id = l.company_id and u.region_code = l.region_code
         where u.login = 'vector' and u.region_code = 'ural' and d.name = 'Продажи'
           and e.started_at >= ? and e.started_at < ?`,
      )
      .all(fromMs, toMs) as { startedAt: number; msisdn: string; charge: number }[];
    db.close();
    expect(events.length).toBeGreaterThan(10);
    expect(rows).toHaveLength(events.length);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(["Продажи"]));
    const fromFile = rows.map((r) => `${r[0]} ${r[1]} ${kopecks(r[8] as string)}`).sort();
    const fromDatabase = events.map((e) => `${uralTime(e.startedAt)} ${written(e.msisdn)} ${e.charge}`).sort();
    expect(fromFile).toEqual(fromDatabase);
    expect(rows.reduce((sum, r) => sum + kopecks(r[8] as string), 0)).toBe(events.reduce((sum, e) => sum + e.charge, 0));

    // The same file from the cabinet's download link.
    const download = await page.request.get(`${portal.baseUrl}/cabinet/details/${orderId}/download`);
    expect(download.status()).toBe(200);
    expect(download.headers()["cache-control"]).toBe("private, no-store");
    expect(Buffer.from(await download.body()).equals(attachment.content)).toBe(true);

    const phone = await personPage({ viewport: { width: 390, height: 844 } });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${portal.baseUrl}/cabinet/details`);
    await phone.screenshot({ path: join(screenshots, "details-orders-phone.png"), fullPage: true });
  });

  it("works without JavaScript: a day before the earliest is refused on its field naming that day; an order refreshes the list until it is ready", async () => {
    const page = await personPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await logIn(page);
    await page.goto(`${portal.baseUrl}/cabinet/details`);
    const hint = (await page.locator("#period-hint").textContent()) ?? "";
    const earliest = /с (\d{2}\.\d{2}\.\d{4})/.exec(hint)?.[1];
    expect(earliest).toBeTruthy();
    await page.getByLabel(exactly("С")).fill("2020-01-15");
    await page.getByLabel(exactly("Электронная почта")).fill(EMAIL);
    await page.getByRole("button", { name: "Заказать" }).click();
    await page.waitForLoadState("load");
    const from = page.getByLabel(exactly("С"));
    expect(await from.inputValue()).toBe("2020-01-15");
    expect(await from.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#field-from-error").textContent()).toBe(`Детализация доступна только с ${earliest}: выберите эту дату или позже`);
    await page.screenshot({ path: join(screenshots, "details-error-phone.png"), fullPage: true });

    // Ordered without JavaScript, the list refreshes itself (the page's refresh) until the file is ready.
    await page.getByLabel(exactly("С")).fill(`${earliest?.split(".").reverse().join("-")}`);
    await page.getByLabel(/^XLSX/).check();
    await page.getByRole("button", { name: "Заказать" }).click();
    await page.waitForURL(/\/cabinet\/details\?ordered=\d+/);
    const orderId = /ordered=(\d+)/.exec(page.url())?.[1] as string;
    const status = page.getByTestId(`order-${orderId}-status`);
    let reloads = 0;
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) reloads++;
    });
    // Six months of every line as XLSX takes a few seconds: the page first shows it being produced.
    const producing = /В очереди|Формируется/.test((await status.textContent()) ?? "");
    if (producing) expect(await page.locator('noscript meta[http-equiv="refresh"]').count()).toBe(1);
    await status.getByText("Готово").waitFor({ timeout: 60_000 });
    if (producing) expect(reloads).toBeGreaterThan(0);
    expect(await page.locator('noscript meta[http-equiv="refresh"]').count()).toBe(0);
    expect(await page.getByTestId(`order-${orderId}`).textContent()).toMatch(/XLSX/);

    // In English the same refusal speaks English.
    await page.getByRole("button", { name: "English" }).click();
    await page.goto(`${portal.baseUrl}/cabinet/details`);
    await page.getByLabel(exactly("From")).fill("2020-01-15");
    await page.getByLabel(exactly("E-mail")).fill(EMAIL);
    await page.getByRole("button", { name: "Order", exact: true }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("#field-from-error").textContent()).toBe(`Call details are available from ${earliest}: choose that date or later`);
  });
});
