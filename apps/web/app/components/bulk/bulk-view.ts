import type { FieldError } from "~/forms/form-schema";

/** While a change runs (or waits for a worker), its pages refresh themselves, also without JavaScript. */
export const REFRESH_SECONDS = 3;

/** What the bulk change's page shows of it (the loader's shape, formatted for the reader). */
export interface BulkChangeView {
  id: number;
  status: "preview" | "scheduled" | "queued" | "running" | "done" | "failed" | "cancelled";
  inProgress: boolean;
  createdAt: string;
  author: string;
  source:
    | { kind: "lines"; dropped: number }
    | { kind: "filter"; query: { q?: string } }
    | { kind: "department"; departmentName: string | null }
    | { kind: "list"; fileName: string | null; entries: number };
  tariff: string | null;
  servicesOn: string[];
  servicesOff: string[];
  changeCount: number;
  changeCountText: string;
  refusedCountText: string;
  feeBefore: string;
  feeAfter: string;
  difference: string;
  refusalsByReason: { reason: string; count: string }[];
  effective: "now" | "next_month" | null;
  runAfter: string | null;
  progress: { done: number; total: number } | null;
  jobError: string | null;
  appliedAt: string | null;
  finishedAt: string | null;
  refusal: { msisdn: string } | null;
  nextMonthStart: string;
}

export interface BulkLineView {
  seq: number;
  sourceRow: number | null;
  lineId: number | null;
  number: string;
  employeeName: string | null;
  tariffBefore: string;
  tariffAfter: string;
  servicesBefore: string[];
  servicesAfter: string[];
  feeBefore: string;
  feeAfter: string;
  difference: string;
  refusal: string | null;
  refusalService: string | null;
}

export interface BulkLinesPage {
  page: number;
  pageCount: number;
  total: number;
  lines: BulkLineView[];
}

export interface BulkActionAnswer {
  intent: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: conform's reply of whichever form was sent
  result: any;
  refusal: FieldError | null;
}
