// Ops texts (Russian). Every key here must exist in ops.en.ts.
export const ruOps = {
} as const;
