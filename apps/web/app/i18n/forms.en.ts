// Forms texts (English).
import type { ruForms } from "./forms.ru.ts";

export const enForms: Record<keyof typeof ruForms, string> = {
};
