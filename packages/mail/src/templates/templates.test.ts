import { describe, expect, it } from "vitest";
import type { ApplicationSummary } from "../types.ts";
import { applicationApprovedEmail } from "./application-approved.ts";
import { applicationReceivedEmail } from "./application-received.ts";
import { applicationRejectedEmail } from "./application-rejected.ts";
import { applicationToOfficeEmail } from "./application-to-office.ts";

const summary: ApplicationSummary = {
  reference: "URL-2026-000123",
  submittedOn: "25.11.2026",
  regionName: "Урал",
  officeEmail: "corporate.ural@operator.example",
  companyName: `ООО «Ромашка» & "Ко" <script>`,
  ownerName: "Ёлкина-Д'Арк Анна Петровна",
  accountNumber: "100200300",
  numbers: ["+7 912 345-67-89", "+7 912 345-67-90"],
  contactNumber: "+7 912 345-67-89",
  email: "director@romashka.example",
  representativeName: "Петров Пётр Петрович",
  verificationCode: "7KQ4-M2XD-9PLT",
  statusUrl: "http://cabinet.test/apply/status",
  reviewUrl: "http://cabinet.test/office/applications/1",
};

describe("e-mail templates", () => {
  it("tells the office every field of the application, in Russian", () => {
    const mail = applicationToOfficeEmail(summary);
    expect(mail.subject).toContain("URL-2026-000123");
    for (const value of [summary.ownerName, summary.accountNumber, ...summary.numbers, summary.email, summary.verificationCode, summary.reviewUrl]) {
      expect(mail.text).toContain(value);
    }
    expect(mail.text).toContain(summary.companyName);
  });

  it("escapes values in HTML and keeps the text part free of tags", () => {
    const mail = applicationToOfficeEmail(summary);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("ООО «Ромашка» &amp; &quot;Ко&quot; &lt;script&gt;");
    expect(mail.html).toContain("Ёлкина-Д&#39;Арк");
    expect(mail.text).not.toMatch(/<(table|p|td|a)\b/);
  });

  it("confirms receipt to the applicant in their language", () => {
    const ru = applicationReceivedEmail(summary, "ru");
    const en = applicationReceivedEmail({ ...summary, regionName: "Ural" }, "en");
    expect(ru.subject).toBe("Заявление URL-2026-000123 принято");
    expect(en.subject).toBe("Application URL-2026-000123 received");
    expect(en.text).toContain("Ural office");
    expect(en.text).toContain(summary.statusUrl);
  });

  it("gives the login on approval and says the password comes by SMS, never the password", () => {
    for (const locale of ["ru", "en"] as const) {
      const mail = applicationApprovedEmail(
        { reference: "URL-2026-000123", companyName: "ООО «Ромашка»", login: "c100200300", regionName: "Урал", loginUrl: "http://cabinet.test/login?region=ural" },
        locale,
      );
      expect(mail.text).toContain("c100200300");
      expect(mail.text).toMatch(/SMS/);
      expect(mail.text.toLowerCase()).not.toMatch(/пароль:|password:/);
    }
  });

  it("gives the reason of a rejection and the office's contacts", () => {
    const mail = applicationRejectedEmail(
      {
        reference: "URL-2026-000123",
        companyName: "ООО «Ромашка»",
        reason: "Лицевой счёт не найден",
        regionName: "Урал",
        officeEmail: "corporate.ural@operator.example",
        officePhone: "+7 343 000-00-07",
        applyUrl: "http://cabinet.test/apply",
      },
      "ru",
    );
    expect(mail.text).toContain("Лицевой счёт не найден");
    expect(mail.text).toContain("corporate.ural@operator.example");
    expect(mail.html).toContain("http://cabinet.test/apply");
  });
});
