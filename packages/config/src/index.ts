export * from "./env.ts";
export * from "./production-readiness.ts";
