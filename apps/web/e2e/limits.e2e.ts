// Spending limits in chromium, as Ural's АО «Вектор» administrator. A second administrator joins the
// company through the access application (the office approves it): the limit notices go to every
// administrator, so they must reach the e-mail this test gave too. Then: a limit with policy "block" set on a pay-as-you-go line on its
// page, the usage simulator run (in this test's process, on the portal's own database file, as
// `pnpm cabinet usage simulate` would) until the limit is crossed; the line is then blocked on the
// lines list and on its page, and the warning and the block's e-mails arrive through the portal's
// outbox at a real SMTP server. Without JavaScript: a limit for ticked lines of the lines list (a
// refused amount answered on its field), and a Windows-1251 limits file with bad rows previewed and
// applied. Screenshots at desktop and phone width go to $SCREENSHOT_DIR (default: the temp folder).
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUsageSimulator, openDatabase } from "@cabinet/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserProfiles, CookieJar, exactLabel, hiddenFields, httpGet, httpPost, logInInBrowser, logInOverHttp, type Portal, startPortal } from "./harness";

let portal: Portal;
const profiles = browserProfiles(() => portal);
const screenshots = process.env.SCREENSHOT_DIR ?? tmpdir();
/** Where the second administrator's application asks the cabinet's e-mails to go. */
const FINANCE_EMAIL = "finance@vector.example";

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await profiles.closeAll();
  await portal?.stop();
});

const exactly = exactLabel;

const personPage = profiles.newPage;

const logIn = (page: Page) => logInInBrowser(page, portal.baseUrl);

/** Kopecks of a sum as the page writes it: `1 234,50 ₽`. */
function kopecksOf(text: string): number {
  const m = /(\d[\d\s\u00A0\u202F]*),(\d{2})/.exec(text);
  if (!m) throw new Error(`no sum in ${JSON.stringify(text)}`);
  return Number((m[1] as string).replace(/\D/g, "")) * 100 + Number(m[2]);
}

/** `+79206001001` → `+7 920 600-10-01`, as the pages write numbers. */
const written = (msisdn: string) => msisdn.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, "+7 $1 $2-$3-$4");

/** Windows-1251 as Excel saves it in a Russian locale: ASCII and Cyrillic. */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0) as number;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === "Ё") return 0xa8;
      if (ch === "ё") return 0xb8;
      throw new Error(`not in Windows-1251: ${ch}`);
    }),
  );
}

/**
 * A finance manager of АО «Вектор» applies for access to the company's account without JavaScript,
 * and Ural's office approves it: the company's second administrator, with an e-mail.
 */
