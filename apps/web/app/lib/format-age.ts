import type { Translate } from "~/i18n/i18n";

/** How long something has waited, the way people say it: "45 мин", "3 ч", "2 дн." */
export function formatAge(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t("age.minutes", { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t("age.hours", { n: hours });
  return t("age.days", { n: Math.floor(hours / 24) });
}
