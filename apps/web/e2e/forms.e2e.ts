// Every form answers an over-long field with its message and keeps what was typed: without
// JavaScript through the server (400), with JavaScript in the browser as soon as it can tell.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exactLabel, type Portal, startPortal } from "./harness";

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

/**
 * A browser stops typing at an input's `maxlength`; a script or a hand-made request does not. To
 * send what they would, the pages come to this browser without their length attributes.
 */
async function withoutLengthLimits(page: Page) {
  await page.route(/\/(apply|login)(\?|$)/, async (route) => {
    if (route.request().method() !== "GET" || route.request().resourceType() !== "document") return route.fallback();
    const response = await route.fetch();
    const html = (await response.text()).replace(/ maxLength="\d+"/gi, "");
    await route.fulfill({ response, body: html });
  });
}

/** Waits until React has hydrated the form (its element carries React's props), so its script validates. */
async function hydrated(page: Page, formId: string) {
  await page.waitForFunction(
    (id) => {
      const form = document.getElementById(id);
      return !!form && Object.keys(form).some((key) => key.startsWith("__reactProps"));
    },
    formId,
  );
}

/** The statuses of the POSTs this page sends, as they come back. */
function postStatuses(page: Page): number[] {
  const statuses: number[] = [];
  page.on("response", (response) => {
    if (response.request().method() === "POST") statuses.push(response.status());
  });
  return statuses;
}

const longCompany = `ООО «${"Очень длинное наименование ".repeat(8)}»`; // 226 characters

async function fillApplication(page: Page) {
  await page.getByLabel("Регион регистрации SIM-карт").selectOption("ural");
  await page.getByLabel("Наименование организации").fill(longCompany);
  await page.getByLabel("ФИО собственника").fill("Ёлкина-Д'Арк Анна Петровна");
  await page.getByLabel("Номер лицевого счёта").fill("100 200 300");
  await page.getByLabel("Номера для доступа").fill("+7 912 345-67-89");
  await page.getByLabel("Контактный номер").fill("+7 912 345-67-89");
  await page.getByLabel("Электронная почта").fill("director@romashka.example");
  await page.getByLabel("ФИО представителя").fill("Петров Пётр Петрович");
}

/** A label as written, with or without the required field's star. */
const exactly = exactLabel;

const tooLong = (max: number) => `Не длиннее ${max} символов: сократите текст`;

describe("an over-long field", () => {
  it("comes back from the server with its message and every typed value, without JavaScript", async () => {
    const context = await portal.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await withoutLengthLimits(page);
    const statuses = postStatuses(page);
    await page.goto(`${portal.baseUrl}/apply`);
    await fillApplication(page);
    await page.getByRole("button", { name: "Отправить заявление" }).click();
    await page.getByRole("heading", { name: /Проверьте поля/ }).waitFor();

    expect(statuses).toEqual([400]);
    await expect(page.locator("#field-companyName-error").textContent()).resolves.toBe(tooLong(200));
    await expect(page.getByRole("alert").textContent()).resolves.toContain(`Наименование организации: ${tooLong(200)}`);
    await expect(page.getByLabel("Наименование организации").inputValue()).resolves.toBe(longCompany);
    await expect(page.getByLabel("ФИО собственника").inputValue()).resolves.toBe("Ёлкина-Д'Арк Анна Петровна");
    await expect(page.getByLabel("Регион регистрации SIM-карт").inputValue()).resolves.toBe("ural");
    await expect(page.getByLabel("Номера для доступа").inputValue()).resolves.toBe("+7 912 345-67-89");
    expect(portal.smtp.received.some((m) => m.subject.includes("Очень длинное"))).toBe(false);

    // Shortened, the same form goes through.
    await page.getByLabel("Наименование организации").fill("ООО «Ромашка»");
    await page.getByRole("button", { name: "Отправить заявление" }).click();
    await expect(page.getByTestId("reference").textContent()).resolves.toMatch(/^URL-\d{4}-\d{6}$/);
    await context.close();
  });

  it("is caught in the browser with JavaScript as the field is left; the submit's answer keeps every typed value", async () => {
    const page = await portal.browser.newPage();
    await withoutLengthLimits(page);
    const statuses = postStatuses(page);
    await page.goto(`${portal.baseUrl}/apply`);
    await hydrated(page, "apply");
    await fillApplication(page);
    // Leaving the field checked it in the browser: nothing was sent.
    await page.locator("#field-companyName-error").waitFor();
    await expect(page.locator("#field-companyName-error").textContent()).resolves.toBe(tooLong(200));
    await expect(page.getByLabel("Наименование организации").getAttribute("aria-invalid")).resolves.toBe("true");
    expect(statuses).toEqual([]);

    // The application's numbers are the server's to check, so its submit goes there and comes back whole.
    expect(await page.getByRole("heading", { name: /Проверьте поля/ }).count()).toBe(0);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST"),
      page.getByRole("button", { name: "Отправить заявление" }).click(),
    ]);
    await page.getByRole("heading", { name: /Проверьте поля/ }).waitFor();
    expect(statuses).toEqual([400]);
    await expect(page.getByRole("alert").textContent()).resolves.toContain(`Наименование организации: ${tooLong(200)}`);
    await expect(page.getByLabel("Наименование организации").inputValue()).resolves.toBe(longCompany);
    await expect(page.getByLabel("ФИО представителя").inputValue()).resolves.toBe("Петров Пётр Петрович");

    // Corrected as it is typed, then sent.
    await page.getByLabel("Наименование организации").fill("ООО «Ромашка-2»");
    await page.locator("#field-companyName-error").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Отправить заявление" }).click();
    await expect(page.getByTestId("reference").textContent()).resolves.toMatch(/^URL-\d{4}-\d{6}$/);
    await page.close();
  });

  it("on the login page comes back with the login typed and the password never echoed, without JavaScript", async () => {
    const context = await portal.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await withoutLengthLimits(page);
    const statuses = postStatuses(page);
    const password = "Секрет-пароль-2026";
    const login = `vector${"x".repeat(100)}`;
    await page.goto(`${portal.baseUrl}/login?region=ural`);
    await page.getByLabel(exactly("Логин")).fill(login);
    await page.getByLabel(exactly("Пароль")).fill(password);
    await page.getByRole("button", { name: "Продолжить" }).click();
    await page.locator("#field-login-error").waitFor();

    expect(statuses).toEqual([400]);
    await expect(page.locator("#field-login-error").textContent()).resolves.toBe(tooLong(100));
    await expect(page.getByLabel(exactly("Логин")).inputValue()).resolves.toBe(login);
    await expect(page.getByLabel(exactly("Пароль")).inputValue()).resolves.toBe("");
    expect(await page.content()).not.toContain(password);
    await context.close();
  });

  it("on the login page is caught in the browser with JavaScript", async () => {
    const page = await portal.browser.newPage();
    await withoutLengthLimits(page);
    const statuses = postStatuses(page);
    const login = `vector${"x".repeat(100)}`;
    await page.goto(`${portal.baseUrl}/login?region=ural`);
    await hydrated(page, "login");
    await page.getByLabel(exactly("Логин")).fill(login);
    await page.getByLabel(exactly("Пароль")).fill("whatever");
    await page.getByRole("button", { name: "Продолжить" }).click();
    await page.locator("#field-login-error").waitFor();
    await expect(page.locator("#field-login-error").textContent()).resolves.toBe(tooLong(100));
    await expect(page.getByLabel(exactly("Логин")).inputValue()).resolves.toBe(login);
    expect(statuses).toEqual([]);
    await page.close();
  });
});

