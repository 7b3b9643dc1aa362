import { describe, expect, it } from "vitest";
import { balanceDiscrepancies } from "../accounts/movements.ts";
import { blockLine } from "../lines/line-blocks.ts";
import { createUsageSimulator } from "./simulate-usage.ts";
import { usageFixture } from "./usage-test-fixtures.ts";

describe("the usage simulator", () => {
  it("makes traffic at about the asked rate for the company's unblocked lines, rated as it arrives", () => {
    const { deps, ural } = usageFixture();
    const [active, blocked] = ural.lineIds as [number, number];
    blockLine(deps, ural.admin, { lineId: blocked, reason: "loss" });
    const simulator = createUsageSimulator(deps, { ratePerSecond: 50, companyIds: [ural.companyId], seed: 42 });
    expect(simulator.lineCount).toBe(1);
    deps.clock.advance(20_000);
    const outcome = simulator.tick();
    expect(outcome.events).toBeGreaterThan(800);
    expect(outcome.events).toBeLessThan(1200);
    expect(outcome.rated).toBe(outcome.events);
    const perLine = deps.db.$client.prepare("select line_id, sum(event_count) as n from line_usage_months group by line_id").all();
    expect(perLine).toEqual([{ line_id: active, n: outcome.events }]);
    // Nothing twice: the next tick makes new events only for the time since.
    deps.clock.advance(1_000);
    expect(simulator.tick().duplicates).toBe(0);
    expect(balanceDiscrepancies(deps.db)).toEqual([]);
  });
});
