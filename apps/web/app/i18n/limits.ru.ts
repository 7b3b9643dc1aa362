// Limits texts (Russian). Every key here must exist in limits.en.ts.
export const ruLimits = {
} as const;
