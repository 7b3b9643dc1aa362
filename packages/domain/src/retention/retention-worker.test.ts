import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { noteAddressAttempt } from "../auth/login-failures.ts";
import { inTransaction } from "../db/open-database.ts";
import { loginFailures } from "../db/schema.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { LOGIN_FAILURE_RETENTION_MS, type PruneReport } from "./prune-expired-records.ts";
import { startRetentionWorker } from "./retention-worker.ts";

describe("the retention worker", () => {
  it("prunes as soon as it starts, then on its interval, and stop() waits for a prune under way", async () => {
    const deps = createTestDeps();
    const addFailure = () => inTransaction(deps.db, (tx) => noteAddressAttempt(tx, "203.0.113.7", deps.clock.now()));
    const left = () => deps.db.select({ n: count() }).from(loginFailures).get()?.n;
    addFailure();
    deps.clock.advance(LOGIN_FAILURE_RETENTION_MS + 1);
    const reports: PruneReport[] = [];
    const worker = startRetentionWorker(deps, { intervalMs: 20, onPruned: (r) => reports.push(r) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reports[0]).toEqual({ sessions: 0, loginFailures: 1, outboxMessages: 0, rateLimits: 0 });
    addFailure();
    deps.clock.advance(LOGIN_FAILURE_RETENTION_MS + 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();
    expect(left()).toBe(0);
    expect(reports.reduce((n, r) => n + r.loginFailures, 0)).toBe(2);
  });
});
