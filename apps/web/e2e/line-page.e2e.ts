// The line's page in chromium, as Ural's АО «Вектор» administrator: the line found on the lines list
// by its number typed as 8 (9xx) xxx-xx-xx, a service switched on, a block
// for loss through its confirmation and lifted again, the employee renamed; two administrators
// saving the same line at once (the second is refused and sees the current values); and the block
// for loss without JavaScript. Screenshots of the page at desktop and phone width go to
// $SCREENSHOT_DIR (default: the system's temp folder).
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserProfiles, exactLabel, logInInBrowser, logInOverHttp, ownLineId, type Portal, startPortal } from "./harness";

let portal: Portal;
let lineUrl: string;
const profiles = browserProfiles(() => portal);
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();

beforeAll(async () => {
  portal = await startPortal();
  const { jar } = await logInOverHttp(portal.baseUrl, "ural", "vector", "Vector2026demo");
  lineUrl = `${portal.baseUrl}/cabinet/lines/${await ownLineId(portal.baseUrl, jar)}`;
});
afterAll(async () => {
  await profiles.closeAll();
  await portal?.stop();
});

/** A field's label as shown, without the required-field star. */
const exactly = exactLabel;

/** A separate browser profile: its own cookies, as a different person on a different computer. */
const personPage = profiles.newPage;

const logIn = (page: Page) => logInInBrowser(page, portal.baseUrl);

