import { composeEmail, facts, link, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { EmailContent, Locale } from "../types.ts";

export type SpendingLimitNoticeKind = "warning" | "reached" | "blocked" | "unblocked";
export type SpendingLimitPolicy = "notify" | "block" | "split";

/**
 * To a company's administrators: lines of the company crossed a threshold of their monthly spending
 * limit (or were unblocked). One e-mail lists every line that crossed the same kind of threshold in
 * one rating batch or one change of limits. Display-ready strings.
 */
export interface SpendingLimitNoticeData {
  kind: SpendingLimitNoticeKind;
  companyName: string;
  /** "ноябрь 2026" / "November 2026". */
  month: string;
  lines: {
    /** "+7 912 345-67-89" */
    number: string;
    employee: string | null;
    /** "5 000,00 ₽" */
    limit: string;
    /** This month's spending against the limit (the company's part), "4 012,50 ₽". */
    spent: string;
    policy: SpendingLimitPolicy;
    /** The warning's share, "80 %" (warning only). */
    warningShare?: string;
  }[];
  /** Lines left out of the list to keep the e-mail short. */
  more: number;
  limitsUrl: string | null;
}

// This template's texts in both languages (the shared footer comes from messages.ts).
const texts = {
  ru: {
    subject: {
      warning: (company: string, count: number) => `Лимит расходов: предупреждение — ${count === 1 ? "номер" : `номеров: ${count}`} (${company})`,
      reached: (company: string, count: number) => `Лимит расходов достигнут — ${count === 1 ? "номер" : `номеров: ${count}`} (${company})`,
      blocked: (company: string, count: number) => `Лимит расходов: ${count === 1 ? "номер заблокирован" : `заблокировано номеров: ${count}`} (${company})`,
      unblocked: (company: string, count: number) => `Лимит расходов: ${count === 1 ? "номер разблокирован" : `разблокировано номеров: ${count}`} (${company})`,
    },
    heading: {
      warning: "Расходы приближаются к лимиту",
      reached: "Лимит расходов достигнут",
      blocked: "Номер заблокирован по лимиту расходов",
      unblocked: "Номер снова работает",
    },
    intro: {
      warning: (month: string) => `Расходы за ${month} достигли порога предупреждения по лимиту.`,
      reached: (month: string) => `Расходы за ${month} достигли месячного лимита.`,
      blocked: (month: string) =>
        `Расходы за ${month} достигли месячного лимита. Платные исходящие звонки, SMS и интернет отключены до начала следующего месяца или до повышения лимита; входящие звонки и бесплатные услуги работают.`,
      unblocked: (month: string) => `Блокировка по лимиту расходов снята (${month}): лимит повышен или снят, или начался новый месяц.`,
    },
    policy: {
      notify: "Компания продолжает оплачивать связь сверх лимита.",
      block: "Платная связь остановлена.",
      split: "Расходы сверх лимита оплачивает сотрудник.",
    },
    number: "Номер",
    employee: "Сотрудник",
    limit: "Лимит",
    spent: "Израсходовано",
    share: "Порог",
    more: (count: number) => `И ещё номеров: ${count}. Все номера — на странице лимитов в кабинете.`,
    cta: "Открыть лимиты в кабинете",
  },
  en: {
    subject: {
      warning: (company: string, count: number) => `Spending limit warning — ${count === 1 ? "a number" : `${count} numbers`} (${company})`,
      reached: (company: string, count: number) => `Spending limit reached — ${count === 1 ? "a number" : `${count} numbers`} (${company})`,
      blocked: (company: string, count: number) => `Spending limit: ${count === 1 ? "a number was" : `${count} numbers were`} blocked (${company})`,
      unblocked: (company: string, count: number) => `Spending limit: ${count === 1 ? "a number was" : `${count} numbers were`} unblocked (${company})`,
    },
    heading: {
      warning: "Spending is close to the limit",
      reached: "Spending limit reached",
      blocked: "Number blocked by its spending limit",
      unblocked: "The number works again",
    },
    intro: {
      warning: (month: string) => `Spending in ${month} has reached the warning threshold of the limit.`,
      reached: (month: string) => `Spending in ${month} has reached the monthly limit.`,
      blocked: (month: string) =>
        `Spending in ${month} has reached the monthly limit. Paid outgoing calls, SMS and data are stopped until the next month starts or the limit is raised; incoming calls and free services still work.`,
      unblocked: (month: string) => `The spending-limit block was lifted (${month}): the limit was raised or removed, or a new month began.`,
    },
    policy: {
      notify: "The company keeps paying for usage above the limit.",
      block: "Paid usage is stopped.",
      split: "Usage above the limit is paid by the employee.",
    },
    number: "Number",
    employee: "Employee",
    limit: "Limit",
    spent: "Spent",
    share: "Threshold",
    more: (count: number) => `And ${count} more numbers. Every number is on the limits page of the cabinet.`,
    cta: "Open the limits in the cabinet",
  },
} satisfies Record<Locale, unknown>;

export function spendingLimitNoticeEmail(data: SpendingLimitNoticeData, locale: Locale): EmailContent {
  const t = texts[locale];
  const count = data.lines.length + data.more;
  const policies = [...new Set(data.lines.map((line) => line.policy))];
  return composeEmail({
    lang: locale,
    subject: t.subject[data.kind](data.companyName, count),
    heading: t.heading[data.kind],
    blocks: [
      paragraph(t.intro[data.kind](data.month)),
      ...(data.kind === "reached" ? policies.map((policy) => paragraph(t.policy[policy])) : []),
      ...data.lines.map((line) =>
        facts([
          [t.number, line.number],
          ...(line.employee ? ([[t.employee, line.employee]] as [string, string][]) : []),
          [t.limit, line.limit],
          [t.spent, line.spent],
          ...(line.warningShare ? ([[t.share, line.warningShare]] as [string, string][]) : []),
        ]),
      ),
      ...(data.more > 0 ? [paragraph(t.more(data.more))] : []),
      ...(data.limitsUrl ? [link(t.cta, data.limitsUrl)] : []),
    ],
    footer: messages[locale].footer,
  });
}
