import { describe, expect, it } from "vitest";
import { monthNumber, monthParam, reportQueryOf, spendingReportFileSchema, spendingReportFormSchema, spendingReportSearch } from "./spending-report-form";

const parse = (query: string) => spendingReportFormSchema.parse(Object.fromEntries(new URLSearchParams(query)));

describe("the spending report's choices in the URL", () => {
  it("takes a month, a department (or none), an order and a page", () => {
    expect(parse("month=2026-10&department=7&sort=change&page=3")).toEqual({ month: "2026-10", department: 7, sort: "change", page: 3 });
    expect(reportQueryOf(parse("month=2026-10&department=none"))).toEqual({ month: 202610, department: "none", sort: "spending", page: 1 });
  });

  it("falls back to the defaults on anything the lists do not offer: an old bookmark, a hand-made link", () => {
    for (const query of ["month=2026-13", "month=26-10", "month=2026-1", "month=2026-10-01", "month=%3Cscript%3E"]) expect(parse(query).month).toBeUndefined();
    expect(parse("department=0").department).toBeUndefined();
    expect(parse("department=-3").department).toBeUndefined();
    expect(parse("department=abc").department).toBeUndefined();
    expect(parse("sort=price").sort).toBe("spending");
    expect(parse("page=0").page).toBe(1);
    expect(parse("page=x").page).toBe(1);
    expect(spendingReportFileSchema.parse({ month: "2026-10", table: "everything" })).toEqual({ month: "2026-10", table: "lines" });
  });

  it("writes links without the defaults, and months both ways", () => {
    expect(spendingReportSearch({ month: "2026-11", sort: "spending", page: 1 })).toBe("?month=2026-11");
    expect(spendingReportSearch({ month: "2026-11", department: "none", sort: "number", page: 2 })).toBe("?month=2026-11&department=none&sort=number&page=2");
    expect(spendingReportSearch({})).toBe("");
    expect(monthParam(202601)).toBe("2026-01");
    expect(monthNumber("2026-01")).toBe(202601);
    expect(monthNumber(undefined)).toBeUndefined();
  });
});
