// Cabinet: line texts (English).
import type { ruLine } from "./line.ru.ts";

export const enLine: Record<keyof typeof ruLine, string> = {
};
