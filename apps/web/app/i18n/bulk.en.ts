// Bulk changes texts (English).
import type { ruBulk } from "./bulk.ru.ts";

export const enBulk: Record<keyof typeof ruBulk, string> = {
};
