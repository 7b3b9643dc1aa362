// Call details texts (Russian). Every key here must exist in details.en.ts.
export const ruDetails = {
} as const;
