// Cabinet: employees texts (Russian). Every key here must exist in employees.en.ts.
export const ruEmployees = {
} as const;
