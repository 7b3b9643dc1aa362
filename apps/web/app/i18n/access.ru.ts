// Login, password, office console and cabinet texts (Russian).
export const ruAccess = {} as const;
