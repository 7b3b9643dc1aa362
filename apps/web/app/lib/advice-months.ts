import type { Locale } from "~/i18n/i18n";

/** The months the savings advice compared, in the reader's language: "август 2026 г. – октябрь 2026 г.". */
export function adviceMonthsLabel(months: readonly number[], locale: Locale): string {
  const format = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" });
  const label = (month: number) => format.format(Date.UTC(Math.floor(month / 100), (month % 100) - 1, 1));
  return `${label(months[0] as number)} – ${label(months[months.length - 1] as number)}`;
}
