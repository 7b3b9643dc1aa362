export * from "./factories.ts";
export * from "./test-deps.ts";
export * from "./hostile-input.ts";
export * from "./spreadsheet-rows.ts";
