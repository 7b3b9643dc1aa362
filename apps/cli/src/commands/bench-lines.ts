import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, billingMonthOf, generateDemoCompany, type LineListQuery, listCompanyLines } from "@cabinet/domain";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";

/** One query of the list as a user makes it, and the same page written by hand in SQL. */
interface ListCase {
  name: string;
  query: LineListQuery;
  /** The bare query's WHERE beyond the company, region and live lines; its ORDER BY; its OFFSET. */
  where: string;
  orderBy: string;
  offset: number;
}

export interface LinesListMeasurement {
  lines: number;
  cases: { name: string; total: number; ours: { median: number; p95: number }; bare: { median: number; p95: number } }[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * `lines.list`: a company of `lines` lines made by the demo generator (departments, employees,
 * tariffs, blocks, this month's rated usage), and the list's queries through `listCompanyLines`
 * beside the bare better-sqlite3 queries that return the same page and its total: a filter, a sort,
 * a deep page of 50, a search by number as typed, a search by name. Each pair is timed
 * alternately, `rounds` times, so that both see the same machine.
 */
export async function measureLinesList(options: { lines: number; rounds: number; log?: (line: string) => void }): Promise<LinesListMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-lines-"));
  try {
    const file = join(dir, "lines.db");
    const deps = openDeps(file);
    const started = performance.now();
    // One month of thin history: enough for most lines to have month-to-date counters to sort by.
    const company = await generateDemoCompany(deps, { regionCode: "ural", lines: options.lines, months: 1, intensity: 0.02 });
    deps.db.$client.exec("analyze");
    options.log?.(
      `lines.list: ${company.lines.toLocaleString("en")} lines and ${company.events.toLocaleString("en")} events generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const sqlite = deps.db.$client;
    const companyId = company.companyId;
    const user = sqlite.prepare("select id from users where login = ? and region_code = 'ural'").get(company.login) as { id: number };
    const actor: Actor = { userId: user.id, login: company.login, displayName: "bench", role: "company_admin", regionCode: "ural", companyId, mustChangePassword: false };
    const tariffId = (sqlite.prepare("select id from tariffs where region_code = 'ural' and code = 'biz-pro'").get() as { id: number }).id;
    const departmentId = (sqlite.prepare("select id from departments where company_id = ? order by id limit 1").get(companyId) as { id: number }).id;
    // A real number of the company, as someone would type it from a business card.
    const sampleMsisdn = (sqlite.prepare("select msisdn from lines where company_id = ? order by msisdn limit 1 offset ?").get(companyId, Math.floor(options.lines * 0.37)) as { msisdn: string })
      .msisdn;
    const typed = `8 (${sampleMsisdn.slice(2, 5)}) ${sampleMsisdn.slice(5, 8)}-${sampleMsisdn.slice(8, 10)}-${sampleMsisdn.slice(10)}`;
    const partial = `${sampleMsisdn.slice(7, 9)}-${sampleMsisdn.slice(9, 11)}`;
    const surname = (sqlite.prepare("select employee_name from lines where company_id = ? and employee_name is not null limit 1 offset 777").get(companyId) as {
      employee_name: string;
    }).employee_name.split(" ")[0] as string;

    const deepPage = Math.max(1, Math.floor(options.lines / 100));
    const cases: ListCase[] = [
      { name: "filter (active, one tariff)", query: { status: "active", tariffId }, where: `and l.block_mask = 0 and l.tariff_id = ${tariffId}`, orderBy: "l.msisdn", offset: 0 },
      {
        name: "filter (one department, blocked)",
        query: { status: "blocked", departmentId },
        where: `and l.block_mask > 0 and l.department_id = ${departmentId}`,
        orderBy: "l.msisdn",
        offset: 0,
      },
      { name: "sort by spending, most first", query: { sort: "spending", direction: "desc" }, where: "", orderBy: "spending desc, l.msisdn desc", offset: 0 },
      { name: "sort by employee", query: { sort: "employee" }, where: "", orderBy: "l.employee_name_folded, l.id", offset: 0 },
      { name: `page ${deepPage.toLocaleString("en")} of 50 by number`, query: { page: deepPage }, where: "", orderBy: "l.msisdn", offset: (deepPage - 1) * 50 },
      {
        name: `search by number "${typed}"`,
        query: { q: typed },
        where: `and instr(l.msisdn, '${sampleMsisdn.slice(1)}') > 0`,
        orderBy: "l.msisdn",
        offset: 0,
      },
      { name: `search by number "${partial}"`, query: { q: partial }, where: `and instr(l.msisdn, '${partial.replace("-", "")}') > 0`, orderBy: "l.msisdn", offset: 0 },
      {
        name: `search by name "${surname.toUpperCase()}"`,
        query: { q: surname.toUpperCase() },
        where: `and instr(l.employee_name_folded, '${surname.toLowerCase().replace(/ё/g, "е")}') > 0`,
        orderBy: "l.msisdn",
        offset: 0,
      },
    ];

    // The bare side: its own connection to the same file, hand-written SQL, the month computed once.
    const raw = new Database(file, { readonly: true });
    const month = billingMonthOf("Asia/Yekaterinburg", Date.now());
    const base = `l.company_id = ${companyId} and l.region_code = 'ural' and l.terminated_at is null`;
    const result: LinesListMeasurement["cases"] = [];
    for (const c of cases) {
      const count = raw.prepare(`select count(*) from lines l where ${base} ${c.where}`).pluck();
      const page = raw.prepare(
        `select l.id, l.msisdn, l.employee_name, l.department_id, d.name, l.tariff_id, t.name_ru, t.name_en, l.block_mask, coalesce(m.total_charge, 0) as spending
         from lines l join tariffs t on t.id = l.tariff_id left join departments d on d.id = l.department_id
         left join line_usage_months m on m.line_id = l.id and m.billing_month = ${month}
         where ${base} ${c.where} order by ${c.orderBy} limit 50 offset ${c.offset}`,
      );
      const bare = () => ({ total: count.get() as number, rows: page.all() as { id: number }[] });
      const ours = () => listCompanyLines(deps, actor, c.query);
      const a = ours();
      const b = bare();
      if (a.total !== b.total || a.lines.map((l) => l.id).join() !== b.rows.map((r) => r.id).join()) {
        throw new Error(`lines.list: "${c.name}" returned another page than the bare query (${a.total} against ${b.total} lines)`);
      }
      for (let i = 0; i < 3; i++) {
        ours();
        bare();
      }
      const timesOurs: number[] = [];
      const timesBare: number[] = [];
      for (let i = 0; i < options.rounds; i++) {
        let t = performance.now();
        ours();
        timesOurs.push(performance.now() - t);
        t = performance.now();
        bare();
        timesBare.push(performance.now() - t);
      }
      timesOurs.sort((x, y) => x - y);
      timesBare.sort((x, y) => x - y);
      const entry = {
        name: c.name,
        total: a.total,
        ours: { median: quantile(timesOurs, 0.5), p95: quantile(timesOurs, 0.95) },
        bare: { median: quantile(timesBare, 0.5), p95: quantile(timesBare, 0.95) },
      };
      result.push(entry);
      options.log?.(
        `lines.list: ${entry.name} (${entry.total.toLocaleString("en")} lines): median ${entry.ours.median.toFixed(2)} ms / bare ${entry.bare.median.toFixed(2)} ms, p95 ${entry.ours.p95.toFixed(2)} ms / bare ${entry.bare.p95.toFixed(2)} ms, p95 ratio ${(entry.ours.p95 / entry.bare.p95).toFixed(2)}×`,
      );
    }
    raw.close();
    sqlite.close();
    return { lines: options.lines, cases: result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The `lines.list` figure of `pnpm bench`: the p95 of the list's query whose p95 is furthest from
 * its bare query's, against that bare p95 (so the ratio is the worst of the queries, not an average
 * that hides one).
 */
export const linesListFigure = {
  name: "lines.list",
  label: "lines list of a 100,000-line company: p95 of the slowest-relative query (filter, sort, page of 50, search by number and by name)",
  baseline: "bare better-sqlite3 count and page query returning the same 50 lines, same file",
  async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
    const m = await measureLinesList({ lines: 100_000, rounds: 60, log });
    const worst = m.cases.reduce((w, c) => (c.ours.p95 / c.bare.p95 > w.ours.p95 / w.bare.p95 ? c : w));
    log(`lines.list: the figure is "${worst.name}"`);
    return { name: "lines.list", ours: worst.ours.p95, baseline: worst.bare.p95, ratio: worst.ours.p95 / worst.bare.p95, unit: "ms" };
  },
};
