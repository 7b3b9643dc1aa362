/** `202611` → "ноябрь 2026" / "November 2026". */
export function monthName(month: number, locale: string): string {
  const date = new Date(Date.UTC(Math.floor(month / 100), (month % 100) - 1, 15));
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A change of money with its sign: `+1 234,50 ₽`, `−80,00 ₽`, `0,00 ₽`. */
export function formatRoublesChange(kopecks: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", {
    style: "currency",
    currency: "RUB",
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: 2,
    signDisplay: "exceptZero",
  }).format(kopecks / 100);
}

/** A change in percent with its sign and one decimal: `+12,5 %`; none when there was nothing to compare with. */
export function formatPercentChange(percent: number | null, locale: string): string | null {
  if (percent === null) return null;
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(percent / 100);
}

/** A share of a whole in percent, one decimal: `12,5 %`. */
export function formatShare(part: number, whole: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { style: "percent", maximumFractionDigits: 1 }).format(whole === 0 ? 0 : part / whole);
}
