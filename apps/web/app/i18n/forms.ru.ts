// Forms texts (Russian). Every key here must exist in forms.en.ts.
export const ruForms = {
  "errors.field.tooLong": "Не длиннее {max} символов: сократите текст",
  "errors.invalid": "Проверьте значение",
} as const;
