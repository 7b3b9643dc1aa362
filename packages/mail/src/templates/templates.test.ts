import { describe, expect, it } from "vitest";
import { escapeHtml } from "../compose.ts";
import type { ApplicationSummary, EmailContent, Locale } from "../types.ts";
import { type ApprovalData, applicationApprovedEmail } from "./application-approved.ts";
import { applicationReceivedEmail } from "./application-received.ts";
import { applicationRejectedEmail, type RejectionData } from "./application-rejected.ts";
import { applicationToOfficeEmail } from "./application-to-office.ts";

const locales: Locale[] = ["ru", "en"];

const summary: ApplicationSummary = {
  reference: "URL-2026-000123",
  submittedOn: "25.11.2026",
  regionName: "Урал",
  officeEmail: "corporate.ural@operator.example",
  companyName: "ООО «Ромашка»",
  ownerName: "Иванов Иван Иванович",
  accountNumber: "100200300",
  numbers: ["+7 912 345-67-89", "+7 912 345-67-90", "+7 912 345-67-91"],
  contactNumber: "+7 912 000-00-01",
  email: "director@romashka.example",
  representativeName: "Петров Пётр Петрович",
  verificationCode: "7KQ4-M2XD-9PLT",
  statusUrl: "https://cabinet.test/apply/status",
  reviewUrl: "https://cabinet.test/office/applications/1",
};

const approval: ApprovalData = {
  reference: "URL-2026-000123",
  companyName: "ООО «Ромашка»",
  login: "c100200300",
  regionName: "Урал",
  loginUrl: "https://cabinet.test/login?region=ural",
};

const rejection: RejectionData = {
  reference: "URL-2026-000123",
  companyName: "ООО «Ромашка»",
  reason: "Лицевой счёт не найден",
  regionName: "Урал",
  officeEmail: "corporate.ural@operator.example",
  officePhone: "+7 343 000-00-07",
  applyUrl: "https://cabinet.test/apply",
};

/** Every value of the summary, in the order the facts table lists them. */
const summaryValues = (s: ApplicationSummary) => [
  s.reference,
  s.submittedOn,
  s.regionName,
  s.companyName,
  s.ownerName,
  s.accountNumber,
  ...s.numbers,
  s.contactNumber,
  s.email,
  s.representativeName,
  s.verificationCode,
];

/** Values as they must appear in HTML. */
const inHtml = (value: string) => escapeHtml(value);

/** The text part carries no markup, and both parts carry the value. */
function expectInBothParts(mail: EmailContent, values: string[]) {
  for (const value of values) {
    expect(mail.text).toContain(value);
    expect(mail.html).toContain(inHtml(value));
  }
}

function expectWellFormed(mail: EmailContent, lang: Locale) {
  expect(mail.subject.length).toBeGreaterThan(0);
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.text).not.toMatch(/<\/?[a-z][a-z0-9]*[\s>/]/i);
  expect(mail.text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
  expect(mail.html).toMatch(/^<!doctype html><html lang="(ru|en)">/);
  expect(mail.html).toContain(`lang="${lang}"`);
  expect(mail.html).toContain('<meta charset="utf-8">');
  expect(mail.html).toContain("<table");
  expect(mail.html).not.toMatch(/<script/i);
  // Operator-neutral: the product name, no operator brand.
  expect(mail.text).toContain(lang === "ru" ? "Корпоративный кабинет" : "Corporate cabinet");
}

const allMails = (): [string, Locale, EmailContent][] => [
  ["office", "ru", applicationToOfficeEmail(summary)],
  ...locales.flatMap((l): [string, Locale, EmailContent][] => [
    ["received", l, applicationReceivedEmail(summary, l)],
    ["approved", l, applicationApprovedEmail(approval, l)],
    ["rejected", l, applicationRejectedEmail(rejection, l)],
  ]),
];

