// Cabinet: lines texts (Russian). Every key here must exist in lines.en.ts.
export const ruLines = {
} as const;
