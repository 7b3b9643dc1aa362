import { composeEmail, link, list, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { ApplicationSummary, EmailContent, Locale } from "../types.ts";
import { applicationFacts } from "./application-summary-facts.ts";

/** To the applicant: the application is received, what happens next; the PDF goes attached. */
export function applicationReceivedEmail(data: ApplicationSummary, locale: Locale): EmailContent {
  const m = messages[locale];
  return composeEmail({
    lang: locale,
    subject: m.received.subject(data.reference),
    heading: m.received.heading,
    blocks: [
      paragraph(m.received.intro(data.regionName)),
      applicationFacts(data, locale),
      list(m.received.next),
      paragraph(m.received.statusHint(data.reference, data.email)),
      link(m.received.status, data.statusUrl),
      paragraph(m.received.contact(data.officeEmail)),
    ],
    footer: m.footer,
  });
}
