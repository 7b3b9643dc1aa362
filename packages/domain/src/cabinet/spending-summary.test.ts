import { describe, expect, it } from "vitest";
import { createDepartment } from "../lines/departments.ts";
import { updateLineEmployee } from "../lines/employees.ts";
import { blockLine } from "../lines/line-blocks.ts";
import { getLineDetails } from "../lines/line-details.ts";
import { rateUsageEvents } from "../usage/rate-usage-events.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { getSpendingSummary } from "./spending-summary.ts";

// Roaming never draws on the allowance, so every such call is charged.
const roamingCall = (eventId: string, msisdn: string, at: string) => ({ eventId, msisdn, startedAt: new Date(at).getTime(), kind: "call_out" as const, roaming: true, durationSeconds: 600 });

describe("the start page's summary", () => {
  it("charts usage by day of the region's billing month, this month against the last, and by department", () => {
    const { deps, ural, other } = usageFixture();
    deps.clock.set(new Date("2026-11-25T09:00:00Z"));
    const sales = createDepartment(deps, ural.admin, { name: "Продажи" });
    const lineId = ural.lineIds[0] as number;
    updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: getLineDetails(deps, ural.admin, lineId).version, employeeName: "Ёлкина Анна", departmentId: sales.id });
    blockLine(deps, ural.admin, { lineId: ural.lineIds[1] as number, reason: "loss" });
    rateUsageEvents(deps, [
      // 31 October 20:00 UTC is already 1 November in Yekaterinburg (UTC+5): this month's first day.
      roamingCall("a", "+79120000001", "2026-10-31T20:00:00Z"),
      roamingCall("b", "+79120000001", "2026-10-30T10:00:00Z"),
      roamingCall("c", "+79120000002", "2026-11-24T10:00:00Z"),
      roamingCall("d", "+79120000099", "2026-11-24T10:00:00Z"),
    ]);
    const summary = getSpendingSummary(deps, ural.admin);
    expect(summary).toMatchObject({ thisMonth: 202611, lastMonth: 202610, lineCount: 2, statusCounts: { active: 1, blocked_loss: 1 }, historyPending: false });
    const call = summary.days[0]?.thisMonth as number;
    expect(call).toBeGreaterThan(0);
    expect(summary.days[29]).toEqual({ day: 30, thisMonth: null, lastMonth: call });
    expect(summary.days[23]).toMatchObject({ day: 24, thisMonth: call });
    expect(summary.days[24]).toMatchObject({ day: 25, thisMonth: 0 });
    expect(summary.days).toHaveLength(31);
    expect(summary.departments).toEqual([
      { name: "Продажи", spent: call, rest: false },
      { name: null, spent: call, rest: false },
    ]);
    expect(summary.monthToDate).toBeGreaterThanOrEqual(2 * call);
    // The other company sees its own call only.
    expect(getSpendingSummary(deps, other.admin).days[23]).toMatchObject({ thisMonth: call });
    expect(getSpendingSummary(deps, other.admin).departments).toEqual([{ name: null, spent: call, rest: false }]);
  });
});
