// The headers every response carries. That they really reach the browser on every page, page-data
// (.data) request and download is tested against the built server in e2e/headers.e2e.ts.
import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.server";

/** The CSP as directive → sources. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe("security headers", () => {
  it("lets a page run only its own scripts and the inline ones carrying this response's nonce", () => {
    const csp = directives(securityHeaders("bm9uY2UtMTIz", "production")["Content-Security-Policy"] ?? "");
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-bm9uY2UtMTIz'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["style-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    // No page of the cabinet may be framed (clickjacking a decision or a password change).
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(JSON.stringify(csp)).not.toContain("unsafe");
  });

  it("gives a data response (no HTML, no nonce) scripts from our own origin only", () => {
    const csp = directives(securityHeaders(null, "production")["Content-Security-Policy"] ?? "");
    expect(csp["script-src"]).toEqual(["'self'"]);
  });

  it("sends the framing, sniffing, referrer and opener headers in every mode", () => {
    for (const mode of ["production", "test", "development"]) {
      expect(securityHeaders("n", mode)).toMatchObject({
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
    }
  });

  it("relaxes the policy for the development server's hot reload only", () => {
    expect(securityHeaders("n", "development")["Content-Security-Policy"]).toContain("'unsafe-inline'");
    expect(securityHeaders("n", "test")["Content-Security-Policy"]).not.toContain("'unsafe-inline'");
  });
});
