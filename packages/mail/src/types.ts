export type Locale = "ru" | "en";
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Everything the e-mails about an access application summarise; display-ready strings. */
export interface ApplicationSummary {
  reference: string;
  submittedOn: string;
  regionName: string;
  officeEmail: string;
  companyName: string;
  ownerName: string;
  accountNumber: string;
  numbers: string[];
  contactNumber: string;
  email: string;
  representativeName: string;
  verificationCode: string;
  statusUrl: string;
  reviewUrl: string;
}
