import { describe, expect, it } from "vitest";
import { companyAuditFixture } from "./cabinet-test-fixtures.ts";
import { getCompanyOverview } from "./company-overview.ts";
import { listCompanyAuditEvents } from "../audit/company-audit.ts";
import { DomainError } from "../errors.ts";

describe("the company administrator's overview", () => {
  it("shows the company, its region, its accounts and their lines, and nothing of any other company", async () => {
    const { deps, romashkaAdmin, vectorAdmin } = await companyAuditFixture();
    const overview = getCompanyOverview(deps, romashkaAdmin);
    expect(overview.company.name).toBe("ООО «Ромашка»");
    expect(overview.region).toMatchObject({ code: "ural", timeZone: "Asia/Yekaterinburg" });
    expect(overview.accounts).toEqual([{ accountNumber: "100200300", lineCount: 3 }]);
    expect(overview.lineCount).toBe(3);
    expect(overview.lines.map((l) => l.msisdn)).toEqual(["+79123456789", "+79123456790", "+79123456791"]);
    expect(overview.lines[0]).toMatchObject({ accountNumber: "100200300", status: "active", tariffNameRu: expect.any(String) });

    const other = getCompanyOverview(deps, vectorAdmin);
    expect(other.company.name).toBe("АО «Вектор»");
    expect(other.lines.map((l) => l.msisdn)).toEqual(["+79206002000"]);
  });

  it("is refused to office staff and to an admin without a company", async () => {
    const { deps, staff, romashkaAdmin } = await companyAuditFixture();
    expect(() => getCompanyOverview(deps, staff)).toThrow(DomainError);
    expect(() => getCompanyOverview(deps, { ...romashkaAdmin, companyId: null })).toThrow(DomainError);
    // A company id that does not belong to the admin's region is not found.
    expect(() => getCompanyOverview(deps, { ...romashkaAdmin, regionCode: "moscow" })).toThrow(DomainError);
  });
});

describe("the company's audit trail", () => {
  it("holds the company's own events only, newest first", async () => {
    const { deps, romashkaAdmin, vectorAdmin, staff } = await companyAuditFixture();
    const events = listCompanyAuditEvents(deps, romashkaAdmin);
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((e) => e.action)).toContain("application.approved");
    expect(events.map((e) => e.action)).toContain("auth.login_failed");
    const times = events.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const vectorEvents = listCompanyAuditEvents(deps, vectorAdmin);
    const romashkaIds = new Set(events.map((e) => e.id));
    expect(vectorEvents.some((e) => romashkaIds.has(e.id))).toBe(false);
    expect(vectorEvents.some((e) => JSON.stringify(e).includes("c100200300"))).toBe(false);
    expect(() => listCompanyAuditEvents(deps, staff)).toThrow(DomainError);
  });
});
