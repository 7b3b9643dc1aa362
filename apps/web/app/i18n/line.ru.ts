// Cabinet: line texts (Russian). Every key here must exist in line.en.ts.
export const ruLine = {
} as const;
