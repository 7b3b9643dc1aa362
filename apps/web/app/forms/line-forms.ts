// The forms of a line's page (/cabinet/lines/$lineId). Each carries the line's version as the
// administrator saw it: a save made from an older version is refused as "changed meanwhile".
import { z } from "zod";
import { FORM_EXPIRED, hiddenText, squashSpaces, text } from "./form-schema.ts";

/** The longest employee name and department name (the domain holds the same limits). */
export const EMPLOYEE_NAME_MAX = 200;
export const DEPARTMENT_NAME_MAX = 100;

const positiveId = hiddenText(16)
  .regex(/^[1-9]\d{0,14}$/, FORM_EXPIRED)
  .transform(Number);
const version = positiveId;

/** A service switched on or off: one form (one button) per service. */
export const serviceSwitchFormSchema = z.object({
  intent: z.literal("service", { error: FORM_EXPIRED }),
  version,
  serviceId: positiveId,
  switchTo: z.enum(["on", "off"], { error: FORM_EXPIRED }),
});

/** The reasons an administrator sets and lifts; the spending limit's block is the system's. */
export const adminBlockReasons = ["loss", "voluntary"] as const;

/**
 * A block. For a lost SIM the administrator ticks that they understand what it does (the number
 * stops working for calls, SMS and data until it is unblocked here): a confirmation that works
 * without JavaScript.
 */
export const blockFormSchema = z
  .object({
    intent: z.literal("block", { error: FORM_EXPIRED }),
    version,
    reason: z.enum(adminBlockReasons, { error: FORM_EXPIRED }),
    confirmLoss: z.literal("yes", { error: "line.block.confirmNeeded" }).optional(),
  })
  .superRefine((value, context) => {
    if (value.reason === "loss" && value.confirmLoss !== "yes") {
      context.addIssue({ code: "custom", path: ["confirmLoss"], message: "line.block.confirmNeeded" });
    }
  });

export const unblockFormSchema = z.object({
  intent: z.literal("unblock", { error: FORM_EXPIRED }),
  version,
  reason: z.enum(adminBlockReasons, { error: FORM_EXPIRED }),
});

/**
 * Who uses the line: the name (empty: nobody named, a device or a spare SIM) and the department,
 * chosen from the company's list or typed in as a new one.
 */
export const employeeFormSchema = z.object({
  intent: z.literal("employee", { error: FORM_EXPIRED }),
  version,
  employeeName: text(EMPLOYEE_NAME_MAX).overwrite(squashSpaces).optional(),
  departmentId: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, FORM_EXPIRED)
    .transform(Number)
    .optional(),
  newDepartmentName: text(DEPARTMENT_NAME_MAX).overwrite(squashSpaces).optional(),
});

/** Which of the page's forms was sent: read before the form's own schema. */
export const lineIntentSchema = z.object({ intent: hiddenText(20) });

/** The history's page in the URL (`?history=2`); anything else is the first. */
export const lineHistoryQuerySchema = z.object({
  history: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});
