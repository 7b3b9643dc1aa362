import { applicationFieldLimits as limits, applicationFieldRules as rules } from "@cabinet/domain/application-fields";
import { z } from "zod";
import { hiddenText, text } from "./form-schema.ts";

/**
 * The access application. Each field's length is checked on what was typed, then the domain's own
 * rules for it run (`@cabinet/domain/application-fields`, browser-safe: the same rules in the page
 * and on the server). The numbers and the contact number are only limited here: parsing them takes
 * the phone-number library and the list as a whole (the contact number must be in it), which the
 * domain does when the application is submitted.
 */
export const applicationFormSchema = z.object({
  regionCode: text(limits.regionCode, { required: "region.required" }).pipe(rules.shape.regionCode),
  companyName: text(limits.companyName).pipe(rules.shape.companyName),
  ownerName: text(limits.ownerName).pipe(rules.shape.ownerName),
  accountNumber: text(limits.accountNumber).pipe(rules.shape.accountNumber),
  numbers: text(limits.numbers, { required: "numbers.required" }),
  contactNumber: text(limits.contactNumber),
  email: text(limits.email).pipe(rules.shape.email),
  representativeName: text(limits.representativeName).pipe(rules.shape.representativeName),
  submissionKey: hiddenText(limits.submissionKey).pipe(rules.shape.submissionKey),
});
