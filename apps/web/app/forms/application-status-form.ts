import { z } from "zod";
import { trimmedText } from "./form-schema.ts";

/** An applicant following an application: its reference and the e-mail it was sent with. */
export const applicationStatusFormSchema = z.object({
  reference: trimmedText(40),
  email: trimmedText(254),
});
