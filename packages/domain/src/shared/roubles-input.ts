// Roubles as people type them, into kopecks. No imports: the web app's forms parse the same way in
// the browser (through the package's `./roubles-input` export) as the domain does on the server.

/** More characters than any amount with its spaces and currency sign: longer input is refused unread. */
export const ROUBLES_INPUT_MAX = 30;

export type RoublesParseResult = { ok: true; kopecks: number } | { ok: false };

// Each pattern is linear: every piece of text can be matched one way only.
const currency = /\s*(?:₽|руб\.?|р\.?|rub\.?)$/iu;
const grouped = /^\d{1,3}(?: \d{3})+$/;
const plain = /^\d{1,12}$/;
const fraction = /^\d{1,2}$/;

/**
 * `5000`, `5 000`, `5000,5`, `5 000,50 ₽`, `1500.75 руб.` → kopecks. Thousands are grouped by
 * spaces only (any kind of space: Excel and Intl write a no-break one); the kopecks follow a comma
 * or a dot and have one or two digits. `1,000` is refused rather than guessed: in Russian it would
 * be one rouble, in English a thousand. Negative amounts are not amounts.
 */
export function parseRoubles(input: string): RoublesParseResult {
  if (input.length > ROUBLES_INPUT_MAX) return { ok: false };
  const text = input
    .replace(/[\s\u00A0\u202F\u2009]+/g, " ")
    .trim()
    .replace(currency, "");
  const separator = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
  const whole = separator < 0 ? text : text.slice(0, separator);
  const part = separator < 0 ? "" : text.slice(separator + 1);
  if (separator >= 0 && !fraction.test(part)) return { ok: false };
  if (!plain.test(whole) && !grouped.test(whole)) return { ok: false };
  const digits = whole.replaceAll(" ", "");
  if (digits.length > 12) return { ok: false };
  const kopecks = Number(digits) * 100 + (part === "" ? 0 : Number(part.padEnd(2, "0")));
  return { ok: true, kopecks };
}

/** Kopecks as a person types them back into a field or a file: `5000`, `1500,75` (no grouping, comma). */
export function roublesInput(kopecks: number): string {
  const whole = Math.floor(kopecks / 100);
  const rest = kopecks % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, "0")}`;
}
