// Forms texts (English).
import type { ruForms } from "./forms.ru.ts";

export const enForms: Record<keyof typeof ruForms, string> = {
  "errors.field.tooLong": "At most {max} characters: please shorten it",
  "errors.invalid": "Please check this value",
};
