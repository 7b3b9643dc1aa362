import { z } from "zod";
import { text } from "./form-schema.ts";

export const queueStatuses = ["submitted", "approved", "rejected", "all"] as const;
export const queueSorts = ["oldest", "newest"] as const;

/**
 * The office queue's filters (a GET form: `?status=…&q=…&sort=…`). The search text is typed, so it
 * is limited with a message like any field; the two lists fall back to their defaults on a value
 * they do not offer (an old bookmark, a link made by hand).
 */
export const reviewQueueFormSchema = z.object({
  status: z.enum(queueStatuses).catch("submitted"),
  q: text(100)
    .overwrite((s) => s.trim())
    .optional(),
  sort: z.enum(queueSorts).catch("oldest"),
});
