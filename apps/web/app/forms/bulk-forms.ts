import { z } from "zod";
import { hiddenText, text } from "./form-schema.ts";
import { LINE_SEARCH_MAX, lineStatusOptions } from "./lines-filter-form.ts";

// The bulk change's forms. Browser-safe: the domain's limits are repeated here (bulk-forms.test.ts
// holds them equal).

/** Where the lines come from (the domain's sources; `lines` is also the savings advice's entry). */
export const bulkSourceOptions = ["lines", "filter", "department", "numbers", "file"] as const;
export type BulkSourceOption = (typeof bulkSourceOptions)[number];

/** As many ids as a selection may name (the domain's LINE_SELECTION_IDS_MAX). */
export const BULK_LINE_IDS_MAX = 10_000;
/** A pasted list's limit (the domain's NUMBER_TEXT_MAX_CHARS). */
export const BULK_NUMBERS_MAX_CHARS = 200_000;
/** An uploaded list's limit (the domain's NUMBER_FILE_MAX_BYTES). */
export const BULK_FILE_MAX_BYTES = 10 * 1024 * 1024;

const id = z.coerce.number({ error: "form.expired" }).int({ error: "form.expired" }).positive({ error: "form.expired" });
/** An id chosen from a list; "" is "none chosen". */
const chosen = z.coerce.number().int().positive().optional();

/**
 * The bulk change's first step (a multipart POST to /cabinet/bulk): which lines, and what to change.
 * `source` says which of the line fields counts; `service` is one `<serviceId>:on|off` per service
 * switched (a select per service whose "leave as it is" sends nothing). The same fields are the
 * entry other pages post to (`source=lines`, repeated `lineId`, `tariffId`).
 */
export const bulkPreviewFormSchema = z
  .object({
    source: z.enum(bulkSourceOptions, { error: "form.expired" }),
    lineId: z.array(id).max(BULK_LINE_IDS_MAX, { error: "form.expired" }).default([]),
    // The lines list's filter, for `source=filter`.
    q: text(LINE_SEARCH_MAX, { required: "form.expired", tooLong: "form.expired" }).optional(),
    status: z.enum(lineStatusOptions).optional().catch(undefined),
    tariff: chosen.catch(undefined),
    department: chosen.catch(undefined),
    departmentId: chosen,
    numbers: text(BULK_NUMBERS_MAX_CHARS).optional(),
    file: z.instanceof(File).optional(),
    tariffId: chosen,
    service: z
      .array(z.string().regex(/^\d{1,9}:(on|off)$/, "form.expired").optional())
      .max(200, { error: "form.expired" })
      .default([]),
  })
  .superRefine((form, ctx) => {
    const missing = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (form.source === "lines" && form.lineId.length === 0) missing("lineId", "bulk.lines.none");
    if (form.source === "department" && form.departmentId === undefined) missing("departmentId", "bulk.department.required");
    if (form.source === "numbers" && !form.numbers?.trim()) missing("numbers", "bulk.numbers.required");
    if (form.source === "file") {
      if (!form.file || form.file.size === 0) missing("file", "bulk.file.required");
      else if (form.file.size > BULK_FILE_MAX_BYTES) missing("file", "bulk.file.tooLarge");
    }
    if (form.tariffId === undefined && form.service.every((s) => !s)) missing("tariffId", "bulk.target.empty");
  });

export type BulkPreviewForm = z.output<typeof bulkPreviewFormSchema>;

/** The services a preview form switches: `12:on` → on [12]. */
export function switchedServices(values: readonly (string | undefined)[]): { servicesOn: number[]; servicesOff: number[] } {
  const servicesOn: number[] = [];
  const servicesOff: number[] = [];
  for (const value of values) {
    if (!value) continue;
    const [serviceId, state] = value.split(":");
    (state === "on" ? servicesOn : servicesOff).push(Number(serviceId));
  }
  return { servicesOn, servicesOff };
}

/**
 * The lines list's selection in the bulk page's URL, as the list writes it for every bulk action:
 * `?scope=lines&line=…` (ticked) or `?scope=filter&q=…&status=…&tariff=…&department=…`.
 */
export const bulkStartQuerySchema = z.object({
  scope: z.enum(["lines", "filter"]).optional().catch(undefined),
  line: z.array(z.coerce.number().int().positive()).max(BULK_LINE_IDS_MAX).catch([]).default([]),
  q: z.string().max(LINE_SEARCH_MAX).optional().catch(undefined),
  status: z.enum(lineStatusOptions).optional().catch(undefined),
  tariff: chosen.catch(undefined),
  department: chosen.catch(undefined),
});

/** A stored preview's page: its two lists' pages. */
export const bulkChangePageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  refusedPage: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

/** The jobs page's page. */
export const bulkJobsQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1) });

/** Which of a stored preview's forms was sent. */
export const bulkChangeIntentSchema = z.object({ intent: hiddenText(20) });

/** Applying a stored preview: now, or from the first day of the next billing month. */
export const bulkApplyFormSchema = z.object({
  intent: z.literal("apply", { error: "form.expired" }),
  effective: z.enum(["now", "next_month"], { error: "bulk.effective.required" }),
});

/** Cancelling a scheduled change, or making a new preview of the same lines. */
export const bulkCancelFormSchema = z.object({ intent: z.literal("cancel", { error: "form.expired" }) });
export const bulkRepreviewFormSchema = z.object({ intent: z.literal("repreview", { error: "form.expired" }) });

/** One line's tariff changed from its page (the line page's `intent=tariff` form), from the version shown. */
export const lineTariffFormSchema = z.object({
  intent: z.literal("tariff", { error: "form.expired" }),
  version: z.coerce.number({ error: "form.expired" }).int({ error: "form.expired" }).positive({ error: "form.expired" }),
  tariffId: z.coerce.number({ error: "bulk.tariff.required" }).int({ error: "bulk.tariff.required" }).positive({ error: "bulk.tariff.required" }),
});
