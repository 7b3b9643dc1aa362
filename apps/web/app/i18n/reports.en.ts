// Spending reports texts (English).
import type { ruReports } from "./reports.ru.ts";

export const enReports: Record<keyof typeof ruReports, string> = {
};
