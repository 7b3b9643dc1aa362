export * from "./factories.ts";
export * from "./test-deps.ts";
