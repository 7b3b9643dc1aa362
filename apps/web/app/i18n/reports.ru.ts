// Spending reports texts (Russian). Every key here must exist in reports.en.ts.
export const ruReports = {
} as const;
