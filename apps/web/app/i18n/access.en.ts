import type { ruAccess } from "./access.ru.ts";

// Login, password, office console and cabinet texts (English).
export const enAccess: Record<keyof typeof ruAccess, string> = {};
