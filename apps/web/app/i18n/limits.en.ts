// Limits texts (English).
import type { ruLimits } from "./limits.ru.ts";

export const enLimits: Record<keyof typeof ruLimits, string> = {
};
