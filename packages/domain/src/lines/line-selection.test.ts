import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { addCompany, usageFixture } from "../usage/usage-test-fixtures.ts";
import { blockLine } from "./line-blocks.ts";
import { terminateLine } from "./issue-lines.ts";
import { listCompanyLines } from "./list-company-lines.ts";
import { resolveLineSelection } from "./line-selection.ts";

function fixture() {
  const { deps, other, moscow } = usageFixture();
  const company = addCompany(deps, {
    regionCode: "ural",
    name: "АО «Выбор»",
    accountNumber: "500000020",
    msisdns: ["+79206001005", "+79206001006", "+79206001007", "+79123450001"],
  });
  return { deps, company, other, moscow };
}

describe("a selection of lines", () => {
  it("of ticked lines resolves to those of the company's live lines, by number, each once", () => {
    const { deps, company } = fixture();
    const [a, b, c] = company.lineIds as [number, number, number];
    expect(resolveLineSelection(deps, company.admin, { kind: "lines", lineIds: [c, a, a] })).toEqual({ lineIds: [a, c], dropped: 0 });
    expect(resolveLineSelection(deps, company.admin, { kind: "lines", lineIds: [] })).toEqual({ lineIds: [], dropped: 0 });
    terminateLine(deps.db, b, deps.clock.now());
    expect(resolveLineSelection(deps, company.admin, { kind: "lines", lineIds: [a, b] })).toEqual({ lineIds: [a], dropped: 1 });
  });

  it("drops another company's lines and another region's, whatever ids are sent", () => {
    const { deps, company, other, moscow } = fixture();
    const mine = company.lineIds[0] as number;
    const theirs = [...other.lineIds, ...moscow.lineIds];
    expect(resolveLineSelection(deps, company.admin, { kind: "lines", lineIds: [mine, ...theirs, 999_999] })).toEqual({ lineIds: [mine], dropped: theirs.length + 1 });
    expect(resolveLineSelection(deps, other.admin, { kind: "lines", lineIds: company.lineIds })).toEqual({ lineIds: [], dropped: company.lineIds.length });
  });

  it("refuses ids that are not ids, and more than any page could tick", () => {
    const { deps, company } = fixture();
    expect(() => resolveLineSelection(deps, company.admin, { kind: "lines", lineIds: [1.5] })).toThrow(DomainError);
    expect(() => resolveLineSelection(deps, company.admin, { kind: "lines", lineIds: Array.from({ length: 10_001 }, (_, i) => i + 1) })).toThrow(DomainError);
  });

  it("of all lines matching a filter resolves to every such line on every page, the same lines the list counts", () => {
    const { deps, company } = fixture();
    const [a, b, c, d] = company.lineIds as [number, number, number, number];
    blockLine(deps, company.admin, { lineId: b, reason: "loss" });
    const query = { q: "8 (920) 600-10", status: "active" as const, page: 2 };
    expect(resolveLineSelection(deps, company.admin, { kind: "filter", query })).toEqual({ lineIds: [a, c], dropped: 0 });
    expect(listCompanyLines(deps, company.admin, query).total).toBe(2);
    expect(resolveLineSelection(deps, company.admin, { kind: "filter", query: {} }).lineIds).toEqual([d, a, b, c]);
  });

  it("of a filter never reaches past the company, and is refused to office staff", () => {
    const { deps, company, other } = fixture();
    expect(resolveLineSelection(deps, other.admin, { kind: "filter", query: { q: "920" } }).lineIds).toEqual([]);
    expect(() => resolveLineSelection(deps, { ...company.admin, role: "office_staff", companyId: null }, { kind: "filter", query: {} })).toThrow(DomainError);
  });
});
