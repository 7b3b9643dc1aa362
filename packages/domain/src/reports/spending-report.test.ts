import { describe, expect, it } from "vitest";
import { billingDayStart, billingMonthStart } from "../shared/billing-calendar.ts";
import { rateUsageEvents } from "../usage/rate-usage-events.ts";
import { addCompany } from "../usage/usage-test-fixtures.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { ratedCharges, reportFixture, splitHalfOfCharges } from "./report-test-fixtures.ts";
import { compareSpending, getSpendingReport, REPORT_LINES_PAGE_SIZE, reportLines, reportScope, TOP_SPENDERS } from "./spending-report.ts";

// Roaming never draws on the allowance: 10 minutes at 59 ₽ on Бизнес Старт, 590 ₽ each.
const ROAMING_CALL = 59_000;
const roamingCall = (eventId: string, msisdn: string, at: string) => ({ eventId, msisdn, startedAt: new Date(at).getTime(), kind: "call_out" as const, roaming: true, durationSeconds: 600 });

describe("the spending report of a billing month", () => {
  it("adds up to the rated events' charges to the kopeck: by line, by department, by category, this month and the last, in the region's zone", () => {
    const { deps, company, fareast } = reportFixture();
    for (const [actor, companyId, zone] of [
      [company.admin, company.companyId, "Asia/Yekaterinburg"],
      [fareast.admin, fareast.companyId, "Asia/Vladivostok"],
    ] as const) {
      for (const month of [202611, 202610, 202609]) {
        const report = getSpendingReport(deps, actor, { month });
        const rated = ratedCharges(deps, companyId, zone, month);
        const previous = ratedCharges(deps, companyId, zone, month === 202609 ? 202608 : month - 1);
        expect(rated.events).toBeGreaterThan(100);
        expect(report.totals.current).toEqual(rated.byCategory);
        expect(report.totals.previous).toEqual(previous.byCategory);
        expect(report.totals.current.total).toBeGreaterThan(0);
        // Every line with its own events' sum, on every page.
        const lines = reportLines(reportScope(deps, actor, month), { sort: "number" });
        for (const line of lines) {
          expect(line.current.total).toBe(rated.byLine.get(line.lineId) ?? 0);
          expect(line.previous).toBe(previous.byLine.get(line.lineId) ?? 0);
          expect(line.current.calls + line.current.sms + line.current.data + line.current.roaming).toBe(line.current.total);
        }
        expect(new Set(lines.map((l) => l.lineId))).toEqual(new Set([...rated.byLine.keys(), ...previous.byLine.keys()]));
        for (const department of report.departments) {
          expect(department.current.total).toBe(rated.byDepartment.get(department.departmentId) ?? 0);
          expect(department.previous).toBe(previous.byDepartment.get(department.departmentId) ?? 0);
        }
        expect(report.departments.reduce((sum, d) => sum + d.current.total, 0)).toBe(report.totals.current.total);
      }
    }
  });

  it("takes the same days of the previous month from the daily usage movements, equal to the rated events", () => {
    const { deps, company } = reportFixture();
    const from = billingMonthStart("Asia/Yekaterinburg", 202610);
    const to = billingDayStart("Asia/Yekaterinburg", 20261026);
    const rated = deps.db.$client
      .prepare("select sum(e.charge) from usage_events e join lines l on l.id = e.line_id where l.company_id = ? and e.started_at >= ? and e.started_at < ?")
      .pluck()
      .get(company.companyId, from, to) as number;
    expect(rated).toBeGreaterThan(0);
    expect(getSpendingReport(deps, company.admin).previousToDate).toMatchObject({ total: rated, throughDay: 25 });
  });

  it("cuts months at midnight in the region's time zone", () => {
    const deps = createTestDeps();
    const ural = addCompany(deps, { regionCode: "ural", name: "ООО «Край»", accountNumber: "610000001", msisdns: ["+79124000000"] });
    rateUsageEvents(deps, [
      // 31 October 23:59 in Yekaterinburg (UTC+5): October.
      roamingCall("last-of-october", "+79124000000", "2026-10-31T18:59:00Z"),
      // 1 November 00:00 in Yekaterinburg, still 31 October in UTC: November.
      roamingCall("first-of-november", "+79124000000", "2026-10-31T19:00:00Z"),
      roamingCall("november", "+79124000000", "2026-11-10T10:00:00Z"),
    ]);
    const november = getSpendingReport(deps, ural.admin, { month: 202611 });
    expect(november.totals.current.roaming).toBe(2 * ROAMING_CALL);
    expect(november.totals.previous.roaming).toBe(ROAMING_CALL);
  });

  it("compares each line, department and the company with the previous month in roubles and percent", () => {
    const deps = createTestDeps();
    const ural = addCompany(deps, { regionCode: "ural", name: "ООО «Рост»", accountNumber: "620000001", msisdns: ["+79125000000", "+79125000001", "+79125000002"] });
    rateUsageEvents(deps, [
      // Line 0: two calls in October, three in November (+50 %).
      roamingCall("o1", "+79125000000", "2026-10-05T10:00:00Z"),
      roamingCall("o2", "+79125000000", "2026-10-06T10:00:00Z"),
      roamingCall("n1", "+79125000000", "2026-11-05T10:00:00Z"),
      roamingCall("n2", "+79125000000", "2026-11-06T10:00:00Z"),
      roamingCall("n3", "+79125000000", "2026-11-07T10:00:00Z"),
      // Line 1: new in November (nothing to compare with).
      roamingCall("n4", "+79125000001", "2026-11-08T10:00:00Z"),
      // Line 2: spent in October only (−100 %).
      roamingCall("o3", "+79125000002", "2026-10-09T10:00:00Z"),
    ]);
    const report = getSpendingReport(deps, ural.admin, { month: 202611, sort: "number" });
    const byNumber = new Map(report.lines.rows.map((line) => [line.msisdn, line]));
    expect(byNumber.get("+79125000000")).toMatchObject({ current: { total: 3 * ROAMING_CALL, roaming: 3 * ROAMING_CALL, calls: 0 }, previous: 2 * ROAMING_CALL });
    expect(compareSpending(3 * ROAMING_CALL, 2 * ROAMING_CALL)).toEqual({ difference: ROAMING_CALL, percent: 50 });
    expect(byNumber.get("+79125000001")).toMatchObject({ current: { total: ROAMING_CALL }, previous: 0 });
    expect(compareSpending(ROAMING_CALL, 0)).toEqual({ difference: ROAMING_CALL, percent: null });
    expect(byNumber.get("+79125000002")).toMatchObject({ current: { total: 0 }, previous: ROAMING_CALL });
    expect(compareSpending(0, ROAMING_CALL)).toEqual({ difference: -ROAMING_CALL, percent: -100 });
    expect(report.totals).toMatchObject({ current: { total: 4 * ROAMING_CALL }, previous: { total: 3 * ROAMING_CALL }, lineCount: 2 });
    expect(report.departments).toEqual([
      { departmentId: null, name: null, lineCount: 2, current: expect.objectContaining({ total: 4 * ROAMING_CALL }), previous: 3 * ROAMING_CALL, change: compareSpending(4 * ROAMING_CALL, 3 * ROAMING_CALL) },
    ]);
    expect(byNumber.get("+79125000000")?.change).toEqual({ difference: ROAMING_CALL, percent: 50 });
    expect(byNumber.get("+79125000001")?.change).toEqual({ difference: ROAMING_CALL, percent: null });
    expect(report.totals.change.roaming).toEqual({ difference: ROAMING_CALL, percent: (ROAMING_CALL / (3 * ROAMING_CALL)) * 100 });
    expect(report.totals.change.calls).toEqual({ difference: 0, percent: null });
    // The largest growth first when sorted by change.
    expect(getSpendingReport(deps, ural.admin, { month: 202611, sort: "change" }).lines.rows.map((l) => l.msisdn)).toEqual(["+79125000000", "+79125000001", "+79125000002"]);
    // In December the November figures are the previous month's.
    const december = getSpendingReport(deps, ural.admin, { month: 202612 });
    expect(december.totals).toMatchObject({ current: { total: 0 }, previous: { total: 4 * ROAMING_CALL } });
  });

  it("compares a month under way with the same days of the previous month too", () => {
    const deps = createTestDeps();
    const ural = addCompany(deps, { regionCode: "ural", name: "ООО «Полмесяца»", accountNumber: "625000001", msisdns: ["+79125500000"] });
    rateUsageEvents(deps, [
      roamingCall("early", "+79125500000", "2026-10-05T10:00:00Z"),
      // 25 October 23:00 in Yekaterinburg: the 25th, counted; 00:30 on the 26th there: not.
      roamingCall("25th-late", "+79125500000", "2026-10-25T18:00:00Z"),
      roamingCall("26th", "+79125500000", "2026-10-25T19:30:00Z"),
      roamingCall("this-month", "+79125500000", "2026-11-03T10:00:00Z"),
    ]);
    // 25 November, 14:00 in Yekaterinburg.
    const november = getSpendingReport(deps, ural.admin);
    expect(november.previousToDate).toEqual({ total: 2 * ROAMING_CALL, throughDay: 25, change: { difference: -ROAMING_CALL, percent: -50 } });
    expect(november.totals.previous.total).toBe(3 * ROAMING_CALL);
    expect(getSpendingReport(deps, ural.admin, { month: 202610 }).previousToDate).toBeNull();
    // A longer month after a shorter one: on 30 March all of February.
    deps.clock.set(new Date("2027-03-30T09:00:00Z"));
    rateUsageEvents(deps, [roamingCall("feb", "+79125500000", "2027-02-27T10:00:00Z"), roamingCall("mar", "+79125500000", "2027-03-01T10:00:00Z")]);
    expect(getSpendingReport(deps, ural.admin).previousToDate).toMatchObject({ total: ROAMING_CALL, throughDay: 28 });
  });

  it("names the top spenders, largest first, equal amounts by number, none who spent nothing", () => {
    const { deps, company } = reportFixture();
    const report = getSpendingReport(deps, company.admin, { month: 202611 });
    expect(report.topSpenders).toHaveLength(Math.min(TOP_SPENDERS, 8));
    const totals = report.topSpenders.map((line) => line.current.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // The same whatever the lines' table shows.
    expect(getSpendingReport(deps, company.admin, { month: 202611, sort: "number", page: 1 }).topSpenders).toEqual(report.topSpenders);
    expect(getSpendingReport(deps, company.admin, { month: 202611, department: "none" }).topSpenders).toEqual(report.topSpenders);
    expect(report.topSpenders[0]?.current.total).toBe(Math.max(...reportLines(reportScope(deps, company.admin, 202611), { sort: "number" }).map((l) => l.current.total)));
    // Ties: two lines with the same single call, the lower number first; a line with nothing is not a spender.
    const deps2 = createTestDeps();
    const tied = addCompany(deps2, { regionCode: "ural", name: "ООО «Ровно»", accountNumber: "630000001", msisdns: ["+79126000009", "+79126000001", "+79126000005"] });
    rateUsageEvents(deps2, [
      roamingCall("a", "+79126000009", "2026-11-05T10:00:00Z"),
      roamingCall("b", "+79126000001", "2026-11-05T10:00:00Z"),
      { eventId: "c", msisdn: "+79126000005", startedAt: new Date("2026-11-05T10:00:00Z").getTime(), kind: "call_in", roaming: false, durationSeconds: 60 },
    ]);
    expect(getSpendingReport(deps2, tied.admin).topSpenders.map((l) => l.msisdn)).toEqual(["+79126000001", "+79126000009"]);
  });

  it("pages the lines, filters them by department and keeps the totals of the whole company", () => {
    const deps = createTestDeps();
    const msisdns = Array.from({ length: 120 }, (_, i) => `+7912700${String(i).padStart(4, "0")}`);
    const big = addCompany(deps, { regionCode: "ural", name: "ООО «Много»", accountNumber: "640000001", msisdns });
    rateUsageEvents(
      deps,
      msisdns.map((msisdn, i) => ({ ...roamingCall(`e${i}`, msisdn, "2026-11-05T10:00:00Z"), durationSeconds: 60 * (1 + (i % 7)) })),
    );
    const first = getSpendingReport(deps, big.admin, { month: 202611 });
    expect(first.lines).toMatchObject({ total: 120, page: 1, pageCount: 3 });
    expect(first.lines.rows).toHaveLength(REPORT_LINES_PAGE_SIZE);
    const last = getSpendingReport(deps, big.admin, { month: 202611, page: 99 });
    expect(last.lines).toMatchObject({ page: 3 });
    expect(last.lines.rows).toHaveLength(20);
    const all = [1, 2, 3].flatMap((page) => getSpendingReport(deps, big.admin, { month: 202611, page }).lines.rows);
    expect(new Set(all.map((l) => l.lineId)).size).toBe(120);
    expect(all.reduce((sum, l) => sum + l.current.total, 0)).toBe(first.totals.current.total);
    expect(getSpendingReport(deps, big.admin, { month: 202611, department: "none" }).lines.total).toBe(120);
  });

  it("shows a month without usage as empty, and offers the months that have some and the current one", () => {
    const { deps, company } = reportFixture();
    const empty = getSpendingReport(deps, company.admin, { month: 202601 });
    const nothing = { calls: 0, sms: 0, data: 0, roaming: 0, total: 0, employee: 0 };
    expect(empty.totals).toMatchObject({ current: nothing, previous: nothing, lineCount: 0, lastEventAt: null, employeePays: false });
    expect(empty.totals.change.total).toEqual({ difference: 0, percent: null });
    expect(empty.departments).toEqual([]);
    expect(empty.topSpenders).toEqual([]);
    expect(empty.lines).toMatchObject({ total: 0, page: 1, pageCount: 1, rows: [] });
    expect(empty.months).toEqual([202611, 202610, 202609]);
    // The current month by default; offered even before its first event.
    deps.clock.set(new Date("2026-12-01T10:00:00Z"));
    const december = getSpendingReport(deps, company.admin);
    expect(december.month).toBe(202612);
    expect(december.months).toEqual([202612, 202611, 202610, 202609]);
    expect(december.totals.previous.total).toBeGreaterThan(0);
    expect(() => getSpendingReport(deps, company.admin, { month: 202613 })).toThrow(expect.objectContaining({ code: "invalid" }));
  });

  it("never shows another company's figures, lines or departments", () => {
    const { deps, company, neighbour, neighbourDepartment, fareast } = reportFixture();
    const own = new Set(company.lineIds);
    for (const month of [202611, 202610]) {
      const report = getSpendingReport(deps, company.admin, { month });
      const lines = reportLines(reportScope(deps, company.admin, month), { sort: "spending" });
      expect(lines.every((line) => own.has(line.lineId))).toBe(true);
      expect(report.topSpenders.every((line) => own.has(line.lineId))).toBe(true);
      expect(report.totals.current).toEqual(ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", month).byCategory);
      const neighbours = getSpendingReport(deps, neighbour.admin, { month });
      expect(neighbours.totals.current).toEqual(ratedCharges(deps, neighbour.companyId, "Asia/Yekaterinburg", month).byCategory);
      expect(reportLines(reportScope(deps, neighbour.admin, month), { sort: "spending" }).map((l) => l.lineId).sort()).toEqual([...neighbour.lineIds].sort());
    }
    // The neighbour's department by id: not found, like any id of another company.
    expect(() => getSpendingReport(deps, company.admin, { department: neighbourDepartment.id })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(getSpendingReport(deps, neighbour.admin, { department: neighbourDepartment.id }).lines.total).toBe(1);
    // The Far East company's months are its own, and an administrator of another region sees nothing of Ural.
    expect(getSpendingReport(deps, fareast.admin).company.name).toBe("ООО «Восток»");
    expect(() => getSpendingReport(deps, { ...company.admin, regionCode: "fareast" })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => getSpendingReport(deps, { ...company.admin, role: "office_staff", companyId: null })).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("shows what the employees pay themselves under a split limit, to the kopeck, only when there is such a part", () => {
    const { deps, company } = reportFixture();
    expect(getSpendingReport(deps, company.admin, { month: 202611 }).totals.employeePays).toBe(false);
    const lineId = company.lineIds[0] as number;
    splitHalfOfCharges(deps, lineId, "Asia/Yekaterinburg", new Date("2026-11-01T00:00:00Z").getTime());
    const november = getSpendingReport(deps, company.admin, { month: 202611 });
    const rated = ratedCharges(deps, company.companyId, "Asia/Yekaterinburg", 202611);
    expect(rated.byCategory.employee).toBeGreaterThan(0);
    expect(november.totals.employeePays).toBe(true);
    expect(november.totals.current.employee).toBe(rated.byCategory.employee);
    const line = reportLines(reportScope(deps, company.admin, 202611), { sort: "number" }).find((l) => l.lineId === lineId);
    expect(line?.current.employee).toBe(rated.byCategory.employee);
    expect(november.departments.reduce((sum, d) => sum + d.current.employee, 0)).toBe(rated.byCategory.employee);
    // December compares with November's split; September and October had none.
    expect(getSpendingReport(deps, company.admin, { month: 202612 }).totals.employeePays).toBe(true);
    expect(getSpendingReport(deps, company.admin, { month: 202610 }).totals.employeePays).toBe(false);
  });
});
