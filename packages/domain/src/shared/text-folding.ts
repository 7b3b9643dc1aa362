/**
 * Text as a search compares it: lower case in any alphabet, "ё" as "е", runs of spaces as one.
 * SQLite's own LIKE and lower() fold ASCII only; the database gets this as `fold_text()`.
 */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
}
