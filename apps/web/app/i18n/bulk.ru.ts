// Bulk changes texts (Russian). Every key here must exist in bulk.en.ts.
export const ruBulk = {
} as const;
