// The cabinet's start page and the employee file in chromium, as Ural's АО «Вектор» administrator:
// the start page's charts (screenshots at desktop and phone width go to $SCREENSHOT_DIR), the
// employee file exported, edited, saved as Windows-1251 with one bad row, uploaded, previewed with
// the refused row and its row number, applied, and the change seen on the lines list and in the next export.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exactLabel, type Portal, startPortal } from "./harness";

let portal: Portal;
const contexts: BrowserContext[] = [];
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await portal?.stop();
});

const exactly = exactLabel;

async function loggedInPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await portal.browser.newContext({ viewport, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${portal.baseUrl}/login`);
  if (await page.getByLabel("Регион регистрации SIM-карт").count()) {
    await page.getByLabel("Регион регистрации SIM-карт").selectOption("ural");
    await page.getByRole("button", { name: "Далее" }).click();
  }
  await page.getByLabel(exactly("Логин")).fill("vector");
  await page.getByLabel(exactly("Пароль")).fill("Vector2026demo");
  await page.getByRole("button", { name: "Продолжить" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

/** Windows-1251 as Excel saves it in a Russian locale: ASCII, Cyrillic and the usual typography. */
function windows1251(text: string): Buffer {
  const extra: Record<string, number> = { Ё: 0xa8, ё: 0xb8, "«": 0xab, "»": 0xbb, "—": 0x97, "–": 0x96, "№": 0xb9, "\u00a0": 0xa0 };
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) as number;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      const mapped = extra[ch];
      if (mapped === undefined) throw new Error(`not in Windows-1251: ${ch}`);
      return mapped;
    }),
  );
}

async function downloadEmployeeFile(page: Page): Promise<string> {
  await page.goto(`${portal.baseUrl}/cabinet/employees`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать файл сотрудников" }).click()]);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)], "UTF-8 with BOM").toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString("utf8").slice(1);
}

describe("the cabinet start page", () => {
  it("shows the balance, this month's spending, lines by status and the two charts as SVG with their text", async () => {
    for (const [name, viewport] of [
      ["desktop", { width: 1280, height: 900 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      const page = await loggedInPage(viewport);
      await page.goto(`${portal.baseUrl}/cabinet`);
      await expect.poll(() => page.getByTestId("home-balance").textContent()).toMatch(/₽/);
      await expect.poll(() => page.getByRole("img", { name: /Расходы на связь по дням/ }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "Все номера" }).count()).toBe(1);
      expect(await page.locator("svg path[stroke='#1d4ed8']").getAttribute("d")).toMatch(/^M/);
      await page.screenshot({ path: join(screenshots, `cabinet-home-${name}.png`), fullPage: true });
    }
  });
});

describe("account movements", () => {
  it("lists the period's charges, filtered by kind, and downloads them as CSV for Excel", async () => {
    const page = await loggedInPage();
    await page.goto(`${portal.baseUrl}/cabinet/movements`);
    await page.getByLabel(exactly("С")).fill("2020-01-01");
    await page.getByLabel(exactly("Вид")).selectOption("charge");
    await page.getByRole("button", { name: "Показать" }).click();
    await page.waitForURL(/kind=charge/);
    const kinds = await page.locator("main table tbody tr td:nth-child(3)").allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds).has("Платёж")).toBe(false);
    await page.screenshot({ path: join(screenshots, "movements.png"), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать CSV" }).click()]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString("utf8").slice(1).split("\r\n").filter(Boolean);
    expect(rows[0]).toBe("Дата;Лицевой счёт;Вид;Сумма, ₽;Описание");
    expect(rows.length).toBeGreaterThan(1);
  });
});

describe("employee data by file", () => {
  it("exports, takes back an edited Windows-1251 file with one bad row, previews it and applies exactly that", async () => {
    const page = await loggedInPage();
    const exported = await downloadEmployeeFile(page);
    const rows = exported.split("\r\n").filter(Boolean);
    expect(rows[0]).toBe("Номер;Сотрудник;Отдел");
    expect(rows.length).toBe(13);
    const [number] = (rows[1] as string).split(";");
    rows[1] = `${number};Ёлкина Анна Сергеевна;"Отдел испытаний"`;
    rows.push("12345;Кто-то Неизвестный;Склад");
    const edited = windows1251(`${rows.join("\r\n")}\r\n`);

    await page.getByLabel(exactly("Файл CSV")).setInputFiles({ name: "сотрудники.csv", mimeType: "text/csv", buffer: edited });
    await page.getByRole("button", { name: "Проверить файл" }).click();
    await page.waitForURL(/preview=/);
    await expect.poll(() => page.getByTestId("preview-summary").textContent()).toContain("windows-1251");
    const refused = page.getByTestId("refused-rows");
    expect(await refused.locator("tbody tr").count()).toBe(1);
    expect(await refused.locator("tbody tr td").allTextContents()).toEqual(["14", "12345", "не номер телефона или неверная строка"]);
    const changed = page.getByTestId("changed-rows");
    expect(await changed.locator("tbody tr").count()).toBe(1);
    expect(await changed.locator("tbody tr").textContent()).toContain("Ёлкина Анна Сергеевна · Отдел испытаний");
    await page.screenshot({ path: join(screenshots, "employees-preview.png"), fullPage: true });

    await page.getByRole("button", { name: "Записать изменения: 1" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Записано изменений: 1. Создано отделов: 1.");
    // The lines list shows the new employee and department.
    await page.goto(`${portal.baseUrl}/cabinet/lines?q=${encodeURIComponent("Ёлкина")}`);
    const listed = await page.locator("main table tbody").textContent();
    expect(listed).toContain("Ёлкина Анна Сергеевна");
    expect(listed).toContain("Отдел испытаний");
    const after = await downloadEmployeeFile(page);
    expect(after).toContain(`${number};Ёлкина Анна Сергеевна;Отдел испытаний`);
    expect(after.split("\r\n").filter(Boolean)).toHaveLength(13);
  });
});
