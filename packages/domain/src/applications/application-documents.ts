import type { ApplicationSummary, Locale } from "@cabinet/mail";
import type { ApplicationFormData } from "@cabinet/pdf";
import type { Deps } from "../deps.ts";
import type { applications } from "../db/schema.ts";
import type { Region } from "../regions/regions.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";
import { formatRegionDate } from "../shared/region-time.ts";

type ApplicationFields = Pick<
  typeof applications.$inferSelect,
  | "reference"
  | "submittedAt"
  | "companyName"
  | "ownerName"
  | "accountNumber"
  | "numbers"
  | "contactNumber"
  | "email"
  | "representativeName"
  | "verificationCode"
>;

export function verificationUrl(deps: Deps, code: string): string {
  return `${deps.config.publicUrl}/office/verify?code=${encodeURIComponent(code)}`;
}

export function applicationPdfFilename(reference: string): string {
  return `zayavlenie-${reference}.pdf`;
}

/** What the PDF renderer prints for an application: display-ready strings only. */
export function applicationFormData(deps: Deps, app: ApplicationFields, region: Region): ApplicationFormData {
  return {
    reference: app.reference,
    issuedOn: formatRegionDate(app.submittedAt, region.timeZone),
    region: {
      nameRu: region.nameRu,
      nameEn: region.nameEn,
      officeEmail: region.officeEmail,
      officePhone: region.officePhone,
    },
    companyName: app.companyName,
    ownerName: app.ownerName,
    accountNumber: app.accountNumber,
    numbers: app.numbers.map(formatMsisdn),
    contactNumber: formatMsisdn(app.contactNumber),
    email: app.email,
    representativeName: app.representativeName,
    verificationCode: app.verificationCode,
    verificationUrl: verificationUrl(deps, app.verificationCode),
  };
}

/** What the e-mails about an application summarise. */
export function applicationSummary(
  deps: Deps,
  app: ApplicationFields & { id: number },
  region: Region,
  locale: Locale,
): ApplicationSummary {
  const form = applicationFormData(deps, app, region);
  return {
    reference: app.reference,
    submittedOn: form.issuedOn,
    regionName: locale === "en" ? region.nameEn : region.nameRu,
    officeEmail: region.officeEmail,
    companyName: app.companyName,
    ownerName: app.ownerName,
    accountNumber: app.accountNumber,
    numbers: form.numbers,
    contactNumber: form.contactNumber,
    email: app.email,
    representativeName: app.representativeName,
    verificationCode: app.verificationCode,
    statusUrl: `${deps.config.publicUrl}/apply/status`,
    reviewUrl: `${deps.config.publicUrl}/office/applications/${app.id}`,
  };
}
