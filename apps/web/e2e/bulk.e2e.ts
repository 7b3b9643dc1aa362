// The bulk tariff change in chromium, as Ural's АО «Вектор» administrator: a Windows-1251 file with
// `;`, its numbers written in mixed forms (+7 9xx …, 8 (9xx) …, 79xx…) and a few bad rows, uploaded;
// the preview with the refused rows and their reasons; applied now (a job: the page refreshes itself
// until it is done); the lines seen on their new tariff; the report downloaded as CSV and XLSX and
// read back. Screenshots at desktop and phone width go to $SCREENSHOT_DIR.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpreadsheetRows } from "@cabinet/domain/testing";
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

async function loggedInPage(options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await portal.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true, acceptDownloads: true });
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

/** Windows-1251 as Excel saves it in a Russian locale. */
function windows1251(text: string): Buffer {
  const extra: Record<string, number> = { Ё: 0xa8, ё: 0xb8, "«": 0xab, "»": 0xbb };
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

/** The lines list's rows: number (`+7 920 600-10-05`) and tariff. */
async function listedLines(page: Page, query = ""): Promise<{ number: string; tariff: string }[]> {
  await page.goto(`${portal.baseUrl}/cabinet/lines${query}`);
  const numbers = await page.locator("table.lines-table tbody tr td:nth-child(2)").allTextContents();
  const tariffs = await page.locator("table.lines-table tbody tr td:nth-child(5)").allTextContents();
  return numbers.map((number, i) => ({ number: number.trim(), tariff: (tariffs[i] ?? "").trim() }));
}

/** `+7 920 600-10-05` written as people do: `8 (920) 600-10-05`, `79206001005`. */
const digitsOf = (number: string) => number.replace(/\D/g, "");
const asEight = (number: string) => {
  const d = digitsOf(number);
  return `8 (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9)}`;
};

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).first().click()]);
  return readFileSync(await file.path());
}

