import { z } from "zod";
import { hiddenText } from "./form-schema.ts";

/** The movements page's filter kinds (the domain's `movementFilterKinds`; forms stay browser-safe). */
export const movementKindFilters = ["all", "charge", "payment", "adjustment"] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "movements.date")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "movements.date");

/**
 * The movements page's filter (a GET form: `?from=2026-11-01&to=2026-11-30&kind=charge&page=2`).
 * Dates are the browser's date inputs, days of the region's calendar; a kind or page it does not
 * offer falls back to the default.
 */
export const movementsFilterSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  kind: z.enum(movementKindFilters).catch("all"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

/** 10 MB holds well over 100,000 rows of number, name and department. */
export const EMPLOYEE_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** The employee file's upload (multipart POST). The file's contents are the domain's to judge. */
export const employeeUploadSchema = z.object({
  intent: z.literal("upload", { error: "form.expired" }),
  file: z
    .instanceof(File, { message: "required" })
    .refine((file) => file.size > 0, "required")
    .refine((file) => file.size <= EMPLOYEE_FILE_MAX_BYTES, "employees.file.tooLarge"),
});

/** Applying a stored preview: the page carries its token. */
export const employeeApplySchema = z.object({
  intent: z.literal("apply", { error: "form.expired" }),
  token: hiddenText(64),
});

/** Which of the employee page's two forms was sent. */
export const employeeIntentSchema = z.object({ intent: hiddenText(20) });

/** The preview shown (`?preview=token`), a token of the domain's making. */
export const employeePreviewQuerySchema = z.object({ preview: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/).optional().catch(undefined) });

/** `2026-11-05` → 20261105, the domain's day of the region's calendar. */
export function dayNumber(value: string | undefined): number | undefined {
  return value ? Number(value.replaceAll("-", "")) : undefined;
}

/** 20261105 → `2026-11-05`, for a date input. */
export function dayInput(day: number): string {
  const text = String(day);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}
