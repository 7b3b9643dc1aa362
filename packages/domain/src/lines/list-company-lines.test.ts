import { describe, expect, it } from "vitest";
import { createDemoCompany } from "../seed/demo-companies.ts";
import { addCompany, tariffOf, usageFixture } from "../usage/usage-test-fixtures.ts";
import { createDepartment } from "./departments.ts";
import { updateLineEmployee } from "./employees.ts";
import { blockLine } from "./line-blocks.ts";
import { LINES_PAGE_SIZE, lineListPageSql, lineListWhere, listCompanyLines, parseLineSearch } from "./list-company-lines.ts";

/** Ural's company of five named lines in two departments, one blocked, some spending this month; another company beside it. */
function fixture() {
  const { deps, ural, other, moscow } = usageFixture();
  const company = addCompany(deps, {
    regionCode: "ural",
    name: "АО «Список»",
    accountNumber: "500000010",
    msisdns: ["+79206001005", "+79206001006", "+79123450001", "+79123450002", "+79123450003"],
  });
  const sales = createDepartment(deps, company.admin, { name: "Продажи" }).id;
  const accounting = createDepartment(deps, company.admin, { name: "Бухгалтерия" }).id;
  const [a, b, c, d, e] = company.lineIds as [number, number, number, number, number];
  const name = (lineId: number, employeeName: string, departmentId: number | null) => updateLineEmployee(deps, company.admin, { lineId, expectedVersion: 1, employeeName, departmentId });
  name(a, "Семёнов Пётр Ильич", sales);
  name(b, "ALICE Smith", sales);
  name(c, "Жуков Андрей", accounting);
  name(d, "Ёлкина Анна", null);
  blockLine(deps, company.admin, { lineId: c, reason: "loss" });
  blockLine(deps, company.admin, { lineId: d, reason: "voluntary" });
  // Spending of this billing month (November in Yekaterinburg) and of the month before, which must not count.
  const counters = deps.db.$client.prepare("insert into line_usage_months (line_id, billing_month, company_id, total_charge) values (?, ?, ?, ?)");
  counters.run(a, 202611, company.companyId, 15_000);
  counters.run(e, 202611, company.companyId, 90_050);
  counters.run(b, 202610, company.companyId, 999_999);
  return { deps, company, ids: { a, b, c, d, e }, sales, accounting, other, moscow, ural };
}

const numbersOf = (page: { lines: { msisdn: string }[] }) => page.lines.map((l) => l.msisdn);

describe("the lines list: search by number", () => {
  it.each([
    ["8 (920) 600-10-05", ["+79206001005"]],
    ["+7 920 600 10 05", ["+79206001005"]],
    ["79206001005", ["+79206001005"]],
    ["600-10-05", ["+79206001005"]],
    ["6001005", ["+79206001005"]],
    ["600-10", ["+79206001005", "+79206001006"]],
    ["8 920", ["+79206001005", "+79206001006"]],
    ["0003", ["+79123450003"]],
  ])("%s finds the numbers containing its digits", (q, expected) => {
    const { deps, company } = fixture();
    expect(numbersOf(listCompanyLines(deps, company.admin, { q }))).toEqual(expected);
  });

  it("reads a leading 8 both as the trunk prefix and as a digit of the number, and anything with letters as a name", () => {
    expect(parseLineSearch("8 05")).toEqual({ by: "number", fragments: ["805", "+705"] });
    expect(parseLineSearch("  ")).toEqual({ by: "none" });
    expect(parseLineSearch("Иванов 2")).toEqual({ by: "name", folded: "иванов 2" });
  });
});

