import { facts } from "../compose.ts";
import { messages } from "../messages.ts";
import type { ApplicationSummary, Locale } from "../types.ts";

/** Every field of an application as a facts table. */
export function applicationFacts(data: ApplicationSummary, locale: Locale) {
  const m = messages[locale];
  return facts([
    [m.reference, data.reference],
    [m.submittedOn, data.submittedOn],
    [m.region, data.regionName],
    [m.companyName, data.companyName],
    [m.ownerName, data.ownerName],
    [m.accountNumber, data.accountNumber],
    [m.numbers, data.numbers],
    [m.contactNumber, data.contactNumber],
    [m.email, data.email],
    [m.representativeName, data.representativeName],
    [m.verificationCode, data.verificationCode],
  ]);
}