describe("escapeHtml", () => {
  it("escapes the five markup characters and leaves other text alone", () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;",
    );
    expect(escapeHtml("ООО «Ромашка» — №1")).toBe("ООО «Ромашка» — №1");
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe("e-mail to the regional office", () => {
  const mail = applicationToOfficeEmail(summary);

  it("has the reference and the company in the subject", () => {
    expect(mail.subject).toBe("Заявление на доступ к корпоративному кабинету URL-2026-000123 — ООО «Ромашка»");
  });

  it("summarises every field of the application, in Russian", () => {
    expectInBothParts(mail, summaryValues(summary));
    for (const label of ["Номер заявления", "Дата", "Регион", "Организация", "ФИО собственника", "Лицевой счёт", "Номера", "Контактный номер", "Электронная почта", "Представитель", "Код проверки"]) {
      expect(mail.text).toContain(label);
    }
  });

  it("lists every number, one per line", () => {
    for (const n of summary.numbers) {
      expect(mail.text).toMatch(new RegExp(`^ {2}${n.replace(/[+]/g, "\\+")}$`, "m"));
      expect(mail.html).toContain(n);
    }
    const many = { ...summary, numbers: Array.from({ length: 50 }, (_, i) => `+7 900 000-00-${String(i).padStart(2, "0")}`) };
    const big = applicationToOfficeEmail(many);
    for (const n of many.numbers) expect(big.text).toContain(n);
  });

  it("says the form is attached and links to the office console with the verification code", () => {
    expect(mail.text).toMatch(/во вложении \(PDF\)/);
    expect(mail.text).toContain(`Открыть заявление в консоли офиса: ${summary.reviewUrl}`);
    expect(mail.html).toContain(`href="${summary.reviewUrl}"`);
    expect(mail.text).toContain(`Код проверки на бланке: ${summary.verificationCode}`);
  });
});

describe("e-mail confirming receipt to the applicant", () => {
  it.each(locales)("(%s) has the reference, the summary, next steps, the status link and the attachment note", (locale) => {
    const mail = applicationReceivedEmail(summary, locale);
    expect(mail.subject).toBe(locale === "ru" ? "Заявление URL-2026-000123 принято" : "Application URL-2026-000123 received");
    expectInBothParts(mail, [...summaryValues(summary), summary.statusUrl, summary.officeEmail]);
    expect(mail.html).toContain(`href="${summary.statusUrl}"`);
    if (locale === "ru") {
      expect(mail.text).toContain("проверит заявление по данным лицевого счёта");
      expect(mail.text).toContain("логин и временный пароль придут SMS на контактный номер");
      expect(mail.text).toContain(`по номеру заявления ${summary.reference} и адресу электронной почты ${summary.email}`);
      expect(mail.text).toMatch(/PDF — во вложении.*распечатайте, подпишите и принесите/);
    } else {
      expect(mail.text).toContain("checks the application against the personal account");
      expect(mail.text).toContain("the login and a temporary password come by SMS to the contact number");
      expect(mail.text).toContain(`with the reference ${summary.reference} and the e-mail address ${summary.email}`);
      expect(mail.text).toMatch(/PDF application is attached.*print it, sign it and bring it in/);
      expect(mail.text).not.toMatch(/Номер заявления|Организация|Представитель|Корпоративный кабинет/);
    }
  });
});

describe("approval e-mail", () => {
  it.each(locales)("(%s) gives the login and the login link, says the password came by SMS", (locale) => {
    const mail = applicationApprovedEmail(approval, locale);
    expect(mail.subject).toContain(approval.reference);
    expectInBothParts(mail, [approval.reference, approval.companyName, approval.login, approval.regionName, approval.loginUrl]);
    expect(mail.html).toContain(`href="${inHtml(approval.loginUrl)}"`);
    expect(mail.text).toMatch(/SMS/);
    expect(mail.text).toMatch(locale === "ru" ? /При первом входе задайте свой пароль/ : /Choose your own password at the first login/);
  });

  it.each(locales)("(%s) has no password field or value", (locale) => {
    const mail = applicationApprovedEmail(approval, locale);
    for (const part of [mail.text, mail.html, mail.subject]) {
      expect(part).not.toMatch(/(пароль|password)\s*[:=—-]/i);
      expect(part).not.toMatch(/временный пароль\s*:|temporary password\s*:/i);
    }
    // The only facts are the reference, the region and the login.
    expect(mail.text.match(/^[^\n:]+: /gm)).toEqual(
      locale === "ru"
        ? ["Номер заявления: ", "Регион: ", "Ваш логин: ", "Войти в кабинет: "]
        : ["Reference: ", "Region: ", "Your login: ", "Log in to the cabinet: "],
    );
  });
});

describe("rejection e-mail", () => {
  it.each(locales)("(%s) gives the reason, the office's contacts and a link to apply again", (locale) => {
    const mail = applicationRejectedEmail(rejection, locale);
    expect(mail.subject).toContain(rejection.reference);
    expectInBothParts(mail, [rejection.reference, rejection.companyName, rejection.reason, rejection.regionName, rejection.officeEmail, rejection.officePhone, rejection.applyUrl]);
    expect(mail.html).toContain(`href="${rejection.applyUrl}"`);
    expect(mail.text).toContain(locale === "ru" ? "Причина: Лицевой счёт не найден" : "Reason: Лицевой счёт не найден");
  });
});

describe("every e-mail", () => {
  it.each(allMails())("%s (%s) has a clean text part and a well-formed HTML part", (_name, lang, mail) => {
    expectWellFormed(mail, lang);
  });

  it("escapes hostile and typographic characters in every interpolated value", () => {
    const evil = `<script>alert(1)</script> «Ромашка» "Ко" & Д'Арк`;
    const escaped = `&lt;script&gt;alert(1)&lt;/script&gt; «Ромашка» &quot;Ко&quot; &amp; Д&#39;Арк`;
    const evilSummary: ApplicationSummary = {
      ...summary,
      companyName: evil,
      ownerName: evil,
      representativeName: evil,
      regionName: evil,
      numbers: [evil],
      statusUrl: `https://cabinet.test/status?a=1&b="x"`,
      reviewUrl: `https://cabinet.test/review?a=1&b=<x>`,
    };
    const mails = [
      applicationToOfficeEmail(evilSummary),
      ...locales.flatMap((l) => [
        applicationReceivedEmail(evilSummary, l),
        applicationApprovedEmail({ ...approval, companyName: evil, login: evil, regionName: evil }, l),
        applicationRejectedEmail({ ...rejection, companyName: evil, reason: evil, regionName: evil }, l),
      ]),
    ];
    for (const mail of mails) {
      expect(mail.html).not.toContain("<script>");
      expect(mail.html).not.toContain(`"Ко"`);
      expect(mail.html).toContain(escaped);
      expect(mail.text).toContain(evil); // the text part carries the raw value
    }
    expect(mails[0]?.html).toContain(`href="https://cabinet.test/review?a=1&amp;b=&lt;x&gt;"`);
    expect(mails[1]?.html).toContain(`href="https://cabinet.test/status?a=1&amp;b=&quot;x&quot;"`);
  });

  it("never turns a non-web URL into a link", () => {
    const mail = applicationRejectedEmail({ ...rejection, applyUrl: "javascript:alert(1)" }, "en");
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.html).toContain("javascript:alert(1)");
  });
});
