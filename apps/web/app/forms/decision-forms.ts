import { z } from "zod";
import { hiddenText, text } from "./form-schema.ts";

/** The longest comment or reason the office may write (it goes into e-mails and the trail). */
export const MAX_DECISION_TEXT = 1000;

const decisionText = (codes: { required?: string } = {}) => text(MAX_DECISION_TEXT, codes).overwrite((s) => s.trim());

/**
 * Approving an application. When a check against the operator's records failed, the approver
 * confirms it and explains why in at least 5 characters (the domain holds the same rule and has
 * the last word; the form knows it to say so before the page is sent).
 */
export function approveFormSchema({ checksFailed }: { checksFailed: boolean }) {
  return z.object({
    intent: z.literal("approve", { error: "form.expired" }),
    confirmFailedChecks: checksFailed
      ? z.literal("yes", { error: "decision.confirmChecks" })
      : z.literal("yes", { error: "form.expired" }).optional(),
    comment: checksFailed
      ? decisionText({ required: "decision.commentNeeded" }).min(5, "decision.commentNeeded")
      : decisionText().optional(),
  });
}

/** Rejecting an application: the reason is e-mailed to the applicant, so it must say something. */
export const rejectFormSchema = z.object({
  intent: z.literal("reject", { error: "form.expired" }),
  reason: decisionText({ required: "decision.reasonNeeded" }).min(5, "decision.reasonNeeded"),
});

/** Sending the company's administrator a new temporary password (no fields but the button). */
export const issuePasswordFormSchema = z.object({
  intent: z.literal("issuePassword", { error: "form.expired" }),
});

/** Which of the page's forms was sent: read before the form's own schema. */
export const decisionIntentSchema = z.object({ intent: hiddenText(20) });
