// Cabinet: lines texts (English).
import type { ruLines } from "./lines.ru.ts";

export const enLines: Record<keyof typeof ruLines, string> = {
};
