import { composeEmail, link, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { ApplicationSummary, EmailContent } from "../types.ts";
import { applicationFacts } from "./application-summary-facts.ts";

/** To the regional office: always in Russian, with the filled form attached by the caller. */
export function applicationToOfficeEmail(data: ApplicationSummary): EmailContent {
  const m = messages.ru;
  return composeEmail({
    subject: `Заявление на доступ к корпоративному кабинету ${data.reference} — ${data.companyName}`,
    heading: `Новое заявление ${data.reference}`,
    blocks: [
      paragraph(
        `Поступило заявление на подключение к корпоративному кабинету. Заполненный бланк — во вложении (PDF). Проверьте его по данным лицевого счёта и примите решение в консоли офиса.`,
      ),
      applicationFacts(data, "ru"),
      paragraph(`${m.verificationCode} на бланке: ${data.verificationCode}. По нему можно убедиться, что бумажный бланк совпадает с заявлением.`),
      link("Открыть заявление в консоли офиса", data.reviewUrl),
    ],
    footer: m.footer,
  });
}
