// Savings advice texts (Russian). Every key here must exist in savings.en.ts.
export const ruSavings = {
} as const;
