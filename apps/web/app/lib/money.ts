/** Kopecks as roubles in the reader's language: `1 234,50 ₽`. Formatting happens only at the edge. */
export function formatRoubles(kopecks: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "currency", currency: "RUB", currencyDisplay: "narrowSymbol", minimumFractionDigits: 2 }).format(kopecks / 100);
}

/** Whole roubles for a chart's axis: `1 200 ₽`. */
export function formatAxisRoubles(kopecks: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "currency", currency: "RUB", currencyDisplay: "narrowSymbol", maximumFractionDigits: 0 }).format(kopecks / 100);
}

/** A count in the reader's language, thousands grouped. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: 0 }).format(value);
}
