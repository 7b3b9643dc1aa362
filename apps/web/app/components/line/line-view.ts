// What the line's page hands its parts: plain values the loader made ready to show.
import type { FieldError, SubmissionResult } from "~/forms/form-schema";

export type BlockReason = "loss" | "voluntary" | "limit";
export type LineStatus = "active" | `blocked_${BlockReason}`;

export interface LineView {
  id: number;
  msisdn: string;
  version: number;
  employeeName: string | null;
  department: { id: number; name: string } | null;
  tariff: { name: string; monthlyFee: number } | null;
  status: LineStatus;
  blocks: BlockReason[];
}

export interface MonthView {
  billingMonth: string;
  spending: number;
  used: { minutes: number; sms: number; dataKb: number };
  included: { minutes: number; sms: number; dataKb: number };
  remaining: { minutes: number; sms: number; dataKb: number };
  ratedThrough: string | null;
}

export interface ServiceView {
  id: number;
  name: string;
  description: string;
  monthlyFee: number;
  on: boolean;
}

export interface HistoryView {
  page: number;
  hasMore: boolean;
  events: { id: number; at: string; actorLabel: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
  departmentNames: Record<string, string>;
  serviceNames: Record<string, string>;
}

/** The success notices after a redirect (`?done=`). */
export const lineDoneNotices = ["serviceOn", "serviceOff", "blockedLoss", "blockedVoluntary", "unblocked", "employee", "unchanged", "tariff"] as const;
export type LineDone = (typeof lineDoneNotices)[number];

/** What the action answers when it does not redirect. */
export interface LineAnswer {
  intent: "service" | "block" | "unblock" | "employee" | "limit" | "removeLimit" | "tariff" | null;
  result?: SubmissionResult<FieldError>;
  /** Saved from an outdated version: changed by someone else meanwhile. */
  stale?: true;
  /** A reason the domain refused the change (a code of the catalogues' `errors.`). */
  refused?: string;
  unknownAction?: true;
}

