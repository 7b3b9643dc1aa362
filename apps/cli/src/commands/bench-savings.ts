import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, adviceWindow, generateDemoCompany, getSavingsAdvice, rateCompanyOnTariffs } from "@cabinet/domain";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";

export interface SavingsAdviceMeasurement {
  lines: number;
  tariffs: number;
  usageRows: number;
  stats: { lineMonths: number; lineMonthsEventByEvent: number; eventsEventByEvent: number };
  /** Medians, ms. */
  ours: number;
  baseline: number;
}

/**
 * `savings.advice`: a company of `lines` lines made by the demo generator with three full months
 * of rated usage (and this month's so far), and the savings advice of the whole company through
 * `getSavingsAdvice` — every line's three months re-rated on every tariff of the region it may
 * use, the cheapest chosen, sorted, grouped, the first page. The baseline is the bare SQL
 * aggregate of the same usage rows on its own connection: per line and month the sums of units and
 * charges, as the window's usage rows are read once and summed by SQLite and nothing more — by one
 * scan of the table in its order, the fastest way for a company that holds most of it (through the
 * index it takes several times longer). The advice keeps its result for the next page until the
 * company's data moves, so before each of our rounds one line's version is bumped (untimed): every
 * round computes the whole advice again. Timed alternately, `rounds` times each, medians.
 */
export async function measureSavingsAdvice(options: { lines: number; rounds: number; log?: (line: string) => void }): Promise<SavingsAdviceMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-savings-"));
  try {
    const file = join(dir, "savings.db");
    const deps = openDeps(file);
    const started = performance.now();
    const company = await generateDemoCompany(deps, { regionCode: "ural", lines: options.lines, months: 3 });
    deps.db.$client.exec("analyze");
    options.log?.(
      `savings.advice: ${company.lines.toLocaleString("en")} lines and ${company.events.toLocaleString("en")} events generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const sqlite = deps.db.$client;
    const user = sqlite.prepare("select id from users where login = ? and region_code = 'ural'").get(company.login) as { id: number };
    const actor: Actor = { userId: user.id, login: company.login, displayName: "bench", role: "company_admin", regionCode: "ural", companyId: company.companyId, mustChangePassword: false };
    const now = deps.clock.now().getTime();
    const { bounds } = adviceWindow("Asia/Yekaterinburg", now);

    const raw = new Database(file, { readonly: true });
    const monthCase = `case when e.started_at < ${bounds[1]} then 0 when e.started_at < ${bounds[2]} then 1 else 2 end`;
    const bare = raw
      .prepare(
        `select e.line_id, ${monthCase} as m, sum(e.units), sum(e.charge), count(*)
         from usage_events e not indexed
         where e.started_at >= ? and e.started_at < ? and e.line_id in (select id from lines where company_id = ? and region_code = 'ural' and terminated_at is null)
         group by e.line_id, m`,
      )
      .raw();
    const bareRun = () => bare.all(bounds[0], bounds[3], company.companyId);
    const usageRows = sqlite
      .prepare("select count(*) from usage_events e join lines l on l.id = e.line_id where l.company_id = ? and e.started_at >= ? and e.started_at < ?")
      .pluck()
      .get(company.companyId, bounds[0], bounds[3]) as number;

    // The computation itself is measured: however large the company, in this call (not by the job).
    const computedHere = { inlineLines: Number.POSITIVE_INFINITY };
    const first = rateCompanyOnTariffs(sqlite, { companyId: company.companyId, regionCode: "ural", timeZone: "Asia/Yekaterinburg", now });
    const advice = getSavingsAdvice(deps, actor, {}, computedHere);
    options.log?.(
      `savings.advice: ${usageRows.toLocaleString("en")} usage rows in the three months, ${first.tariffs.length} tariffs; ${first.stats.lineMonths.toLocaleString("en")} line-months, ` +
        `${first.stats.lineMonthsEventByEvent.toLocaleString("en")} of them with events re-rated one by one (${first.stats.eventsEventByEvent.toLocaleString("en")} events); ` +
        `${advice.advisedLines.toLocaleString("en")} lines advised, ${(advice.totalMonthlySaving / 100).toLocaleString("en")} ₽ a month`,
    );
    bareRun();
    const oursTimes: number[] = [];
    const bareTimes: number[] = [];
    const touchLine = sqlite.prepare("update lines set version = version + 1 where id = (select min(id) from lines where company_id = ?)");
    for (let i = 0; i < options.rounds; i++) {
      touchLine.run(company.companyId);
      let t = performance.now();
      getSavingsAdvice(deps, actor, {}, computedHere);
      oursTimes.push(performance.now() - t);
      t = performance.now();
      bareRun();
      bareTimes.push(performance.now() - t);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    raw.close();
    sqlite.close();
    return { lines: options.lines, tariffs: first.tariffs.length, usageRows, stats: first.stats, ours: median(oursTimes), baseline: median(bareTimes) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const savingsAdviceFigure = {
  name: "savings.advice",
  label: "savings advice of a 100,000-line company: three full months re-rated on every tariff of the region, median",
  baseline: "bare SQL aggregate (sum of units and charges per line and month) of the same usage rows, same file",
  async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
    const m = await measureSavingsAdvice({ lines: 100_000, rounds: 5, log });
    log(`savings.advice: ${m.ours.toFixed(0)} ms against the bare aggregate's ${m.baseline.toFixed(0)} ms`);
    return { name: "savings.advice", ours: m.ours, baseline: m.baseline, ratio: m.ours / m.baseline, unit: "ms" };
  },
};