async function secondAdministratorJoins(contactNumber: string) {
  const applicant = new CookieJar();
  const form = hiddenFields(await (await httpGet(portal.baseUrl, "/apply", applicant)).text());
  const applied = await httpPost(portal.baseUrl, "/apply", applicant, {
    ...form,
    regionCode: "ural",
    companyName: "АО «Вектор»",
    ownerName: "Соколов Игорь Павлович",
    accountNumber: "100200301",
    numbers: contactNumber,
    contactNumber,
    email: FINANCE_EMAIL,
    representativeName: "Кравцова Нина Сергеевна",
  });
  expect(applied.headers.get("Location")).toMatch(/^\/apply\/done\//);
  const { jar: office } = await logInOverHttp(portal.baseUrl, "ural", "staff", "Office2026demo");
  const queue = await (await httpGet(portal.baseUrl, "/office?q=100200301", office)).text();
  const id = /href="\/office\/applications\/(\d+)"/.exec(queue)?.[1];
  if (!id) throw new Error("the application is not in the office's queue");
  const page = hiddenFields(await (await httpGet(portal.baseUrl, `/office/applications/${id}`, office)).text());
  const approved = await httpPost(portal.baseUrl, `/office/applications/${id}`, office, {
    csrf: page.csrf ?? "",
    intent: "approve",
    confirmFailedChecks: "yes",
    comment: "Финансовый директор, доверенность проверена в офисе",
  });
  expect(approved.headers.get("Location")).toBe(`/office/applications/${id}?done=approved`);
}

describe("spending limits", () => {
  it("a line with a 'block' limit is blocked by the event that crosses it; the warning and the block's e-mails arrive", async () => {
    // The portal's own database, opened by this process as a second process would (WAL).
    const db = openDatabase(portal.databasePath);
    const sqlite = db.$client;
    const companyId = sqlite.prepare("select company_id from users where login = 'vector' and region_code = 'ural'").pluck().get() as number;
    // A pay-as-you-go line: every call, SMS and megabyte is paid, so simulated traffic moves its spending.
    const line = sqlite
      .prepare("select l.id, l.msisdn from lines l join tariffs t on t.id = l.tariff_id where l.company_id = ? and t.code = 'biz-payg' and l.block_mask = 0 order by l.id limit 1")
      .get(companyId) as { id: number; msisdn: string };
    const lineUrl = `${portal.baseUrl}/cabinet/lines/${line.id}`;
    await secondAdministratorJoins(line.msisdn);

    const page = await personPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page);
    await page.goto(lineUrl);
    expect(await page.getByTestId("limit-source").textContent()).toBe("лимит не установлен");
    const spent = kopecksOf((await page.getByTestId("month-spending").textContent()) ?? "");
    // A quarter and more above the spending so far, so that the warning (80 %) is still ahead.
    const limitRoubles = Math.ceil((spent * 1.3) / 100) + 100;
    await page.getByLabel(exactly("Лимит в месяц, ₽")).fill(String(limitRoubles));
    await page.getByLabel(/Заблокировать платную связь/).check();
    await page.getByRole("button", { name: "Установить лимит" }).click();
    await page.waitForURL(/[?&]limit=saved/);
    expect(await page.getByTestId("limit-done").textContent()).toBe("Лимит сохранён.");
    expect(await page.getByTestId("limit-source").textContent()).toBe("свой лимит номера");
    expect(await page.getByTestId("limit-value").textContent()).toMatch(/^\d[\d\s]*,00\s₽ в месяц; при достижении — блокировать\. Предупреждение при 80 % лимита\.$/);
    expect(kopecksOf((await page.getByTestId("limit-value").textContent()) ?? "")).toBe(limitRoubles * 100);
    expect(await page.getByTestId("limit-spent").textContent()).toMatch(/^Израсходовано [\d\s ,]+₽ из [\d\s ,]+₽ · \d+ % лимита$/);
    expect(await page.getByTestId("line-blocks").textContent()).toContain("Активен");
    await page.screenshot({ path: join(screenshots, "limits-line-set-desktop.png"), fullPage: true });

    // Traffic for АО «Вектор»'s lines, rated as it arrives, until the line is blocked by its limit.
    const simulator = createUsageSimulator({ db, clock: { now: () => new Date() } }, { ratePerSecond: 200, companyIds: [companyId], seed: 9 });
    const blockMask = () => sqlite.prepare("select block_mask from lines where id = ?").pluck().get(line.id) as number;
    const deadline = Date.now() + 60_000;
    while ((blockMask() & 4) === 0) {
      if (Date.now() > deadline) throw new Error("the simulated traffic did not reach the limit in a minute");
      await new Promise((r) => setTimeout(r, 200));
      simulator.tick();
    }
    // After the crossing, the line's paid outgoing events are refused, none charged.
    const crossedAt = Date.now();
    while (Date.now() - crossedAt < 1500) {
      await new Promise((r) => setTimeout(r, 200));
      simulator.tick();
    }
    const month = sqlite.prepare("select total_charge, refused_events, limit_reached_at from line_usage_months where line_id = ? order by billing_month desc limit 1").get(line.id) as {
      total_charge: number;
      refused_events: number;
      limit_reached_at: number;
    };
    expect(month.limit_reached_at).toBeGreaterThan(0);
    expect(month.total_charge).toBeGreaterThanOrEqual(limitRoubles * 100);
    const chargedOutgoingAfter = sqlite
      .prepare("select count(*) from usage_events where line_id = ? and started_at > ? and charge > 0 and kind in ('call_out', 'sms_out', 'data')")
      .pluck()
      .get(line.id, month.limit_reached_at) as number;
    expect(chargedOutgoingAfter).toBe(0);
    sqlite.close();

    // On its page: blocked by the limit, reached, and how fresh the figures are.
    await page.goto(lineUrl);
    expect(await page.getByTestId("line-blocks").textContent()).toContain("Превышен лимит расходов");
    expect(await page.getByTestId("limit-reached").textContent()).toMatch(/^Лимит достигнут \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\.$/);
    expect(await page.getByTestId("limit-rated-until").textContent()).toMatch(/^Расходы учтены по \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} \(время региона\)\.$/);
    await page.screenshot({ path: join(screenshots, "limits-line-blocked-desktop.png"), fullPage: true });

    // On the lines list, filtered to lines blocked by a limit.
    await page.goto(`${portal.baseUrl}/cabinet/lines?status=limit`);
    const row = page.locator("tr", { has: page.locator(`a[href="/cabinet/lines/${line.id}"]`) });
    expect(await row.textContent()).toContain("Лимит");
    expect(await page.locator("tbody tr").count()).toBe(1);

    // On the limits page: among the lines that reached their limit, blocked.
    await page.goto(`${portal.baseUrl}/cabinet/limits?show=reached`);
    const reached = page.getByTestId("limit-lines").locator("tr", { hasText: written(line.msisdn) });
    expect(await reached.textContent()).toContain("заблокирован по лимиту");
    expect(await page.getByTestId("limit-card-blocked").locator(".figure").textContent()).toBe("1");
    await page.screenshot({ path: join(screenshots, "limits-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, "limits-phone.png"), fullPage: true });
    await page.goto(lineUrl);
    await page.locator("#limit").screenshot({ path: join(screenshots, "limits-line-panel-phone.png") });

    // The e-mails, through the outbox to the SMTP server: the warning, then the block.
    const warning = await portal.mailTo(FINANCE_EMAIL, "Лимит расходов: предупреждение");
    expect(warning.text).toContain(written(line.msisdn));
    const blocked = await portal.mailTo(FINANCE_EMAIL, "Лимит расходов: номер заблокирован");
    expect(blocked.text).toContain(written(line.msisdn));
    expect(portal.smtp.received.filter((m) => m.to.includes(FINANCE_EMAIL) && m.subject.startsWith("Лимит расходов")).map((m) => m.subject)).toHaveLength(2);
  });

  it("without JavaScript: a limit for the ticked lines (a refused amount kept on its field), then a Windows-1251 limits file with bad rows", async () => {
    const page = await personPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await logIn(page);
    await page.goto(`${portal.baseUrl}/cabinet/lines`);
    const boxes = page.locator('input[type="checkbox"][name="line"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const picked = await Promise.all([0, 1].map(async (i) => (await boxes.nth(i).getAttribute("aria-label"))?.replace("Выбрать номер ", "") ?? ""));
    await page.getByRole("button", { name: "Лимит для отмеченных…" }).click();
    await page.waitForURL(/\/cabinet\/limits\/selection\?/);
    expect(await page.getByTestId("selection-count").textContent()).toBe("Отмечено номеров: 2.");

    // "1,000" is one rouble or a thousand: refused on its field, what was typed kept.
    await page.getByLabel(exactly("Лимит в месяц, ₽")).fill("1,000");
    await page.getByLabel(/Разделить оплату с сотрудником/).check();
    await page.getByRole("button", { name: "Установить лимит номерам: 2" }).click();
    await page.waitForLoadState("domcontentloaded");
    expect(await page.locator("#field-amount-error").textContent()).toBe("Укажите сумму в рублях, например 5000 или 1 500,50");
    expect(await page.getByLabel(exactly("Лимит в месяц, ₽")).inputValue()).toBe("1,000");
    expect(await page.getByLabel(/Разделить оплату с сотрудником/).isChecked()).toBe(true);
    await page.screenshot({ path: join(screenshots, "limits-selection-refused-nojs.png"), fullPage: true });

    await page.getByLabel(exactly("Лимит в месяц, ₽")).fill("1 500,50");
    await page.getByRole("button", { name: "Установить лимит номерам: 2" }).click();
    await page.waitForURL(/done=lines/);
    expect(await page.getByTestId("limits-done").textContent()).toContain("Номеров: 2");

    // The limits file: downloaded, two own limits in it as set; a Windows-1251 file with bad rows.
    await page.goto(`${portal.baseUrl}/cabinet/limits/file`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Скачать текущие лимиты" }).click()]);
    const exported = readFileSync(await download.path()).toString("utf8");
    for (const msisdn of picked) expect(exported).toContain(`${msisdn};1500,50;разделить`);
    const upload = windows1251(
      [
        "Номер;Лимит;Политика",
        `${picked[0]};2000;уведомить`, // changes
        `${picked[1]};1500,50;разделить`, // as it is
        "+7 912 345-67-89;500;блокировать", // ООО «Ромашка»'s line: not this company's
        "12345;500;блокировать", // not a number
        `8${(picked[0] as string).replace(/\D/g, "").slice(1)};100;блокировать`, // the first number again
        `${picked[1]};сто;блокировать`, // not an amount
      ].join("\r\n"),
    );
    await page.getByLabel(exactly("Файл CSV")).setInputFiles({ name: "лимиты.csv", mimeType: "text/csv", buffer: upload });
    await page.getByRole("button", { name: "Проверить файл" }).click();
    await page.waitForURL(/\/cabinet\/limits\/file\?preview=/);
    expect(await page.getByTestId("preview-summary").textContent()).toBe(
      "Файл «лимиты.csv» (windows-1251, разделитель «;»): строк 6; изменятся 1, без изменений 1, отклонено 4.",
    );
    const refused = (await page.getByTestId("refused-rows").textContent()) ?? "";
    for (const reason of ["не номер вашей компании", "не номер мобильного телефона", "номер уже был выше в файле", "сумма не распознана"]) expect(refused).toContain(reason);
    expect(await page.getByTestId("changed-rows").textContent()).toMatch(/1\s500,50\s₽, разделить оплату.*2\s000,00\s₽, уведомить/);
    await page.screenshot({ path: join(screenshots, "limits-file-preview-nojs.png"), fullPage: true });
    await page.getByRole("button", { name: "Записать изменения: 1" }).click();
    await page.waitForURL(/blocked=\d+/);
    expect(await page.getByTestId("limit-file-applied").textContent()).toContain("Записано изменений: 1.");

    await page.goto(`${portal.baseUrl}/cabinet/limits?show=all`);
    const first = page.getByTestId("limit-lines").locator("tr", { hasText: picked[0] as string });
    expect(await first.textContent()).toMatch(/2\s000,00\s₽/);
    expect(await first.textContent()).toContain("уведомить · свой лимит номера");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${portal.baseUrl}/cabinet/limits/file`);
    await page.screenshot({ path: join(screenshots, "limits-file-phone.png"), fullPage: true });
  });
});
