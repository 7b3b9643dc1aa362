import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../db/schema.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { logIn, MAX_FAILED_ATTEMPTS } from "./log-in.ts";
import { createStaffUser } from "./users.ts";

describe("locking a login under a burst of wrong passwords", () => {
  it("counts every concurrent wrong guess, so a burst locks the login like a sequence does", async () => {
    const deps = createTestDeps();
    await createStaffUser(deps, { regionCode: "ural", login: "staff", displayName: "Staff", password: "Office2026demo" });
    const guesses = Array.from({ length: MAX_FAILED_ATTEMPTS + 2 }, (_, i) =>
      logIn(deps, { regionCode: "ural", login: "staff", password: `wrong-${i}`, clientAddress: `10.0.0.${i}` }),
    );
    const results = await Promise.all(guesses);
    const user = deps.db.select().from(users).where(eq(users.login, "staff")).get();
    expect(user?.failedAttempts).toBe(MAX_FAILED_ATTEMPTS + 2);
    expect(user?.lockedAt).not.toBeNull();
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(3);
    // The right password no longer helps.
    expect(await logIn(deps, { regionCode: "ural", login: "staff", password: "Office2026demo" })).toEqual({
      ok: false,
      reason: "locked",
    });
  });
});
