// Ops texts (English).
import type { ruOps } from "./ops.ru.ts";

export const enOps: Record<keyof typeof ruOps, string> = {
};