describe("a value the server tidied", () => {
  it("replaces what was typed, with JavaScript too (the contact number added to the list)", async () => {
    const page = await portal.browser.newPage();
    await page.goto(`${portal.baseUrl}/apply`);
    await hydrated(page, "apply");
    await fillApplication(page);
    await page.getByLabel("Наименование организации").fill("ООО «Ромашка»");
    await page.getByLabel("Номера для доступа").fill("+7 912 345-67-90");
    await page.getByRole("button", { name: "Отправить заявление" }).click();
    await page.getByText("Контактного номера +7 912 345-67-89 не было в списке").first().waitFor();
    await expect(page.getByLabel("Номера для доступа").inputValue()).resolves.toBe("+7 912 345-67-90\n+7 912 345-67-89");
    await expect(page.getByLabel("ФИО собственника").inputValue()).resolves.toBe("Ёлкина-Д'Арк Анна Петровна");
    await page.getByRole("button", { name: "Отправить заявление" }).click();
    await expect(page.getByTestId("reference").textContent()).resolves.toMatch(/^URL-\d{4}-\d{6}$/);
    await page.close();
  });
});

describe("the office queue's search (a GET form)", () => {
  it("answers a search text over its limit with the field's message, keeping the text", async () => {
    const context = await portal.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.baseUrl}/login?region=ural`);
    await page.getByLabel(exactly("Логин")).fill("staff");
    await page.getByLabel(exactly("Пароль")).fill("Office2026demo");
    await page.getByRole("button", { name: "Продолжить" }).click();
    await page.waitForURL(/\/office$/);
    const long = "Ромашка ".repeat(15).trim(); // 119 characters
    const response = await page.goto(`${portal.baseUrl}/office?status=all&q=${encodeURIComponent(long)}`);
    expect(response?.status()).toBe(400);
    await expect(page.locator("#field-q-error").textContent()).resolves.toBe(tooLong(100));
    await expect(page.getByLabel("Поиск").inputValue()).resolves.toBe(long);
    await expect(page.getByLabel("Статус").inputValue()).resolves.toBe("all");
    await context.close();
  });
});

describe("input limits", () => {
  it("come from the forms' schemas into the pages", async () => {
    const page = await portal.browser.newPage();
    await page.goto(`${portal.baseUrl}/apply`);
    const maxLength = (label: string) => page.getByLabel(label).getAttribute("maxlength");
    await expect(maxLength("Наименование организации")).resolves.toBe("200");
    await expect(maxLength("ФИО собственника")).resolves.toBe("150");
    await expect(maxLength("Номера для доступа")).resolves.toBe("6000");
    await expect(maxLength("Электронная почта")).resolves.toBe("254");
    await page.goto(`${portal.baseUrl}/login?region=ural`);
    await expect(page.getByLabel(exactly("Логин")).getAttribute("maxlength")).resolves.toBe("100");
    await expect(page.getByLabel(exactly("Пароль")).getAttribute("maxlength")).resolves.toBe("200");
    await page.close();
  });
});
