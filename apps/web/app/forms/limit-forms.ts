// The spending limit's forms: one line's limit (its page), the lines of a selection, a department,
// the company's default, and the limits file. Browser-safe: the amount is read by the domain's own
// dependency-free parser, so `5 000,50 ₽` means the same in the browser as on the server.
import { parseRoubles, ROUBLES_INPUT_MAX } from "@cabinet/domain/roubles-input";
import { z } from "zod";
import { FORM_EXPIRED, hiddenText, text } from "./form-schema.ts";
import { LINES_PER_PAGE, lineSelectionFormSchema, linesFilterFormSchema } from "./lines-filter-form.ts";

/** The policies (the domain's `limitPolicies`, repeated because this module runs in the browser). */
export const limitPolicyOptions = ["notify", "block", "split"] as const;
export type LimitPolicyOption = (typeof limitPolicyOptions)[number];

/** The largest monthly limit: 10 000 000 ₽ (the domain's LIMIT_AMOUNT_MAX; a test holds the two equal). */
export const LIMIT_AMOUNT_MAX_KOPECKS = 1_000_000_000;
/** The warning's share of the limit, in percent (the database holds the same bounds). */
export const WARNING_PERCENT_MIN = 1;
export const WARNING_PERCENT_MAX = 99;

/** A monthly limit in roubles with kopecks, as typed: `5000`, `5 000,50`, `1500.75 ₽` → kopecks. */
const amount = text(ROUBLES_INPUT_MAX, { tooLong: "limits.amount.invalid" })
  .transform((typed, context) => {
    const parsed = parseRoubles(typed);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", message: "limits.amount.invalid" });
      return z.NEVER;
    }
    return parsed.kopecks;
  })
  .pipe(
    z
      .number()
      .min(1, { message: "limits.amount.zero" })
      .max(LIMIT_AMOUNT_MAX_KOPECKS, { message: "limits.amount.tooLarge" }),
  );

/** Empty: the company's warning percent (80 unless the company changed it). */
const warningPercent = text(3, { tooLong: "limits.warning.invalid" })
  .regex(/^\d{1,3}$/, "limits.warning.invalid")
  .transform(Number)
  .pipe(z.number().min(WARNING_PERCENT_MIN, { message: "limits.warning.invalid" }).max(WARNING_PERCENT_MAX, { message: "limits.warning.invalid" }))
  .optional();

const policy = z.enum(limitPolicyOptions, { error: "limits.policy.required" });

/** A tick: sent as "yes" when ticked, absent when not. */
const tick = z
  .literal("yes", { error: FORM_EXPIRED })
  .optional()
  .transform((value) => value === "yes");

/** The last day of a temporary limit (a date input: a day of the region's calendar, inclusive). */
const until = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "limits.until.invalid")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "limits.until.invalid")
  .optional();

/** The fields every limit form has (a line's, a selection's, a department's). */
export const limitFields = {
  amount,
  policy,
  warningPercent,
  notifyEmployee: tick,
  until,
};

/** A line's own limit, set on its page. */
export const lineLimitFormSchema = z.object({ intent: z.literal("limit", { error: FORM_EXPIRED }), ...limitFields });

/** Removing a line's own limit (it then takes the one it inherits). */
export const lineLimitRemoveSchema = z.object({ intent: z.literal("removeLimit", { error: FORM_EXPIRED }) });

/**
 * A limit for the lines of the lines list's selection: the ticked ones or all lines matching the
 * filter, carried as hidden fields (the selection form's own fields), and the limit's fields.
 */
export const selectionLimitFormSchema = linesFilterFormSchema
  .extend({
    intent: z.literal("set", { error: FORM_EXPIRED }),
    scope: z.enum(["lines", "filter"], { error: FORM_EXPIRED }),
    line: z.array(z.coerce.number({ error: FORM_EXPIRED }).int().positive()).max(LINES_PER_PAGE, { error: FORM_EXPIRED }).default([]),
    ...limitFields,
  })
  .refine((form) => form.scope === "filter" || form.line.length > 0, { path: ["line"], message: "lines.noneTicked" });

/** The selection as the selection page carries it in its URL (`?scope=lines&line=1&line=2`, or the filter). */
export const selectionQuerySchema = lineSelectionFormSchema;

/** A department's limit (its lines without their own take it); removing it. */
export const departmentLimitFormSchema = z.object({ intent: z.literal("set", { error: FORM_EXPIRED }), ...limitFields });
export const departmentLimitRemoveSchema = z.object({ intent: z.literal("remove", { error: FORM_EXPIRED }) });

/**
 * The company's default limit: for lines with neither their own nor their department's. Its
 * warning is the company's warning percent (a form of its own), and it is never temporary.
 */
export const companyDefaultFormSchema = z.object({
  intent: z.literal("default", { error: FORM_EXPIRED }),
  amount,
  policy,
  notifyEmployee: tick,
});
export const companyDefaultRemoveSchema = z.object({ intent: z.literal("removeDefault", { error: FORM_EXPIRED }) });

/** The company's warning percent: every limit without its own warns at this share. */
export const companyWarningFormSchema = z.object({
  intent: z.literal("warning", { error: FORM_EXPIRED }),
  warningPercent: warningPercent.unwrap(),
});

/** Which of a page's forms was sent: read before the form's own schema. */
export const limitIntentSchema = z.object({ intent: hiddenText(20) });

/** 10 MB holds well over 100,000 rows of number, amount and policy (the domain holds the same cap). */
export const LIMIT_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** The limits file's upload (multipart POST). The file's contents are the domain's to judge. */
export const limitFileUploadSchema = z.object({
  intent: z.literal("upload", { error: FORM_EXPIRED }),
  file: z
    .instanceof(File, { message: "required" })
    .refine((file) => file.size > 0, "required")
    .refine((file) => file.size <= LIMIT_FILE_MAX_BYTES, "limits.file.tooLarge"),
});

/** Applying a stored preview: the page carries its token. */
export const limitFileApplySchema = z.object({
  intent: z.literal("apply", { error: FORM_EXPIRED }),
  token: hiddenText(64),
});

/** The preview shown (`?preview=token`), a token of the domain's making. */
export const limitFilePreviewQuerySchema = z.object({ preview: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/).optional().catch(undefined) });

/** Which lines the limits page lists (the domain's `limitListShows`), in the URL: `?show=without&page=2`. */
export const limitListShowOptions = ["attention", "near", "reached", "without", "all"] as const;
export const limitListQuerySchema = z.object({
  show: z.enum(limitListShowOptions).default("attention").catch("attention"),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).catch(1),
});

/** What the limits pages say after a change (post/redirect/get): what was done and its counts. */
export const limitDoneQuerySchema = z.object({
  done: z.enum(["default", "defaultRemoved", "warning", "lines", "linesRemoved", "department", "departmentRemoved"]).optional().catch(undefined),
  lines: z.coerce.number().int().min(0).optional().catch(undefined),
  blocked: z.coerce.number().int().min(0).optional().catch(undefined),
  unblocked: z.coerce.number().int().min(0).optional().catch(undefined),
});
export type LimitDone = NonNullable<z.output<typeof limitDoneQuerySchema>["done"]>;

/** The redirect's query after a change: what was done and the domain's counts. */
export function limitDoneSearch(done: LimitDone, result?: { lines: number; blocked: number; unblocked: number }): string {
  const params = new URLSearchParams({ done });
  if (result) {
    params.set("lines", String(result.lines));
    params.set("blocked", String(result.blocked));
    params.set("unblocked", String(result.unblocked));
  }
  return `?${params}`;
}
