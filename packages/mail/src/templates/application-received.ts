import { composeEmail, link, list, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { ApplicationSummary, EmailContent, Locale } from "../types.ts";
import { applicationFacts } from "./application-summary-facts.ts";

/** To the applicant: the application is received, what happens next; the PDF goes attached. */
export function applicationReceivedEmail(data: ApplicationSummary, locale: Locale): EmailContent {
  const m = messages[locale];
  return composeEmail({
    subject: m.received.subject(data.reference),
    heading: m.received.heading,
    blocks: [
      paragraph(m.received.intro(data.regionName)),
      applicationFacts(data, locale),
      list(m.received.next),
      link(m.received.status, data.statusUrl),
    ],
    footer: m.footer,
  });
}
