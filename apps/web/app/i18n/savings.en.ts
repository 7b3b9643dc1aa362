// Savings advice texts (English).
import type { ruSavings } from "./savings.ru.ts";

export const enSavings: Record<keyof typeof ruSavings, string> = {
};
