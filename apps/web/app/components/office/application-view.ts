// What the office's application page shows, as its loader hands it to the page's components.
import type { ApplicationStatus } from "@cabinet/domain";
import type { Locale } from "~/i18n/i18n";

export interface ApplicationView {
  id: number;
  reference: string;
  status: ApplicationStatus;
  regionName: string;
  companyName: string;
  ownerName: string;
  accountNumber: string;
  /** Formatted for reading (`+7 912 345-67-89`). */
  numbers: string[];
  contactNumber: string;
  email: string;
  representativeName: string;
  locale: Locale;
  submittedAt: string | null;
  verificationCode: string;
}

/** One check against the operator's records, with what it found. */
export interface CheckView {
  code: string;
  ok: boolean;
  /** Numbers that are not the account's (for `numbers.belong`). */
  foreign: string[];
  /** The owner's name on record (for `owner.matches`); null when there is none. */
  onRecord: string | null;
}

export interface DecisionView {
  at: string | null;
  by: string | null;
  comment: string | null;
  checksOverridden: boolean;
}

/** The company administrator's login the approval created. */
export interface AdminView {
  login: string;
  locked: boolean;
  temporary: boolean;
}

export interface TrailEntryView {
  key: number;
  at: string | null;
  action: string;
  actorLabel: string;
  after: Record<string, unknown> | null;
}

/** The notice shown after a decision was made here (`?done=…`). */
export const doneNotices = ["approved", "rejected", "password"] as const;
export type DoneNotice = (typeof doneNotices)[number];
