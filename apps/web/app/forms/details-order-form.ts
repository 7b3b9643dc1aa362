import type { DetailingFormat, LineSelection } from "@cabinet/domain";
import { z } from "zod";
import { FORM_EXPIRED, text } from "./form-schema.ts";
import { LINE_SEARCH_MAX, LINES_PER_PAGE, lineSortOptions, lineStatusOptions, sortDirectionOptions } from "./lines-filter-form.ts";

// The domain's lists, repeated because this module runs in the browser; `satisfies` keeps them equal.
export const detailingFormatOptions = ["csv", "xlsx", "pdf"] as const satisfies readonly DetailingFormat[];
export const detailingLinesOptions = ["all", "department", "line", "selection"] as const;
export type DetailingLinesOption = (typeof detailingLinesOptions)[number];

/** A calendar day as a date input sends it. */
const day = text(10).regex(/^\d{4}-\d{2}-\d{2}$/, "details.period.date");

/** The lines list's selection (ticked ids or its filter), carried by the order form as JSON in a hidden field. */
const selectionSchema: z.ZodType<LineSelection> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("lines"), lineIds: z.array(z.number().int().positive()).min(1).max(LINES_PER_PAGE) }),
  z.object({
    kind: z.literal("filter"),
    query: z.object({
      q: z.string().max(LINE_SEARCH_MAX).optional(),
      status: z.enum(lineStatusOptions).optional(),
      tariffId: z.number().int().positive().optional(),
      departmentId: z.number().int().positive().optional(),
      sort: z.enum(lineSortOptions).optional(),
      direction: z.enum(sortDirectionOptions).optional(),
    }),
  }),
]);

/** The selection's JSON, or a problem that means the page is outdated. */
export function parseSelection(json: string | undefined): LineSelection | null {
  if (!json) return null;
  try {
    const parsed = selectionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The fields the choice of lines ties together, as far as they parsed (the check runs even when others did not). */
type LinesChoice = { lines?: DetailingLinesOption; department?: number; line?: string; selection?: string };

/**
 * The call-detail order (a POST): the period as two days of the region's calendar, which lines
 * (every line, a department, one number as typed, or the lines list's selection), the format,
 * a ZIP or not, and the e-mail to send it to. The window of allowed days and the number are
 * the domain's to judge (the region's calendar, the company's lines); this checks the shape.
 */
export const detailingOrderFormSchema = z
  .object({
    from: day,
    to: day,
    lines: z.enum(detailingLinesOptions, { error: FORM_EXPIRED }).default("all"),
    department: z.coerce.number().int().positive().optional().catch(undefined),
    line: text(40).overwrite((s) => s.trim()).optional(),
    selection: text(4000, { tooLong: FORM_EXPIRED }).optional(),
    format: z.enum(detailingFormatOptions, { error: "details.format.choose" }).default("csv"),
    zip: z.literal("on").optional(),
    email: text(254)
      .overwrite((s) => s.trim())
      .pipe(z.email("email.format")),
  })
  .superRefine((form: LinesChoice, ctx) => {
    if (form.lines === "department" && form.department === undefined) ctx.addIssue({ code: "custom", path: ["department"], message: "details.department.choose" });
    if (form.lines === "line" && !form.line) ctx.addIssue({ code: "custom", path: ["line"], message: "required" });
    if (form.lines === "selection" && !parseSelection(form.selection)) ctx.addIssue({ code: "custom", path: ["selection"], message: FORM_EXPIRED });
    // Run even when other fields are wrong, so that one answer names every problem.
  }, { when: () => true });

export type DetailingOrderForm = z.output<typeof detailingOrderFormSchema>;
