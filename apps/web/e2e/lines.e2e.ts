// The lines list in chromium: Ural's АО «Вектор» administrator finds one of the company's numbers
// typed the way people write it, opens it, filters by status; ООО «Полюс-Логистик» (300 lines)
// pages through its list and sorts it; and, without JavaScript, the filter and the selection of
// "all lines matching this filter" still work. Screenshots at desktop and phone width go to
// $SCREENSHOT_DIR (default: the system's temp folder).
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserProfiles, exactLabel, logInInBrowser, type Portal, startPortal } from "./harness";

let portal: Portal;
const profiles = browserProfiles(() => portal);
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await profiles.closeAll();
  await portal?.stop();
});

const exactly = exactLabel;

const personPage = profiles.newPage;

const logIn = (page: Page, login: string, password: string) => logInInBrowser(page, portal.baseUrl, login, password);

/** The numbers in the list's table, as shown. */
const shownNumbers = (page: Page) => page.locator("table.lines-table tbody tr td:nth-child(2)").allTextContents();
const shownStatuses = (page: Page) => page.locator("table.lines-table tbody tr td:nth-child(6)").allTextContents();
const countLine = (page: Page) => page.locator(".lines-count").textContent();

describe("the lines list", () => {
  it("finds one of АО «Вектор»'s numbers typed as 8 (920) 600-10-05, opens it, and filters by status", async () => {
    const page = await personPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, "vector", "Vector2026demo");
    await page.goto(`${portal.baseUrl}/cabinet/lines`);
    // The cabinet's navigation marks where the reader is.
    const here = page.getByRole("navigation", { name: "Разделы кабинета" }).getByRole("link", { name: "Номера" });
    expect(await here.getAttribute("aria-current")).toBe("page");
    expect(await countLine(page)).toContain("Найдено номеров: 12");
    expect(await shownNumbers(page)).toHaveLength(12);
    await page.screenshot({ path: join(screenshots, "lines-desktop.png"), fullPage: true });

    // +7 920 600-10-05 is one of Вектор's real numbers in Ural (the seed gives it +7 920 600-10-00 … 600-10-11).
    await page.getByLabel(exactly("Номер или сотрудник")).fill("8 (920) 600-10-05");
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "8 (920) 600-10-05");
    await expect.poll(() => shownNumbers(page)).toEqual(["+7 920 600-10-05"]);
    expect(await countLine(page)).toContain("Найдено номеров: 1");
    // The other forms people type find the same number.
    for (const typed of ["600-10-05", "6001005", "+7 920 600 10 05"]) {
      await page.goto(`${portal.baseUrl}/cabinet/lines?q=${encodeURIComponent(typed)}`);
      expect(await shownNumbers(page), typed).toEqual(["+7 920 600-10-05"]);
    }

    // The number opens its own page.
    await page.getByRole("link", { name: "+7 920 600-10-05" }).click();
    await page.waitForURL(/\/cabinet\/lines\/\d+$/);

    // Status: the active ones only, then the blocked ones only (or the empty state when none is).
    await page.goto(`${portal.baseUrl}/cabinet/lines`);
    await page.getByLabel(exactly("Статус")).selectOption("active");
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "active");
    const active = await shownStatuses(page);
    expect(active.length).toBeGreaterThan(0);
    expect(new Set(active)).toEqual(new Set(["Активен"]));
    await page.getByLabel(exactly("Статус")).selectOption("blocked");
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "blocked");
    await expect.poll(async () => (await shownStatuses(page)).filter((status) => status === "Активен").length).toBe(0);
    const blocked = await shownStatuses(page);
    expect(blocked.every((status) => status !== "Активен")).toBe(true);
    expect(active.length + blocked.length).toBe(12);
    if (blocked.length === 0) expect(await countLine(page)).toBe("Нет номеров, подходящих под поиск и фильтры.");

    // A name no one has: the empty state, and the way back to every number.
    await page.goto(`${portal.baseUrl}/cabinet/lines?q=${encodeURIComponent("Никтоев")}`);
    expect(await countLine(page)).toBe("Нет номеров, подходящих под поиск и фильтры.");
    await page.getByRole("link", { name: "Показать все номера" }).click();
    await page.waitForURL(`${portal.baseUrl}/cabinet/lines`);
    await expect.poll(async () => (await shownNumbers(page)).length).toBe(12);
  });

  it("pages through ООО «Полюс-Логистик»'s 300 numbers 50 at a time, and sorts them by a column's header", async () => {
    const page = await personPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, "polus", "Polus2026demo");
    await page.goto(`${portal.baseUrl}/cabinet/lines`);
    expect(await countLine(page)).toContain("Страница 1 из 6");
    const first = await shownNumbers(page);
    expect(first).toHaveLength(50);
    expect([...first].sort()).toEqual(first);

    const pages = page.getByRole("navigation", { name: "Страницы" });
    await pages.getByRole("link", { name: "Вперёд" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    await expect.poll(async () => (await shownNumbers(page))[0]).not.toBe(first[0]);
    const second = await shownNumbers(page);
    expect(second).toHaveLength(50);
    expect(second.some((n) => first.includes(n))).toBe(false);
    expect((second[0] as string) > (first[49] as string)).toBe(true);
    await pages.getByRole("link", { name: "Страница 6" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "6");
    await expect.poll(async () => (await shownNumbers(page))[0]).not.toBe(second[0]);
    const sixth = await shownNumbers(page);
    expect(sixth).toHaveLength(50);

    // The number header sorts the other way, from the first page; the page keeps the filter.
    await page.locator("thead").getByRole("link", { name: /^Номер/ }).click();
    await page.waitForURL((url) => url.searchParams.get("dir") === "desc" && !url.searchParams.has("page"));
    await expect.poll(async () => (await shownNumbers(page))[0]).toBe(sixth[49]);
    const descending = await shownNumbers(page);
    expect((descending[0] as string) > (second[49] as string)).toBe(true);
    expect([...descending].sort().reverse()).toEqual(descending);
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1);
  });

  it("works without JavaScript: the filter is the URL, and a selection (ticked or all matching) opens the bulk change", async () => {
    const page = await personPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await logIn(page, "vector", "Vector2026demo");
    await page.goto(`${portal.baseUrl}/cabinet/lines`);
    await page.getByLabel(exactly("Статус")).selectOption("active");
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "active");
    const activeCount = (await shownNumbers(page)).length;
    await page.screenshot({ path: join(screenshots, "lines-phone.png"), fullPage: true });

    // Nothing ticked: the form says what to do, and nothing is selected.
    await page.getByRole("button", { name: "Выбранные на странице" }).click();
    expect(await page.getByRole("alert").first().textContent()).toContain("Отметьте номера в таблице");

    // Two ticked.
    const boxes = page.locator('input[type="checkbox"][name="line"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    // The selection opens the bulk change, with the lines in its URL.
    await page.getByRole("button", { name: "Выбранные на странице" }).click();
    await page.waitForURL((url) => url.pathname === "/cabinet/bulk" && url.searchParams.getAll("line").length === 2);
    expect(await page.getByLabel("Отмеченные в списке номера (2)").isChecked()).toBe(true);

    // All matching the filter: the filter travels with it.
    await page.goto(`${portal.baseUrl}/cabinet/lines?status=active`);
    await page.getByRole("button", { name: `Все ${activeCount} номеров по фильтру` }).click();
    await page.waitForURL((url) => url.pathname === "/cabinet/bulk" && url.searchParams.get("scope") === "filter" && url.searchParams.get("status") === "active");
    expect(await page.getByLabel(`Все номера по фильтру списка (${activeCount})`).isChecked()).toBe(true);
  });
});
