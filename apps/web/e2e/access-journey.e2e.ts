import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exactLabel, type Portal, startPortal } from "./harness";

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

/** A field's label as shown, without the required-field star. */
const exactly = exactLabel;

const contexts: BrowserContext[] = [];
/** A separate browser profile: its own cookies, as a different person on a different computer. */
async function personPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await portal.browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}
afterAll(async () => {
  for (const context of contexts) await context.close();
});

async function logIn(page: Page, region: string, login: string, password: string) {
  await page.goto(`${portal.baseUrl}/login`);
  // Step 1 asks for the region unless the browser remembers one.
  if (await page.getByLabel("Регион регистрации SIM-карт").count()) {
    await page.getByLabel("Регион регистрации SIM-карт").selectOption(region);
    await page.getByRole("button", { name: "Далее" }).click();
  }
  await page.getByLabel(exactly("Логин")).fill(login);
  await page.getByLabel(exactly("Пароль")).fill(password);
  await page.getByRole("button", { name: "Продолжить" }).click();
  // Either the login page answers with a message, or the user is let in somewhere else.
  await page.waitForFunction(() => document.querySelector("[role=alert]") || !location.pathname.startsWith("/login"));
}

/** Office staff read the newest SMS to a number on the development SMS page ("the phone"). */
async function readSms(page: Page, to: string, contains: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.goto(`${portal.baseUrl}/dev/sms`);
    const row = page.getByTestId("sms").filter({ has: page.getByTestId("sms-to").getByText(to, { exact: true }) });
    const texts = await row.getByTestId("sms-text").allTextContents();
    const text = texts.find((t) => t.includes(contains));
    if (text) return text;
    if (Date.now() > deadline) throw new Error(`no SMS to ${to} containing ${contains}; saw ${texts.join(" | ")}`);
    await page.waitForTimeout(300);
  }
}

function credentialsFrom(sms: string) {
  const login = /Логин: (\S+)/.exec(sms)?.[1];
  const password = /Временный пароль: (\S+)/.exec(sms)?.[1];
  if (!login || !password) throw new Error(`no credentials in SMS: ${sms}`);
  return { login, password };
}

async function changeTemporaryPassword(page: Page, temporary: string, chosen: string) {
  await page.getByRole("heading", { level: 1, name: "Смена пароля" }).waitFor();
  await page.getByRole("status").filter({ hasText: "Вы вошли с временным паролем" }).waitFor();
  await page.getByLabel("Временный пароль из SMS").fill(temporary);
  await page.getByLabel(exactly("Новый пароль")).fill(chosen);
  await page.getByLabel(exactly("Новый пароль ещё раз")).fill(chosen);
  await page.getByRole("button", { name: "Сменить пароль" }).click();
}

