import { describe, expect, it } from "vitest";
import { safeRedirectOr, safeRedirectPath } from "./safe-redirect.server";

describe("safeRedirectPath", () => {
  it.each([
    ["/cabinet", "/cabinet"],
    ["/office/applications/12?done=approved", "/office/applications/12?done=approved"],
    ["/apply#form", "/apply#form"],
    ["/apply/status?reference=URL-2026-000001&x=%2F%2F", "/apply/status?reference=URL-2026-000001&x=%2F%2F"],
    ["/./cabinet/../office", "/office"],
    ["/Кабинет", "/%D0%9A%D0%B0%D0%B1%D0%B8%D0%BD%D0%B5%D1%82"],
  ])("keeps a path on this site: %s", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["encoded backslash decoded by the query parser", decodeURIComponent("/%5Cevil.example")],
    ["tab the browser drops", decodeURIComponent("/%09/evil.example")],
    ["newline", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["non-breaking space", "/\u00a0/evil.example"],
    ["dot segments that normalize to //", "/.//evil.example"],
    ["deeper dot segments", "/a/..//evil.example"],
    ["encoded slashes at the start", "/%2F%2Fevil.example"],
    ["encoded backslash at the start", "/%5Cevil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["absolute http", "http://evil.example/"],
    ["absolute https", "https://evil.example/cabinet"],
    ["scheme-less host", "evil.example"],
    ["empty", ""],
    ["not a string", 42],
    ["too long", `/${"a".repeat(1000)}`],
  ])("refuses %s", (_name, target) => {
    expect(safeRedirectPath(target)).toBeNull();
  });

  it("falls back when the target is unsafe", () => {
    expect(safeRedirectOr("//evil.example", "/")).toBe("/");
    expect(safeRedirectOr("/apply", "/")).toBe("/apply");
  });

  it("stays fast on long hostile input", () => {
    const started = performance.now();
    for (let i = 0; i < 100; i++) safeRedirectPath(`/${"/.\\".repeat(330)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
