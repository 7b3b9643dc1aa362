// Forms texts (Russian). Every key here must exist in forms.en.ts.
export const ruForms = {
} as const;
