// The savings advice in chromium: ООО «Полюс-Логистик» (300 lines, three months of demo usage)
// sees its possible saving a month, the groups by recommended tariff and the lines that would save
// most; opens one group, unticks a line with the keyboard and takes the rest straight into the bulk
// change preview — with JavaScript and without. Screenshots at desktop and phone width go to
// $SCREENSHOT_DIR (default: the system's temp folder).
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserProfiles, logInInBrowser, type Portal, startPortal } from "./harness";

let portal: Portal;
const profiles = browserProfiles(() => portal);
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();

beforeAll(async () => {
  portal = await startPortal();
  // The larger demo companies' history is rated in the background after start: the advice reads all of it.
  const deadline = Date.now() + 420_000;
  for (;;) {
    const db = new Database(portal.databasePath, { readonly: true, fileMustExist: true });
    const pending = db.prepare("select count(*) from demo_history_runs where finished_at is null").pluck().get() as number;
    const runs = db.prepare("select count(*) from demo_history_runs").pluck().get() as number;
    db.close();
    if (runs > 0 && pending === 0) break;
    if (Date.now() > deadline) throw new Error("the demo history was not rated in time");
    await new Promise((r) => setTimeout(r, 1000));
  }
}, 450_000);
afterAll(async () => {
  await profiles.closeAll();
  await portal?.stop();
});

const roubles = /^\d{1,3}(?:[\u00a0\u202f ]\d{3})*,\d{2}[\u00a0\u202f ]₽$/;

const personPage = profiles.newPage;

const logIn = (page: Page, login: string, password: string) => logInInBrowser(page, portal.baseUrl, login, password);

const listRows = (page: Page) => page.locator("table[aria-labelledby='savings-list'] tbody tr");

describe("the savings advice", () => {
  it("shows ООО «Полюс-Логистик»'s possible saving, its groups and lines, and takes a group's ticked lines into the bulk preview", async () => {
    const page = await personPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, "polus", "Polus2026demo");
    await page.goto(`${portal.baseUrl}/cabinet`);
    await page.getByRole("navigation", { name: "Разделы кабинета" }).getByRole("link", { name: "Экономия" }).click();
    await page.waitForURL(`${portal.baseUrl}/cabinet/savings`);
    await page.getByRole("heading", { level: 1, name: "Экономия на тарифах" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Разделы кабинета" }).getByRole("link", { name: "Экономия" }).getAttribute("aria-current")).toBe("page");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Экономия на тарифах");
    // One plain sentence says how: which months, real usage.
    const how = (await page.locator(".lead").textContent()) ?? "";
    expect(how).toMatch(/^Мы пересчитали реальные звонки, SMS и интернет каждого номера за \S+ \d{4} г\. – \S+ \d{4} г\. \(полные расчётные месяцы по времени региона\)/);
    const total = (await page.locator("#savings-total").textContent()) ?? "";
    expect(total).toMatch(/^Компания могла бы экономить .+ в месяц$/);
    expect(total.replace(/^Компания могла бы экономить | в месяц$/g, "")).toMatch(roubles);

    // The lines that would save most come first, each amount written the Russian way.
    const savings = await listRows(page).locator("td:last-child").allTextContents();
    expect(savings.length).toBeGreaterThan(0);
    expect(savings.length).toBeLessThanOrEqual(50);
    for (const amount of savings) expect(amount).toMatch(roubles);
    const kopecks = savings.map((s) => Number(s.replace(/[^\d,]/g, "").replace(",", ".")));
    expect(kopecks).toEqual([...kopecks].sort((a, b) => b - a));
    await page.screenshot({ path: join(screenshots, "savings-desktop.png"), fullPage: true });
    await page.screenshot({ path: join(screenshots, "savings-desktop-top.png") });

    // One group: its lines only, every one ticked; untick the first with the keyboard.
    const groupLink = page.getByRole("link", { name: /^Показать номера: / }).first();
    const groupName = ((await groupLink.getAttribute("aria-label")) ?? "").replace("Показать номера: ", "");
    await groupLink.click();
    await page.waitForURL((url) => url.searchParams.has("tariff"));
    await page.getByRole("status").filter({ hasText: `Показаны номера, которым выгоднее тариф «${groupName}».` }).waitFor();
    const recommended = await listRows(page).locator("td:nth-child(5)").allTextContents();
    expect(new Set(recommended)).toEqual(new Set([groupName]));
    const boxes = listRows(page).getByRole("checkbox");
    const ticked = await boxes.count();
    expect(ticked).toBeGreaterThan(0);
    for (let i = 0; i < ticked; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await boxes.first().focus();
    await page.keyboard.press("Space");
    expect(await boxes.first().isChecked()).toBe(false);

    await page.getByRole("button", { name: `Предпросмотр смены на «${groupName}» для отмеченных номеров этой страницы` }).click();
    await page.waitForURL(/\/cabinet\/bulk\/\d+/);
    // The preview lists the ticked lines (not the unticked one) moving to the group's tariff.
    const preview = (await page.locator("main").textContent()) ?? "";
    expect(preview).toContain(groupName);
    // Every ticked line can change: the advice leaves out blocked lines and tariffs that refuse a line's services.
    expect(preview).toContain(`(${ticked - 1})`);
    expect(preview).not.toMatch(/Нельзя изменить \([1-9]/);
    await page.screenshot({ path: join(screenshots, "savings-to-bulk-preview.png"), fullPage: true });
  });

  it("works on a phone without JavaScript: the page, the group link and the button into the preview", async () => {
    const page = await personPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await logIn(page, "polus", "Polus2026demo");
    await page.goto(`${portal.baseUrl}/cabinet/savings`);
    await page.screenshot({ path: join(screenshots, "savings-phone.png"), fullPage: true });
    await page.screenshot({ path: join(screenshots, "savings-phone-top.png") });
    // The first line's own page tells the same: its cheapest tariff and the saving a month.
    const firstSaving = (await listRows(page).first().locator("td:last-child").textContent()) ?? "";
    await listRows(page).first().getByRole("link").click();
    await page.waitForURL(/\/cabinet\/lines\/\d+$/);
    const note = (await page.locator("#line-savings").locator("xpath=..").textContent()) ?? "";
    expect(note).toContain("Выгоднее на другом тарифе");
    expect(note).toContain(`экономия ${firstSaving} в месяц`);
    await page.screenshot({ path: join(screenshots, "savings-line-note-phone.png"), fullPage: true });
    await page.goto(`${portal.baseUrl}/cabinet/savings`);
    const groupLink = page.getByRole("link", { name: /^Показать номера: / }).first();
    const groupName = ((await groupLink.getAttribute("aria-label")) ?? "").replace("Показать номера: ", "");
    await groupLink.click();
    await page.waitForURL((url) => url.searchParams.has("tariff"));
    await page.getByRole("button", { name: `Предпросмотр смены на «${groupName}» для отмеченных номеров этой страницы` }).click();
    await page.waitForURL(/\/cabinet\/bulk\/\d+/);
    expect((await page.locator("main").textContent()) ?? "").toContain(groupName);
  });

  it("passes the WCAG 2.1 AA audit (axe-core), the whole list and one group", async () => {
    const page = await personPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await logIn(page, "polus", "Polus2026demo");
    for (const path of ["/cabinet/savings", "/cabinet/savings?page=2"]) {
      await page.goto(`${portal.baseUrl}${path}`);
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
      const violations = await page.evaluate(async () => {
        type AxeResult = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
        const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } }).axe;
        const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.map(String).join(" ")).join(", ")}`);
      });
      expect(violations, path).toEqual([]);
    }
  });
});