describe("the lines list: search by name", () => {
  it.each([
    ["семенов", "+79206001005"],
    ["СЕМЁНОВ", "+79206001005"],
    ["пётр", "+79206001005"],
    ["alice", "+79206001006"],
    ["smith", "+79206001006"],
    ["елкина", "+79123450002"],
    ["ЁЛКИНА   АННА", "+79123450002"],
  ])("%s finds the employee in any case, ё as е", (q, msisdn) => {
    const { deps, company } = fixture();
    expect(numbersOf(listCompanyLines(deps, company.admin, { q }))).toEqual([msisdn]);
  });

  it("finds nothing for a name no one has, and says there are none", () => {
    const { deps, company } = fixture();
    expect(listCompanyLines(deps, company.admin, { q: "Никтоев" })).toMatchObject({ lines: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe("the lines list: what a row shows and the filters", () => {
  it("shows number, employee, department, tariff, status and this month's spending only", () => {
    const { deps, company, ids } = fixture();
    const page = listCompanyLines(deps, company.admin);
    expect(page.total).toBe(5);
    expect(page.billingMonth).toBe(202611);
    const row = (id: number) => page.lines.find((l) => l.id === id);
    expect(row(ids.a)).toMatchObject({ msisdn: "+79206001005", employeeName: "Семёнов Пётр Ильич", department: { name: "Продажи" }, status: "active", monthSpending: 15_000 });
    expect(row(ids.a)?.tariff.nameRu).toBe(tariffOf(deps, "ural", "biz-start").nameRu);
    expect(row(ids.b)?.monthSpending).toBe(0);
    expect(row(ids.c)).toMatchObject({ status: "blocked_loss", department: { name: "Бухгалтерия" } });
    expect(row(ids.d)).toMatchObject({ status: "blocked_voluntary", department: null });
    expect(page.departments.map((d) => d.name)).toEqual(["Бухгалтерия", "Продажи"]);
    expect(page.tariffs.length).toBeGreaterThanOrEqual(6);
  });

  it("filters by status, department and tariff, and by several at once", () => {
    const { deps, company, ids, sales } = fixture();
    const idsOf = (query: Parameters<typeof listCompanyLines>[2]) => listCompanyLines(deps, company.admin, query).lines.map((l) => l.id).sort();
    expect(idsOf({ status: "active" })).toEqual([ids.a, ids.b, ids.e].sort());
    expect(idsOf({ status: "blocked" })).toEqual([ids.c, ids.d].sort());
    expect(idsOf({ status: "loss" })).toEqual([ids.c]);
    expect(idsOf({ status: "voluntary" })).toEqual([ids.d]);
    expect(idsOf({ status: "limit" })).toEqual([]);
    expect(idsOf({ departmentId: sales })).toEqual([ids.a, ids.b].sort());
    expect(idsOf({ departmentId: sales, q: "alice" })).toEqual([ids.b]);
    const start = tariffOf(deps, "ural", "biz-start").id;
    const pro = tariffOf(deps, "ural", "biz-pro").id;
    expect(idsOf({ tariffId: start }).length).toBe(5);
    expect(idsOf({ tariffId: pro })).toEqual([]);
    expect(listCompanyLines(deps, company.admin, { status: "blocked", departmentId: sales }).total).toBe(0);
  });

  it("sorts by number, employee, department and spending, both ways", () => {
    const { deps, company } = fixture();
    const sorted = (sort: "number" | "employee" | "department" | "spending", direction: "asc" | "desc" = "asc") =>
      numbersOf(listCompanyLines(deps, company.admin, { sort, direction }));
    expect(sorted("number")).toEqual(["+79123450001", "+79123450002", "+79123450003", "+79206001005", "+79206001006"]);
    expect(sorted("number", "desc")).toEqual(["+79206001006", "+79206001005", "+79123450003", "+79123450002", "+79123450001"]);
    // Folded names: alice, елкина, жуков, семенов; the unnamed line first.
    expect(sorted("employee")).toEqual(["+79123450003", "+79206001006", "+79123450002", "+79123450001", "+79206001005"]);
    expect(sorted("spending", "desc").slice(0, 2)).toEqual(["+79123450003", "+79206001005"]);
    // Бухгалтерия before Продажи; lines without a department first.
    expect(sorted("department")).toEqual(["+79123450002", "+79123450003", "+79123450001", "+79206001005", "+79206001006"]);
  });
});

describe("the lines list: pages", () => {
  const many = () => {
    const { deps, ural } = usageFixture();
    const { companyId } = createDemoCompany(deps.db, {
      regionCode: "ural",
      companyName: "АО «Сто тридцать»",
      holderName: "АО «Сто тридцать»",
      ownerName: "Сотов С. С.",
      accountNumber: "777000130",
      lineCount: 130,
      msisdnOf: (i) => `+7961${String(i).padStart(7, "0")}`,
      seed: 5,
      activatedAt: new Date("2026-01-01T00:00:00Z"),
    });
    return { deps, admin: { ...ural.admin, companyId: companyId as number } };
  };

  it("gives pages of 50 with the total, no line twice and none missed, in every sort", () => {
    const { deps, admin } = many();
    for (const sort of ["number", "employee", "department", "spending"] as const) {
      const first = listCompanyLines(deps, admin, { sort });
      expect(first).toMatchObject({ total: 130, pageCount: 3, page: 1, pageSize: LINES_PAGE_SIZE });
      expect(first.lines).toHaveLength(50);
      const all = [1, 2, 3].flatMap((page) => listCompanyLines(deps, admin, { sort, page }).lines.map((l) => l.id));
      expect(all).toHaveLength(130);
      expect(new Set(all).size).toBe(130);
    }
    expect(listCompanyLines(deps, admin, { page: 3 }).lines).toHaveLength(30);
  });

  it("answers a page past the end with the last page, and a page below 1 with the first", () => {
    const { deps, admin } = many();
    expect(listCompanyLines(deps, admin, { page: 99 }).page).toBe(3);
    expect(listCompanyLines(deps, admin, { page: -4 }).page).toBe(1);
  });
});

describe("the lines list: tenancy", () => {
  it("lists only the actor's company's live lines in the actor's region", () => {
    const { deps, company, other, moscow } = fixture();
    expect(numbersOf(listCompanyLines(deps, company.admin)).includes("+79120000099")).toBe(false);
    expect(numbersOf(listCompanyLines(deps, other.admin))).toEqual(["+79120000099"]);
    // The same company id with another region: nothing (a session of one region never sees another's rows).
    expect(listCompanyLines(deps, { ...company.admin, regionCode: "moscow" }).total).toBe(0);
    expect(numbersOf(listCompanyLines(deps, moscow.admin))).toEqual(["+79160000001"]);
    // Another company's department as a filter matches none of the actor's lines.
    const theirs = createDepartment(deps, other.admin, { name: "Чужой" }).id;
    expect(listCompanyLines(deps, company.admin, { departmentId: theirs }).total).toBe(0);
  });

  it("refuses office staff", () => {
    const { deps, company } = fixture();
    expect(() => listCompanyLines(deps, { ...company.admin, role: "office_staff", companyId: null })).toThrow(/not a company administrator/);
  });
});

describe("the lines list's queries on a large company", () => {
  const { deps, ural } = usageFixture();
  const { companyId } = createDemoCompany(deps.db, {
    regionCode: "ural",
    companyName: "АО «План»",
    holderName: "АО «План»",
    ownerName: "Планов П. П.",
    accountNumber: "777000300",
    lineCount: 3000,
    msisdnOf: (i) => `+7961${String(i).padStart(7, "0")}`,
    seed: 3,
    activatedAt: new Date("2026-01-01T00:00:00Z"),
  });
  deps.db.$client.exec("analyze");
  const admin = { ...ural.admin, companyId: companyId as number };
  const plan = (query: Parameters<typeof listCompanyLines>[2] & {}) => {
    const where = lineListWhere(admin, query);
    const sql = lineListPageSql(where.sql, query.sort ?? "number", query.direction ?? "asc");
    return (deps.db.$client.prepare(`explain query plan ${sql}`).all(202611, ...where.params, 50, 0) as { detail: string }[]).map((r) => r.detail).join(" | ");
  };

  it.each([
    ["a page by number", {}, "lines_company_msisdn_idx"],
    ["a page by number, backwards", { direction: "desc" as const }, "lines_company_msisdn_idx"],
    ["a page by employee", { sort: "employee" as const }, "lines_company_name_idx"],
    ["a search by number", { q: "600-10-05" }, "lines_company_msisdn_idx"],
    ["active lines", { status: "active" as const }, "lines_company_blocks_idx"],
    ["one tariff", { tariffId: 1 }, "lines_company_tariff_idx"],
    ["one department", { departmentId: 1 }, "lines_company_department_idx"],
  ])("%s: read in order from the company's index, no sorting", (_name, query, index) => {
    const detail = plan(query);
    expect(detail).toContain(index);
    expect(detail).not.toContain("TEMP B-TREE");
    expect(detail).toContain("line_usage_months");
  });

  it("searches names within the company's lines, never the whole table", () => {
    for (const sort of ["number", "employee", "department", "spending"] as const) {
      const detail = plan({ q: "иванов", sort });
      expect(detail).toMatch(/SEARCH l USING INDEX lines_company_\w+_idx \(company_id=/);
      expect(detail).not.toMatch(/SCAN l\b/);
    }
  });
});
