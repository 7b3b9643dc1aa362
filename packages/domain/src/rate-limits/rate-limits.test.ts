import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { clientKey, consumeRateLimit, pruneExpiredRateLimits, RATE_LIMITS, type RateLimitName } from "./rate-limits.ts";

// rate-limiter-flexible reads the time from Date.now(): these tests move the system clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-25T09:00:00Z"));
});
afterEach(() => vi.useRealTimers());

const names = Object.keys(RATE_LIMITS) as RateLimitName[];

describe("rate limits of the public forms, per client address", () => {
  for (const name of names) {
    const { points, durationSeconds } = RATE_LIMITS[name];

    it(`${name}: lets ${points} requests through in ${durationSeconds / 60} minutes, refuses the next until the window ends, and counts each address apart`, async () => {
      const deps = createTestDeps();
      for (let i = 0; i < points; i++) expect(await consumeRateLimit(deps, name, "203.0.113.5")).toEqual({ ok: true });

      vi.advanceTimersByTime(60_000);
      const refused = await consumeRateLimit(deps, name, "203.0.113.5");
      expect(refused).toEqual({ ok: false, retryAfterMs: durationSeconds * 1000 - 60_000 });
      expect(await consumeRateLimit(deps, name, "203.0.113.6")).toEqual({ ok: true });

      vi.advanceTimersByTime(durationSeconds * 1000 - 60_000);
      expect(await consumeRateLimit(deps, name, "203.0.113.5")).toEqual({ ok: true });
    });
  }

  it("keeps each form's count apart", async () => {
    const deps = createTestDeps();
    for (let i = 0; i < RATE_LIMITS.apply.points; i++) await consumeRateLimit(deps, "apply", "203.0.113.5");
    expect(await consumeRateLimit(deps, "apply", "203.0.113.5")).toMatchObject({ ok: false });
    expect(await consumeRateLimit(deps, "applicationStatus", "203.0.113.5")).toEqual({ ok: true });
  });

  it("counts in the database, so server processes sharing the file share the counts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cabinet-rate-"));
    const first = openDatabase(join(dir, "cabinet.db"));
    const second = openDatabase(join(dir, "cabinet.db"));
    try {
      const { points } = RATE_LIMITS.login;
      const results = await Promise.all(
        Array.from({ length: points + 5 }, (_, i) => consumeRateLimit({ db: i % 2 ? first : second }, "login", "198.51.100.4")),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(points);
    } finally {
      first.$client.close();
      second.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("counts an IPv6 client by its /64 network, an IPv4-mapped one as IPv4, and requests without an address together", () => {
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(clientKey("203.0.113.5")).toBe("203.0.113.5");
    expect(clientKey(null)).toBe("unknown");
    expect(clientKey(undefined)).toBe("unknown");
  });

  it("lets the retention job delete counts whose window has ended, and only those", async () => {
    const deps = createTestDeps();
    await consumeRateLimit(deps, "apply", "203.0.113.5");
    vi.advanceTimersByTime(10 * 60_000);
    await consumeRateLimit(deps, "apply", "203.0.113.6");
    vi.advanceTimersByTime(6 * 60_000);
    expect(pruneExpiredRateLimits(deps.db, new Date(), 100)).toBe(1);
    expect(pruneExpiredRateLimits(deps.db, new Date(), 100)).toBe(0);
  });
});
