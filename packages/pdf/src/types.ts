// Contract of the pdf package (re-exported from index.ts).

export interface FormRegion {
  /** Region name in Russian, e.g. "Урал". */
  nameRu: string;
  nameEn: string;
  officeEmail: string;
  officePhone: string;
}

/** Everything printed on a filled access application. All strings are display-ready. */
export interface ApplicationFormData {
  reference: string; // "URL-2026-000123"
  issuedOn: string; // "25.11.2026" in the region's time zone
  region: FormRegion;
  companyName: string;
  ownerName: string;
  accountNumber: string;
  numbers: string[]; // display form, e.g. "+7 912 345-67-89"
  contactNumber: string; // display form, one of numbers
  email: string;
  representativeName: string;
  verificationCode: string; // "7KQ4-M2XD-9PLT"
  verificationUrl: string; // encoded in the QR code
}
