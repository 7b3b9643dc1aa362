import { composeEmail, link, paragraph } from "../compose.ts";
import { messages, officeMessages } from "../messages.ts";
import type { ApplicationSummary, EmailContent } from "../types.ts";
import { applicationFacts } from "./application-summary-facts.ts";

/** To the regional office: always in Russian, with the filled form attached by the caller. */
export function applicationToOfficeEmail(data: ApplicationSummary): EmailContent {
  const m = officeMessages;
  return composeEmail({
    lang: "ru",
    subject: m.subject(data.reference, data.companyName),
    heading: m.heading(data.reference),
    blocks: [
      paragraph(m.intro),
      applicationFacts(data, "ru"),
      paragraph(m.verification(data.verificationCode)),
      link(m.cta, data.reviewUrl),
    ],
    footer: messages.ru.footer,
  });
}
