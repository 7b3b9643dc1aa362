// Texts of the production posture: error pages for refused requests (English).
import type { ruPosture } from "./posture.ru.ts";

export const enPosture: Record<keyof typeof ruPosture, string> = {
  "errors.tooLarge.title": "Request too large",
  "errors.tooLarge.text": "What you sent is larger than allowed ({limit} KB). Shorten the text or file and send it again.",
  "errors.rateLimited.title": "Too many attempts",
  "errors.rateLimited.text": "There were too many attempts from your address in a short time. Try again in {minutes} min.",
  "errors.badRequest.title": "Request not understood",
  "errors.badRequest.text": "The server could not read the form you sent. Reload the page and try again.",
  "errors.reload": "Reload the page",
};
