import { describe, expect, it } from "vitest";
import { escapeHtml } from "../compose.ts";
import type { Locale } from "../types.ts";
import { type SpendingLimitNoticeData, type SpendingLimitNoticeKind, spendingLimitNoticeEmail } from "./spending-limit-notice.ts";

const data = (kind: SpendingLimitNoticeKind, more = 0): SpendingLimitNoticeData => ({
  kind,
  companyName: "ООО «Ромашка» & <Co>",
  month: "ноябрь 2026",
  lines: [
    { number: "+7 912 345-67-89", employee: "Ёлкина Анна", limit: "5 000,00 ₽", spent: "4 012,50 ₽", policy: "block", warningShare: kind === "warning" ? "80 %" : undefined },
    { number: "+7 912 345-67-90", employee: null, limit: "1 000,00 ₽", spent: "1 000,00 ₽", policy: "split" },
  ],
  more,
  limitsUrl: "https://cabinet.test/cabinet/limits",
});

describe("spending limit notice", () => {
  const kinds: SpendingLimitNoticeKind[] = ["warning", "reached", "blocked", "unblocked"];
  const locales: Locale[] = ["ru", "en"];

  it("lists each line with its limit and spending in both parts, in both languages, with the company's name escaped", () => {
    for (const locale of locales) {
      for (const kind of kinds) {
        const mail = spendingLimitNoticeEmail(data(kind), locale);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        for (const value of ["+7 912 345-67-89", "Ёлкина Анна", "5 000,00 ₽", "4 012,50 ₽", "+7 912 345-67-90"]) {
          expect(mail.text).toContain(value);
          expect(mail.html).toContain(escapeHtml(value));
        }
        expect(mail.html).toContain("ООО «Ромашка» &amp; &lt;Co&gt;");
        expect(mail.html).not.toContain("<Co>");
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.text).toContain("https://cabinet.test/cabinet/limits");
      }
    }
  });

  it("says what the limit did in the subject, and counts the lines left out", () => {
    expect(spendingLimitNoticeEmail(data("blocked"), "ru").subject).toBe("Лимит расходов: заблокировано номеров: 2 (ООО «Ромашка» & <Co>)");
    expect(spendingLimitNoticeEmail({ ...data("blocked"), lines: data("blocked").lines.slice(0, 1) }, "en").subject).toBe(
      "Spending limit: a number was blocked (ООО «Ромашка» & <Co>)",
    );
    const many = spendingLimitNoticeEmail(data("warning", 48), "ru");
    expect(many.subject).toBe("Лимит расходов: предупреждение — номеров: 50 (ООО «Ромашка» & <Co>)");
    expect(many.text).toContain("И ещё номеров: 48.");
    expect(many.text).toContain("Порог: 80 %");
  });
});
