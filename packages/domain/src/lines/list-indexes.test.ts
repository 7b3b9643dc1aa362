import { describe, expect, it } from "vitest";
import { createDemoCompany } from "../seed/demo-companies.ts";
import { createTestDeps } from "../testing/test-deps.ts";

/**
 * The lists of issue 8 (filter by status, tariff, department; sort; search by number and by name;
 * a page of 50 among 100,000 lines) are served by indexes, not by scanning or sorting every line.
 */
describe("the indexes behind a company's lists", () => {
  const deps = createTestDeps();
  const { companyId } = createDemoCompany(deps.db, {
    regionCode: "ural",
    companyName: "АО «Индексы»",
    holderName: "АО «Индексы»",
    ownerName: "Индексов И. И.",
    accountNumber: "777000001",
    lineCount: 3000,
    msisdnOf: (i) => `+7961${String(i).padStart(7, "0")}`,
    seed: 3,
    activatedAt: new Date("2026-01-01T00:00:00Z"),
  });
  deps.db.$client.exec("analyze");
  const plan = (sql: string, ...params: unknown[]) =>
    (deps.db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(" | ");
  const live = "company_id = ? and terminated_at is null";

  it.each([
    ["a page by number", `select id from lines where ${live} order by msisdn limit 50 offset 950`, "lines_company_msisdn_idx"],
    ["a page by employee", `select id from lines where ${live} order by employee_name_folded limit 50`, "lines_company_name_idx"],
    ["one tariff, by number", `select id from lines where ${live} and tariff_id = 1 order by msisdn limit 50`, "lines_company_tariff_idx"],
    ["one department, by number", `select id from lines where ${live} and department_id = 1 order by msisdn limit 50`, "lines_company_department_idx"],
    ["active lines, by number", `select id from lines where ${live} and block_mask = 0 order by msisdn limit 50`, "lines_company_blocks_idx"],
  ])("%s: an index in the order asked, no sorting", (_name, sql, index) => {
    const detail = plan(sql, companyId);
    expect(detail).toContain(index);
    expect(detail).not.toContain("TEMP B-TREE");
  });

  it("finds a number among live lines by the number itself, a name within the company's lines, the month's counters by company", () => {
    expect(plan("select id from lines where msisdn = ? and terminated_at is null", "+79610000005")).toContain("lines_live_msisdn_uq");
    expect(plan(`select id from lines where ${live} and instr(employee_name_folded, ?) > 0 order by employee_name_folded limit 50`, companyId, "иван")).toMatch(
      /lines_company_(name|msisdn)_idx/,
    );
    expect(plan("select sum(total_charge) from line_usage_months where company_id = ? and billing_month = ?", companyId, 202611)).toContain(
      "line_usage_months_company_idx",
    );
    expect(plan("select * from usage_events where line_id = ? and started_at >= ? and started_at < ? order by started_at", 1, 0, 1)).toContain(
      "usage_events_line_time_idx",
    );
  });
});
