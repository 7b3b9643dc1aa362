import { en } from "./en.ts";
import { type MessageKey, ru } from "./ru.ts";

export type Locale = "ru" | "en";
export type { MessageKey };
export const locales: readonly Locale[] = ["ru", "en"];
export const defaultLocale: Locale = "ru";

const catalogues: Record<Locale, Record<MessageKey, string>> = { ru, en };

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "en";
}

export function isMessageKey(key: string): key is MessageKey {
  return key in ru;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator bound to one locale: `t("apply.title")`, `t("errors.numbers.tooMany", { max: 200 })`. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    const text = catalogue[key] ?? ru[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`)) : text;
  };
}

/** A domain field error (`{ code: "numbers.invalid", params }`) in the user's language. */
export function fieldErrorMessage(t: Translate, error: { code: string; params?: Record<string, string> }): string {
  const key = `errors.${error.code}`;
  return isMessageKey(key) ? t(key, error.params) : t("errors.required");
}
