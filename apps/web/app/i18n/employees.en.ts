// Cabinet: employees texts (English).
import type { ruEmployees } from "./employees.ru.ts";

export const enEmployees: Record<keyof typeof ruEmployees, string> = {
};
