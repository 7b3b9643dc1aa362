import { composeEmail, facts, link, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { EmailContent, Locale } from "../types.ts";

export interface ApprovalData {
  reference: string;
  companyName: string;
  login: string;
  regionName: string;
  loginUrl: string;
}

/** To the applicant: access is open. The login only: the password goes by SMS, never by e-mail. */
export function applicationApprovedEmail(data: ApprovalData, locale: Locale): EmailContent {
  const m = messages[locale];
  return composeEmail({
    lang: locale,
    subject: m.approved.subject(data.reference),
    heading: m.approved.heading,
    blocks: [
      paragraph(m.approved.intro(data.companyName, data.regionName)),
      facts([
        [m.reference, data.reference],
        [m.region, data.regionName],
        [m.approved.login, data.login],
      ]),
      paragraph(m.approved.password),
      link(m.approved.cta, data.loginUrl),
    ],
    footer: m.footer,
  });
}
