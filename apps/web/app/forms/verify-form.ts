import { z } from "zod";
import { text, trimmedText } from "./form-schema.ts";

/** The largest PDF the office may upload for checking (a filled form is about 60 KB). */
export const MAX_VERIFIED_PDF_BYTES = 5 * 1024 * 1024;

/**
 * A verification code as people type it off paper (`7kq4 m2xd 9plt`): case, spaces and missing
 * dashes do not matter; twelve letters and digits do. Normalized to `7KQ4-M2XD-9PLT`.
 */
const verificationCode = (field: ReturnType<typeof text>) =>
  field
    .overwrite((typed) => typed.toUpperCase().replace(/[^0-9A-Z]/g, ""))
    .refine((chars) => chars.length === 12, "verify.codeFormat")
    .overwrite((chars) => [0, 4, 8].map((i) => chars.slice(i, i + 4)).join("-"));

/** Looking an application up by the code printed on its form (a GET form: `?code=…`). */
export const verificationCodeFormSchema = z.object({
  code: verificationCode(trimmedText(40)),
});

/** Checking an uploaded PDF against the one the portal issued; the code helps when the QR is unreadable. */
export const uploadedFormSchema = z.object({
  file: z
    .file({ error: "verify.fileRequired" })
    .max(MAX_VERIFIED_PDF_BYTES, { message: "verify.tooLarge", abort: true }),
  fileCode: verificationCode(text(40)).optional(),
});

/** A PDF starts with `%PDF-`; anything else is refused before it is looked at further. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 5)) === "%PDF-";
}