/** Waits until React has hydrated the page (a form carries React's props), so its scripts run. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll("form")].some((f) => Object.keys(f).some((k) => k.startsWith("__reactProps"))));
}

const notice = (page: Page) => page.getByTestId("line-done");
const blocks = (page: Page) => page.getByTestId("line-blocks");

describe("the line's page", () => {
  it("switches a service on, blocks the line for loss after the confirmation and lifts it, renames the employee; the history lists it all", async () => {
    const page = await personPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page);
    // Found through the lines list, by the number typed as people write it: 8 (9xx) xxx-xx-xx.
    await page.goto(`${portal.baseUrl}/cabinet/lines`);
    const listed = (await page.locator(`a[href="${new URL(lineUrl).pathname}"]`).first().textContent()) ?? "";
    const digits = listed.replace(/\D/g, ""); // 7 9xx xxx xx xx
    expect(digits).toMatch(/^79\d{9}$/);
    const typed = `8 (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}`;
    await page.getByLabel(exactly("Номер или сотрудник")).fill(typed);
    await page.getByRole("button", { name: "Найти" }).click();
    await page.waitForURL(/[?&]q=/);
    await page.getByRole("link", { name: listed.trim() }).click();
    await page.waitForURL(lineUrl);
    await hydrated(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Номер ${listed.trim()}`);
    // Each allowance: what is left of what the tariff includes, or that the tariff has none of it.
    for (const allowance of ["minutes", "sms", "mb"]) {
      expect(await page.getByTestId(`remaining-${allowance}`).textContent()).toMatch(/\d+\D+\d|не входит в тариф/);
    }
    expect(await page.getByTestId("month-spending").textContent()).toMatch(/₽/);

    // A service: its own small form, one button.
    const switchOn = page.getByRole("button", { name: /^Подключить услугу/ }).first();
    const serviceName = /«(.+)»/.exec((await switchOn.getAttribute("aria-label")) ?? "")?.[1];
    if (!serviceName) throw new Error("no service to switch on");
    await switchOn.click();
    await expect.poll(() => notice(page).textContent()).toBe("Услуга подключена.");
    expect(await page.getByRole("button", { name: `Отключить услугу «${serviceName}»` }).count()).toBe(1);

    // A block for loss asks first, and says what it does; without the tick it is refused.
    await page.getByRole("link", { name: "Заблокировать при утере…" }).click();
    const confirmation = page.locator("#block-loss-confirm");
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain("Номер перестанет работать сразу");
    await page.getByRole("button", { name: "Заблокировать номер" }).click();
    await expect.poll(() => confirmation.textContent()).toContain("Отметьте, что понимаете последствия блокировки");
    await page.getByLabel("Я понимаю, что номер перестанет работать, пока блокировку не снимут").check();
    await page.getByRole("button", { name: "Заблокировать номер" }).click();
    await expect.poll(() => notice(page).textContent()).toBe("Номер заблокирован из-за утери SIM-карты.");
    expect(await blocks(page).textContent()).toContain("Утеря SIM-карты");
    await page.screenshot({ path: join(screenshots, "line-page-blocked-desktop.png"), fullPage: true });

    await page.getByRole("button", { name: "Снять блокировку по утере" }).click();
    await expect.poll(() => notice(page).textContent()).toBe("Блокировка снята.");
    expect(await blocks(page).textContent()).toContain("Активен");

    // The employee, renamed, with a department typed in.
    await page.getByLabel(exactly("ФИО сотрудника")).fill("Смирнова Ёлка Петровна");
    await page.getByLabel(exactly("Или новый отдел")).fill("Отдел логистики");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => notice(page).textContent()).toBe("Данные сотрудника сохранены.");
    expect(await page.getByRole("heading", { level: 1 }).locator("xpath=..").textContent()).toContain("Смирнова Ёлка Петровна");
    expect(await page.getByLabel(exactly("Отдел")).locator("option:checked").textContent()).toBe("Отдел логистики");

    const history = (await page.getByTestId("line-history").textContent()) ?? "";
    expect(history).toContain("Сотрудник:");
    expect(history).toContain("Смирнова Ёлка Петровна");
    expect(history).toContain("Снята блокировка: Утеря SIM-карты");
    expect(history).toContain("Блокировка: Утеря SIM-карты");
    expect(history).toContain(`Подключена услуга «${serviceName}»`);
    // Newest first.
    expect(history.indexOf("Сотрудник:")).toBeLessThan(history.indexOf(`Подключена услуга «${serviceName}»`));

    await page.screenshot({ path: join(screenshots, "line-page-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, "line-page-phone.png"), fullPage: true });
  });

  it("refuses the second of two administrators saving the same line at once, and shows the current values", async () => {
    const first = await personPage();
    const second = await personPage();
    await logIn(first);
    await logIn(second);
    await first.goto(lineUrl);
    await second.goto(lineUrl);
    await hydrated(first);
    await hydrated(second);

    await first.getByLabel(exactly("ФИО сотрудника")).fill("Первый Администратор Сохранил");
    await first.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => notice(first).textContent()).toBe("Данные сотрудника сохранены.");

    await second.getByLabel(exactly("ФИО сотрудника")).fill("Второй Опоздал");
    await second.getByRole("button", { name: "Сохранить" }).click();
    const stale = second.getByTestId("line-stale");
    await stale.waitFor();
    expect(await stale.textContent()).toContain("Номер изменил кто-то другой, пока вы работали с ним.");
    await expect.poll(() => second.getByLabel(exactly("ФИО сотрудника")).inputValue()).toBe("Первый Администратор Сохранил");
    await second.screenshot({ path: join(screenshots, "line-page-stale.png"), fullPage: true });

    // A service switched from the outdated page is refused the same way; the first's name stands.
    await first.reload();
    expect(await first.getByLabel(exactly("ФИО сотрудника")).inputValue()).toBe("Первый Администратор Сохранил");
  });

  it("blocks for loss without JavaScript: the confirmation is a page state, the tick is checked by the server", async () => {
    const page = await personPage({ javaScriptEnabled: false });
    await logIn(page);
    await page.goto(lineUrl);
    await page.getByRole("link", { name: "Заблокировать при утере…" }).click();
    await page.waitForURL(/confirm=loss/);
    expect(await page.locator("#block-loss-confirm").textContent()).toContain("Номер перестанет работать сразу");

    await page.getByRole("button", { name: "Заблокировать номер" }).click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.locator("#block-loss-confirm").textContent()).toContain("Отметьте, что понимаете последствия блокировки");
    expect(await blocks(page).textContent()).toContain("Активен");
    await page.screenshot({ path: join(screenshots, "line-page-confirm-loss-nojs.png"), fullPage: true });

    await page.getByLabel("Я понимаю, что номер перестанет работать, пока блокировку не снимут").check();
    await page.getByRole("button", { name: "Заблокировать номер" }).click();
    await page.waitForURL(/done=blockedLoss/);
    expect(await notice(page).textContent()).toBe("Номер заблокирован из-за утери SIM-карты.");
    expect(await blocks(page).textContent()).toContain("Утеря SIM-карты");

    // A voluntary block on top: both reasons hold; lifting the loss leaves the other.
    await page.getByRole("button", { name: "Заблокировать добровольно" }).click();
    await page.waitForURL(/done=blockedVoluntary/);
    await page.getByRole("button", { name: "Снять блокировку по утере" }).click();
    await page.waitForURL(/done=unblocked/);
    const left = (await blocks(page).textContent()) ?? "";
    expect(left).toContain("Добровольная блокировка");
    expect(left).not.toContain("Утеря SIM-карты");
    await page.getByRole("button", { name: "Снять добровольную блокировку" }).click();
    await page.waitForURL(/done=unblocked/);
    expect(await blocks(page).textContent()).toContain("Активен");
  });

  it("answers 404 for a line that is not the company's", async () => {
    const page = await personPage();
    await logIn(page);
    const response = await page.goto(`${portal.baseUrl}/cabinet/lines/999999999`);
    expect(response?.status()).toBe(404);
  });
});
