// Spending reports in chromium, as Ural's АО «Вектор» administrator: the month's total on the page,
// in the CSV and in the XLSX equal the rated usage in the portal's own database file (opened
// read-only), to the kopeck; the previous month chosen and the lines narrowed to a department
// without JavaScript; the month chosen with the keyboard alone. Screenshots at desktop and phone
// width go to $SCREENSHOT_DIR (default: the system's temp folder).
import { tmpdir } from "node:os";
import { join } from "node:path";
import { billingMonthStart } from "@cabinet/domain";
import { readSpreadsheetRows } from "@cabinet/domain/testing";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CookieJar, logInOverHttp, type Portal, startPortal } from "./harness";

let portal: Portal;
let jar: CookieJar;
const contexts: BrowserContext[] = [];
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();
const ZONE = "Asia/Yekaterinburg";

beforeAll(async () => {
  portal = await startPortal();
  ({ jar } = await logInOverHttp(portal.baseUrl, "ural", "vector", "Vector2026demo"));
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await portal?.stop();
});

async function adminPage(options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await portal.browser.newContext(options);
  contexts.push(context);
  await context.addCookies(jar.forBrowser(portal.baseUrl));
  return context.newPage();
}

/** `202611` → `2026-11`, as the report's URL writes a month. */
const monthParam = (month: number) => `${Math.floor(month / 100)}-${String(month % 100).padStart(2, "0")}`;
const previousMonth = (month: number) => (month % 100 === 1 ? month - 89 : month - 1);
/** `1 234,50 ₽` or `1234,50` → 123450. */
const kopecks = (text: string) => {
  const match = /(-?)([\d\s\u00a0\u202f]+),(\d\d)/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  return (match[1] ? -1 : 1) * (Number((match[2] as string).replace(/\D/g, "")) * 100 + Number(match[3]));
};

/** The company's rated usage charges in a billing month of Ural, straight from `usage_events`. */
function ratedTotal(month: number): number {
  const next = month % 100 === 12 ? month + 89 : month + 1;
  const db = new Database(portal.databasePath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `select coalesce(sum(e.charge), 0) from usage_events e join lines l on l.id = e.line_id
         join users u on u.company_id = l.company_id and u.region_code = l.region_code
         where u.login = 'vector' and u.region_code = 'ural' and e.started_at >= ? and e.started_at < ?`,
      )
      .pluck()
      .get(billingMonthStart(ZONE, month), billingMonthStart(ZONE, next)) as number;
  } finally {
    db.close();
  }
}

/** The current billing month in Ural, from the month picker's default. */
async function shownMonth(page: Page): Promise<number> {
  return Number((await page.getByLabel("Расчётный месяц").inputValue()).replace("-", ""));
}

describe("spending reports", () => {
  it("the month's total on the page equals the rated usage; the previous month and a department without JavaScript", async () => {
    const page = await adminPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${portal.baseUrl}/cabinet/reports`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Отчёт о расходах");
    const month = await shownMonth(page);
    expect(kopecks((await page.getByTestId("report-total").textContent()) ?? "")).toBe(ratedTotal(month));
    await page.screenshot({ path: join(screenshots, "reports-desktop.png"), fullPage: true });

    // The previous month, chosen in the GET form: a full month of demo history, compared with the one before.
    const previous = previousMonth(month);
    await page.getByLabel("Расчётный месяц").selectOption(monthParam(previous));
    await page.getByRole("form", { name: "Выбор месяца" }).getByRole("button", { name: "Показать" }).click();
    await page.waitForURL((url) => url.searchParams.get("month") === monthParam(previous));
    const total = kopecks((await page.getByTestId("report-total").textContent()) ?? "");
    expect(total).toBeGreaterThan(0);
    expect(total).toBe(ratedTotal(previous));
    // The departments' table adds up to the same total (its last row).
    const departmentsTotal = page.getByRole("table", { name: "По отделам" }).locator("tfoot td").nth(6);
    expect(kopecks((await departmentsTotal.textContent()) ?? "")).toBe(total);

    // The lines of one department, still without JavaScript.
    const lines = page.getByRole("form", { name: "Отбор сотрудников" });
    await lines.getByLabel("Отдел").selectOption({ label: "Продажи" });
    await lines.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL((url) => url.searchParams.has("department"));
    await expect(page.getByRole("heading", { name: "По сотрудникам: Продажи" }).count()).resolves.toBe(1);
    const rows = page.getByRole("table", { name: "По сотрудникам" }).locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain("· Продажи");
    expect(new URL(page.url()).searchParams.get("month")).toBe(monthParam(previous));
  });

  it("the CSV and XLSX downloads are private and add up to the rated usage to the kopeck", async () => {
    const page = await adminPage();
    await page.goto(`${portal.baseUrl}/cabinet/reports`);
    const month = previousMonth(await shownMonth(page));
    const rated = ratedTotal(month);

    const csv = await page.request.get(`${portal.baseUrl}/cabinet/reports.csv?month=${monthParam(month)}&table=lines`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["cache-control"]).toBe("private, no-store");
    expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="spending-lines-${monthParam(month)}.csv"`);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n").map((line) => line.split(";"));
    expect(records[0]?.slice(0, 3)).toEqual(["Номер", "Сотрудник", "Отдел"]);
    expect(records[0]?.[7]).toBe("Итого, ₽");
    const body = records.slice(1, -1);
    expect(body.reduce((sum, row) => sum + kopecks(row[7] as string), 0)).toBe(rated);
    expect(records.at(-1)?.[0]).toBe("Итого");
    expect(kopecks(records.at(-1)?.[7] as string)).toBe(rated);

    const xlsx = await page.request.get(`${portal.baseUrl}/cabinet/reports.xlsx?month=${monthParam(month)}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["cache-control"]).toBe("private, no-store");
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const sheets = await readSpreadsheetRows(await xlsx.body());
    expect(Object.keys(sheets)).toEqual(["Отделы", "Сотрудники"]);
    for (const [name, totalColumn] of [["Отделы", 6], ["Сотрудники", 7]] as const) {
      const rows = sheets[name] as unknown[][];
      expect(rows.at(-1)?.[0]).toBe("Итого");
      expect(Math.round((rows.at(-1)?.[totalColumn] as number) * 100)).toBe(rated);
      expect(rows.slice(1, -1).reduce((sum: number, row) => sum + Math.round((row[totalColumn] as number) * 100), 0)).toBe(rated);
    }
  });

  it("works with the keyboard alone, and reads on a phone", async () => {
    const page = await adminPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${portal.baseUrl}/cabinet/reports`);
    const month = await shownMonth(page);
    // From the month picker: the next month down, Tab to its button, Enter.
    await page.getByLabel("Расчётный месяц").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Показать");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("month") === monthParam(previousMonth(month)));
    // With JavaScript the page changes in place: wait for the new month's figures.
    await expect.poll(async () => kopecks((await page.getByTestId("report-total").textContent()) ?? "")).toBe(ratedTotal(previousMonth(month)));
    await page.screenshot({ path: join(screenshots, "reports-phone.png"), fullPage: true });
  });
});
