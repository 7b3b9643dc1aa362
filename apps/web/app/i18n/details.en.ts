// Call details texts (English).
import type { ruDetails } from "./details.ru.ts";

export const enDetails: Record<keyof typeof ruDetails, string> = {
};