describe("a bulk tariff change", () => {
  it("takes a Windows-1251 file of numbers in mixed forms, previews it with the refused rows, applies it and reports it", async () => {
    const page = await loggedInPage();
    const active = (await listedLines(page, "?status=active")).slice(0, 3);
    expect(active).toHaveLength(3);
    const [first, second, third] = active as [{ number: string; tariff: string }, { number: string; tariff: string }, { number: string; tariff: string }];
    // A target none of the three is on.
    const target = ["Бизнес Руководитель", "Бизнес Безлимит"].find((name) => active.every((line) => line.tariff !== name)) as string;

    const file = windows1251(
      [
        "Номер;Сотрудник",
        `${first.number};Первый`,
        `${asEight(second.number)};Второй`,
        `${digitsOf(third.number)};Третий`,
        "12345;Не номер",
        "+7 999 123-45-67;Неизвестный",
        `${digitsOf(first.number)};Повтор первого`,
        "",
      ].join("\r\n"),
    );

    await page.goto(`${portal.baseUrl}/cabinet/bulk`);
    await page.getByLabel("Файл с номерами").check();
    await page.getByLabel(exactly("Файл")).setInputFiles({ name: "номера.csv", mimeType: "text/csv", buffer: file });
    const targetValue = (await page.locator('select[name="tariffId"] option', { hasText: target }).first().getAttribute("value")) as string;
    await page.getByLabel(exactly("Новый тариф")).selectOption(targetValue);
    await page.screenshot({ path: join(screenshots, "bulk-start-desktop.png"), fullPage: true });
    await page.getByRole("button", { name: "Показать, что изменится" }).click();
    await page.waitForURL(/\/cabinet\/bulk\/\d+$/);
    const previewUrl = page.url();

    // The preview: three lines change; the bad rows are refused with their row and reason.
    expect(await page.getByTestId("bulk-change-count").textContent()).toBe("3");
    const changes = page.getByTestId("bulk-changes");
    expect((await changes.locator("tbody tr td:first-child").allTextContents()).map((n) => n.trim())).toEqual([first.number, second.number, third.number]);
    expect(await changes.textContent()).toContain(`→ ${target}`);
    const refused = page.getByTestId("bulk-refused");
    const refusedRows = await refused.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    expect(refusedRows.map((cells) => [cells[0], cells[1], cells[6]])).toEqual([
      ["5", "12345", "не номер телефона"],
      ["6", "+7 999 123-45-67", "номер не найден"],
      ["7", digitsOf(first.number), "номер уже был выше"],
    ]);
    await page.screenshot({ path: join(screenshots, "bulk-preview-desktop.png"), fullPage: true });
    const phone = await loggedInPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(previewUrl);
    await phone.screenshot({ path: join(screenshots, "bulk-preview-phone.png"), fullPage: true });

    // Applied now: a job; the page refreshes itself until the outcome is there.
    await page.getByRole("button", { name: "Применить к номерам: 3" }).click();
    await expect.poll(async () => (await page.getByTestId("bulk-outcome").count()) > 0 && (await page.getByTestId("bulk-outcome").textContent()), { timeout: 30_000 }).toContain(
      "Готово: изменено номеров — 3",
    );
    await page.screenshot({ path: join(screenshots, "bulk-done-desktop.png"), fullPage: true });

    // The lines are on the new tariff.
    const after = await listedLines(page);
    for (const line of active) expect(after.find((l) => l.number === line.number)?.tariff).toBe(target);

    // The report, read back: CSV for Excel and XLSX.
    await page.goto(previewUrl);
    const csv = await download(page, "Отчёт CSV");
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csv.toString("utf8").slice(1).split("\r\n").filter(Boolean).map((row) => row.split(";"));
    expect(rows[0]).toEqual(["Строка", "Номер", "Сотрудник", "Тариф сейчас", "Тариф после", "Услуги сейчас", "Услуги после", "Абонентская плата сейчас, ₽", "Абонентская плата после, ₽", "Разница в месяц", "Итог"]);
    expect(rows.filter((r) => r[10] === "изменён").map((r) => [r[1], r[4]])).toEqual([first.number, second.number, third.number].map((n) => [n, target]));
    expect(rows.slice(1).filter((r) => r[10] !== "изменён").map((r) => r[10])).toEqual(["не номер телефона", "номер не найден", "номер уже был выше"]);
    const xlsx = await download(page, "Отчёт XLSX");
    const sheets = await readSpreadsheetRows(new Uint8Array(xlsx));
    const sheet = Object.values(sheets)[0] as unknown[][];
    expect(sheet[0]?.[10]).toBe("Итог");
    expect(sheet.filter((r) => r[10] === "изменён")).toHaveLength(3);
    expect(typeof sheet.find((r) => r[10] === "изменён")?.[8]).toBe("number");

    // The history page lists it, done.
    await page.goto(`${portal.baseUrl}/cabinet/bulk/jobs`);
    expect(await page.getByTestId("bulk-jobs").textContent()).toContain("Выполнена");
    await page.screenshot({ path: join(screenshots, "bulk-jobs-desktop.png"), fullPage: true });
    await phone.goto(`${portal.baseUrl}/cabinet/bulk/jobs`);
    await phone.screenshot({ path: join(screenshots, "bulk-jobs-phone.png"), fullPage: true });
  });

  it("changes one line's tariff on its page, by the same rules (a line already on it is refused)", async () => {
    const page = await loggedInPage();
    const [line] = (await listedLines(page, "?status=active")).slice(-2) as [{ number: string; tariff: string }];
    const target = ["Бизнес Безлимит", "Бизнес Старт"].find((name) => name !== line.tariff) as string;
    await page.goto(`${portal.baseUrl}/cabinet/lines?q=${encodeURIComponent(digitsOf(line.number))}`);
    await page.getByRole("link", { name: line.number }).first().click();
    await page.waitForURL(/\/cabinet\/lines\/\d+$/);
    const lineUrl = page.url();
    const select = page.getByLabel(exactly("Тариф номера"));
    const targetValue = (await select.locator("option", { hasText: target }).first().getAttribute("value")) as string;
    await select.selectOption(targetValue);
    await page.getByRole("button", { name: "Сменить тариф" }).click();
    await expect.poll(() => page.getByTestId("line-done").textContent()).toBe("Тариф изменён.");
    await page.locator("#tariff").screenshot({ path: join(screenshots, "line-tariff-desktop.png") });
    // The same tariff again: refused with the reason on the field.
    await page.getByLabel(exactly("Тариф номера")).selectOption(targetValue);
    await page.getByRole("button", { name: "Сменить тариф" }).click();
    await expect.poll(() => page.locator("#field-tariffId-error").textContent()).toBe("Номер уже на этом тарифе.");
    const phone = await loggedInPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(lineUrl);
    await phone.locator("#tariff").screenshot({ path: join(screenshots, "line-tariff-phone.png") });
    expect((await listedLines(page, `?q=${encodeURIComponent(digitsOf(line.number))}`))[0]?.tariff).toBe(target);
  });

  it("works without JavaScript: a field's message in the user's language, then a scheduled change cancelled", async () => {
    const page = await loggedInPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto(`${portal.baseUrl}/cabinet/bulk`);
    await page.getByLabel("Список номеров").check();
    await page.getByRole("button", { name: "Показать, что изменится" }).click();
    expect(await page.locator("#field-numbers-error").textContent()).toBe("Впишите номера.");
    expect(await page.locator("#field-tariffId-error").textContent()).toBe("Выберите новый тариф или хотя бы одну услугу.");
    await page.screenshot({ path: join(screenshots, "bulk-start-errors-phone.png"), fullPage: true });

    const [line] = (await listedLines(page, "?status=active")).slice(-1) as [{ number: string; tariff: string }];
    const target = ["Бизнес Про", "Бизнес Старт"].find((name) => name !== line.tariff) as string;
    await page.goto(`${portal.baseUrl}/cabinet/bulk`);
    await page.getByLabel("Список номеров").check();
    await page.getByLabel(exactly("Номера")).fill(asEight(line.number));
    const targetValue = (await page.locator('select[name="tariffId"] option', { hasText: target }).first().getAttribute("value")) as string;
    await page.getByLabel(exactly("Новый тариф")).selectOption(targetValue);
    await page.getByRole("button", { name: "Показать, что изменится" }).click();
    await page.waitForURL(/\/cabinet\/bulk\/\d+$/);
    await page.getByLabel(/С первого дня следующего расчётного месяца/).check();
    await page.getByRole("button", { name: /Применить к номерам/ }).click();
    expect(await page.getByRole("status").first().textContent()).toContain("Смена запланирована на 01.");
    await page.getByRole("button", { name: "Отменить смену" }).click();
    expect(await page.getByTestId("bulk-outcome").textContent()).toContain("Смена отменена");
  });
});