describe("from application to cabinet, in a real browser", () => {
  it("applies, is approved by the office, gets the login by SMS, changes the temporary password and reaches the cabinet", async () => {
    // The applicant sends the form for the Ural account on record.
    const applicant = await personPage();
    await applicant.goto(`${portal.baseUrl}/apply`);
    await applicant.getByLabel("Регион регистрации SIM-карт").selectOption("ural");
    await applicant.getByLabel("Наименование организации").fill("ООО «Ромашка»");
    await applicant.getByLabel("ФИО собственника").fill("Ёлкина-Д'Арк Анна Петровна");
    await applicant.getByLabel("Номер лицевого счёта").fill("100200300");
    await applicant.getByLabel("Номера для доступа").fill("+7 912 345-67-89\n+7 912 345-67-90");
    await applicant.getByLabel("Контактный номер").fill("+7 912 345-67-89");
    await applicant.getByLabel("Электронная почта").fill("anna@romashka.example");
    await applicant.getByLabel("ФИО представителя").fill("Ёлкина Анна Петровна");
    await applicant.getByRole("button", { name: "Отправить заявление" }).click();
    const reference = (await applicant.getByTestId("reference").textContent()) ?? "";
    expect(reference).toMatch(/^URL-\d{4}-\d{6}$/);

    // Office staff of the Ural region log in and find it in their queue.
    const office = await personPage();
    await logIn(office, "ural", "staff", "Office2026demo");
    await office.getByRole("heading", { level: 1, name: "Заявления на подключение" }).waitFor();
    await office.getByLabel("Поиск").fill(reference);
    await office.getByRole("button", { name: "Показать" }).click();
    await office.getByRole("link", { name: reference }).click();

    // Every check passes against the operator's records, so one click approves it.
    await office.getByText("Все проверки пройдены.", { exact: true }).waitFor();
    await office.getByRole("button", { name: "Одобрить заявление" }).click();
    await office.getByRole("status").filter({ hasText: "Заявление одобрено" }).waitFor();
    const applicationUrl = office.url().replace(/\?.*$/, "");

    // The SMS with the login and a temporary password goes to the contact number; the e-mail has no password.
    const sms = await readSms(office, "+7 912 345-67-89", "Временный пароль");
    const { login, password } = credentialsFrom(sms);
    expect(login).toBe("c100200300");
    const approved = await portal.mailTo("anna@romashka.example", "одобрено");
    expect(approved.text).toContain(login);
    expect(approved.text).not.toContain(password);
    expect(approved.html).not.toContain(password);

    // The applicant follows the link in the SMS: the region is already chosen.
    const admin = await personPage();
    const link = /(http\S+\/login\?region=ural)/.exec(sms)?.[1];
    expect(link).toBeDefined();
    await admin.goto(link as string);
    await expect(admin.getByText("Урал").count()).resolves.toBeGreaterThan(0);
    await admin.getByLabel(exactly("Логин")).fill(login);
    await admin.getByLabel(exactly("Пароль")).fill(password);
    await admin.getByRole("button", { name: "Продолжить" }).click();

    // Made to change the temporary password first; the cabinet is out of reach until then.
    await admin.waitForURL(/\/account\/password$/);
    await admin.goto(`${portal.baseUrl}/cabinet`);
    await admin.waitForURL(/\/account\/password$/);
    await admin.getByLabel("Временный пароль из SMS").fill(password);
    await admin.getByLabel(exactly("Новый пароль")).fill(`${login}-2026`);
    await admin.getByLabel(exactly("Новый пароль ещё раз")).fill(`${login}-2026`);
    await admin.getByRole("button", { name: "Сменить пароль" }).click();
    await admin.getByRole("alert").filter({ hasText: "Пароль не изменён" }).waitFor();
    await expect(admin.locator(".field-error").allTextContents()).resolves.toEqual(["Пароль не должен содержать логин"]);
    await changeTemporaryPassword(admin, password, "Ромашка-2026-весна");

    // The cabinet's start page: the company, its account and its lines.
    await admin.getByText("Пароль изменён.", { exact: true }).waitFor();
    expect(admin.url()).toMatch(/\/cabinet\?changed=1$/);
    const main = (await admin.locator("main").textContent()) ?? "";
    expect(main).toContain("ООО «Ромашка»");
    expect(main).not.toContain("АО «Вектор»");
    // Its lines are the ones of the approved account, and no other company's.
    await admin.goto(`${portal.baseUrl}/cabinet/lines`);
    const lines = (await admin.locator("main").textContent()) ?? "";
    expect(lines).toContain("+7 912 345-67-89");
    expect(lines).not.toContain("+7 920 600-10-00");

    // The new password is the one that works from now on; the temporary one does not.
    const again = await personPage();
    await logIn(again, "ural", login, password);
    await expect(again.getByRole("alert").textContent()).resolves.toContain("Неверный логин или пароль");
    await logIn(again, "ural", login, "Ромашка-2026-весна");
    await again.waitForURL(/\/cabinet$/);

    // Logging out ends the session on the server: the same cookie, replayed, no longer opens the cabinet.
    const cookies = await again.context().cookies();
    await again.getByRole("button", { name: "Выйти" }).click();
    await again.waitForURL(/\/login/);
    const replay = await portal.browser.newContext();
    contexts.push(replay);
    await replay.addCookies(cookies);
    const replayed = await replay.newPage();
    await replayed.goto(`${portal.baseUrl}/cabinet`);
    expect(new URL(replayed.url()).pathname).toBe("/login");

    // "Log out everywhere" from the password page ends the other browser's session too.
    await logIn(again, "ural", login, "Ромашка-2026-весна");
    await again.waitForURL(/\/cabinet$/);
    await admin.goto(`${portal.baseUrl}/account/password`);
    await admin.getByRole("button", { name: "Выйти на всех устройствах" }).click();
    await admin.waitForURL(/\/login/);
    await again.goto(`${portal.baseUrl}/cabinet`);
    expect(new URL(again.url()).pathname).toBe("/login");

    // The office sees the whole story in the application's trail.
    await office.goto(applicationUrl);
    const story = (await office.locator("main").textContent()) ?? "";
    expect(story).toContain(login);
    expect(story).toContain("Активен");
    for (const event of ["Заявление подано", "Заявление одобрено", "Создан логин", "Вход в кабинет", "Пароль изменён"]) {
      expect(story).toContain(event);
    }
  });

  it("locks a login after five wrong passwords, says how to unlock it, and a new temporary password by SMS unlocks it (without JavaScript)", async () => {
    const admin = await personPage({ javaScriptEnabled: false });
    for (let attempt = 1; attempt <= 4; attempt++) {
      await logIn(admin, "volga", "vector", `Неверный-${attempt}`);
      await expect(admin.getByRole("alert").textContent()).resolves.toContain("Неверный логин или пароль");
    }
    await logIn(admin, "volga", "vector", "Неверный-5");
    const locked = (await admin.getByRole("alert").textContent()) ?? "";
    expect(locked).toContain("Вход заблокирован");
    expect(locked).toContain("после 5 неверных попыток");
    expect(locked).toContain("Восстановить доступ");

    // Locked means locked: the right password does not open it either.
    await logIn(admin, "volga", "vector", "Vector2026demo");
    await expect(admin.getByRole("alert").textContent()).resolves.toContain("Вход заблокирован");

    // "Forgot password" sends a new temporary password to the company's contact number.
    await admin.getByRole("alert").getByRole("link", { name: "Восстановить доступ" }).click();
    await expect(admin.getByLabel(exactly("Логин")).inputValue()).resolves.toBe("vector");
    await admin.getByRole("button", { name: "Получить временный пароль" }).click();
    await admin.getByRole("status").filter({ hasText: "Если такой логин есть" }).waitFor();

    // That region's office sees the SMS (the phone, in development); another region's office does not.
    const office = await personPage();
    await logIn(office, "volga", "staff", "Office2026demo");
    await office.waitForURL(/\/office$/);
    // АО «Вектор» in Volga: the demo data gives it the contact number +7 920 300-10-00.
    const sms = await readSms(office, "+7 920 300-10-00", "Временный пароль");
    const { login, password } = credentialsFrom(sms);
    expect(login).toBe("vector");
    const elsewhere = await personPage();
    await logIn(elsewhere, "ural", "staff", "Office2026demo");
    await elsewhere.goto(`${portal.baseUrl}/dev/sms`);
    await expect(elsewhere.locator("main").textContent()).resolves.not.toContain(password);

    await logIn(admin, "volga", login, password);
    await admin.waitForURL(/\/account\/password$/);
    await changeTemporaryPassword(admin, password, "Вектор-2026-зима");
    await admin.getByText("Пароль изменён.", { exact: true }).waitFor();
    await expect(admin.locator("main").textContent()).resolves.toContain("АО «Вектор»");
  });

  it("asks for a confirmation and a comment before approving against failed checks, a reason to reject, and lets one of two staff decide", async () => {
    const first = await personPage();
    const second = await personPage();
    for (const page of [first, second]) {
      await logIn(page, "ural", "staff", "Office2026demo");
      await page.getByLabel("Поиск").fill("Рога и копыта");
      await page.getByRole("button", { name: "Показать" }).click();
      await page.getByText("Найдено заявлений: 1").waitFor();
      await page.getByRole("link", { name: /^URL-/ }).click();
      await page.getByText("Не пройдено проверок: 3.", { exact: false }).waitFor();
    }

    // Approving against failed checks: the browser itself asks for the confirmation first…
    const confirm = first.getByLabel("Подтверждаю одобрение, несмотря на непройденные проверки");
    await first.getByLabel(exactly("Комментарий")).fill("ок");
    await first.getByRole("button", { name: "Одобрить заявление" }).click();
    await expect(confirm.evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).resolves.toBe(true);
    // …and the server wants a comment that explains the decision.
    await confirm.check();
    await first.getByRole("button", { name: "Одобрить заявление" }).click();
    const summary = first.getByRole("alert").filter({ hasText: "Решение не сохранено" });
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain("Объясните решение: не меньше 5 символов");
    await expect(first.getByLabel(exactly("Комментарий")).inputValue()).resolves.toBe("ок");

    // A reason too short to tell the applicant anything is refused too.
    await first.getByLabel(exactly("Причина отказа")).fill("нет");
    await first.getByRole("button", { name: "Отклонить заявление" }).click();
    await first.getByText("Укажите причину отказа: не меньше 5 символов").first().waitFor();

    const reason = "Лицевой счёт 999888777 не найден в регионе «Урал»";
    await first.getByLabel(exactly("Причина отказа")).fill(reason);
    await first.getByRole("button", { name: "Отклонить заявление" }).click();
    await first.getByRole("status").filter({ hasText: "Заявление отклонено" }).waitFor();
    const rejected = await portal.mailTo("applicant3@example.com", "отклонено");
    expect(rejected.text).toContain(reason);

    // The second member of staff, on the page opened before, approves with every confirmation: too late.
    await second.getByLabel("Подтверждаю одобрение, несмотря на непройденные проверки").check();
    await second.getByLabel(exactly("Комментарий")).fill("Проверено по телефону");
    await second.getByRole("button", { name: "Одобрить заявление" }).click();
    await second.getByText("Это заявление уже рассмотрел другой сотрудник").waitFor();
    // The page now shows the decision that won, and no forms to decide again.
    await second.getByRole("button", { name: "Одобрить заявление" }).waitFor({ state: "detached" });
    await expect(second.locator("main").textContent()).resolves.toContain(reason);
  });
});
