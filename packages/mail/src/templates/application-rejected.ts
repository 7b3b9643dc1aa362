import { composeEmail, facts, link, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { EmailContent, Locale } from "../types.ts";

export interface RejectionData {
  reference: string;
  companyName: string;
  reason: string;
  regionName: string;
  officeEmail: string;
  officePhone: string;
  applyUrl: string;
}

/** To the applicant: the application was rejected, why, and whom to ask. */
export function applicationRejectedEmail(data: RejectionData, locale: Locale): EmailContent {
  const m = messages[locale];
  return composeEmail({
    lang: locale,
    subject: m.rejected.subject(data.reference),
    heading: m.rejected.heading,
    blocks: [
      paragraph(m.rejected.intro(data.companyName, data.regionName)),
      facts([
        [m.reference, data.reference],
        [m.rejected.reason, data.reason],
      ]),
      paragraph(m.rejected.contact(data.officeEmail, data.officePhone)),
      link(m.rejected.cta, data.applyUrl),
    ],
    footer: m.footer,
  });
}
