import { readFileSync } from "node:fs";
import { extractPdfText } from "@cabinet/pdf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Portal, startPortal } from "./harness";

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

describe("the access application, in a real browser", () => {
  it("is filled in as a person would, sent, confirmed with a reference, and its PDF downloads and is e-mailed", async () => {
    const page = await portal.browser.newPage({ acceptDownloads: true });
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto(`${portal.baseUrl}/apply`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Заявление на подключение");

    await page.getByLabel("Регион регистрации SIM-карт").selectOption("ural");
    await page.getByLabel("Наименование организации").fill("ООО «Ромашка»");
    await page.getByLabel("ФИО собственника").fill("Ёлкина-Д'Арк Анна Петровна");
    await page.getByLabel("Номер лицевого счёта").fill("100 200 300");
    await page.getByLabel("Номера для доступа").fill("8 (912) 345-67-89\n+7 912 345 67 90");
    await page.getByLabel("Контактный номер").fill("89123456789");
    await page.getByLabel("Электронная почта").fill("director@romashka.example");
    await page.getByLabel("ФИО представителя").fill("Петров Пётр Петрович");
    await page.getByRole("button", { name: "Отправить заявление" }).click();

    const reference = page.getByTestId("reference");
    await reference.waitFor();
    const ref = (await reference.textContent()) ?? "";
    expect(ref).toMatch(/^URL-\d{4}-\d{6}$/);
    await expect(page.getByText("+7 912 345-67-89").count()).resolves.toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Скачать заявление (PDF)" }).click(),
    ]);
    const pdf = readFileSync((await download.path()) ?? "");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await extractPdfText(new Uint8Array(pdf));
    expect(text).toContain(ref);
    expect(text).toContain("ООО «Ромашка»");
    expect(text).toContain("+7 912 345-67-90");

    // The office and the applicant both get the same PDF by e-mail.
    const office = await portal.mailTo("corporate.ural@operator.example", ref);
    expect(office.attachments[0]?.content.equals(pdf)).toBe(true);
    const applicant = await portal.mailTo("director@romashka.example", ref);
    expect(applicant.attachments[0]?.content.equals(pdf)).toBe(true);

    // The status page knows it with the reference and the e-mail.
    await page.goto(`${portal.baseUrl}/apply/status`);
    await page.getByLabel("Номер заявления").fill(ref);
    await page.getByLabel("Электронная почта из заявления").fill("director@romashka.example");
    await page.getByRole("button", { name: "Узнать статус" }).click();
    await expect(page.getByTestId("application-status").textContent()).resolves.toContain("На рассмотрении");
    expect(consoleErrors.filter((e) => !e.includes("status of 4"))).toEqual([]);
    await page.close();
  });

  it("answers bad input with field messages, keeps what was typed, and creates nothing", async () => {
    const page = await portal.browser.newPage();
    await page.goto(`${portal.baseUrl}/apply`);
    await page.getByLabel("Регион регистрации SIM-карт").selectOption("moscow");
    await page.getByLabel("Наименование организации").fill("ООО «Ромашка»");
    await page.getByLabel("ФИО собственника").fill("Иванов");
    await page.getByLabel("Номер лицевого счёта").fill("12AB");
    await page.getByLabel("Номера для доступа").fill("+7 912 000-00-01, 12345");
    await page.getByLabel("Контактный номер").fill("+7 912 000-00-01");
    await page.getByLabel("Электронная почта").fill("director@romashka.example");
    await page.getByLabel("ФИО представителя").fill("Петров Пётр");
    await page.getByRole("button", { name: "Отправить заявление" }).click();

    const summary = page.getByRole("alert");
    await summary.waitFor();
    const text = (await summary.textContent()) ?? "";
    expect(text).toContain("Не похоже на мобильный номер: 12345");
    expect(text).toContain("Номер лицевого счёта — от 6 до 20 цифр");
    expect(text).toContain("Укажите как минимум фамилию и имя");
    await expect(page.getByLabel("Наименование организации").inputValue()).resolves.toBe("ООО «Ромашка»");
    await expect(page.getByLabel("Номера для доступа").inputValue()).resolves.toBe("+7 912 000-00-01, 12345");
    expect(await page.getByTestId("reference").count()).toBe(0);
    await page.close();
  });

  it("works without JavaScript and in English", async () => {
    const context = await portal.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.baseUrl}/apply`);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Access application for the corporate cabinet");
    await page.getByLabel("Region where the SIM cards are registered").selectOption("siberia");
    await page.getByLabel("Company name").fill('"Рога и копыта"');
    await page.getByLabel("Owner's full name").fill("Бендер Остап Ибрагимович");
    await page.getByLabel("Personal account number").fill("777000111");
    await page.getByLabel("Numbers to open access for").fill("+7 913 111-22-33");
    await page.getByLabel("Contact number").fill("+7 913 111-22-44");
    await page.getByLabel("E-mail").fill("ostap@example.com");
    await page.getByLabel("Representative's full name").fill("Бендер Остап");
    await page.getByRole("button", { name: "Send the application" }).click();
    // The contact number was not in the list: it is added and the user is asked to check.
    await expect(page.getByRole("alert").textContent()).resolves.toContain("was not in the list, so we added it");
    await expect(page.getByLabel("Numbers to open access for").inputValue()).resolves.toBe("+7 913 111-22-33\n+7 913 111-22-44");
    await page.getByRole("button", { name: "Send the application" }).click();
    await expect(page.getByTestId("reference").textContent()).resolves.toMatch(/^SIB-\d{4}-000001$/);
    await context.close();
  });

  it("offers the blank form to print", async () => {
    const response = await fetch(`${portal.baseUrl}/apply/blank.pdf?region=ural`);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const text = await extractPdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("corporate.ural@operator.example");
    expect(text).not.toContain("Ромашка");
  });
});
