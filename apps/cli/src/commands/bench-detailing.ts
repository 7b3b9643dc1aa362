import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { billingMonthOf, billingMonthStart, createDemoCompany } from "@cabinet/domain";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";
import type { ChildResult, ChildWork } from "./bench-detailing-child.ts";

const LINES = 1_000;
const MONTHS = 6;
const EVENTS_PER_LINE = 600;
const TIME_ZONE = "Asia/Yekaterinburg";
const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const childScript = join(cliRoot, "src/commands/bench-detailing-child.ts");

export interface DetailingMeasurement {
  rows: number;
  csv: ChildResult;
  zip: ChildResult;
  xlsx: ChildResult;
  /** The fastest of three bare runs (alternating with two of our CSV: `csv` is the faster of those). */
  bare: ChildResult;
}

/**
 * The child script bundled as the domain's job thread is (packages/domain/build-job-thread.mjs): our
 * TypeScript and @cabinet/* in one ES module, the domain's npm dependencies external, so the file is
 * written into the domain's dist/ where they resolve. Returns its path.
 */
async function bundleChild(): Promise<string> {
  const domainPackage = createRequire(import.meta.url).resolve("@cabinet/domain/package.json");
  const domainRoot = dirname(domainPackage);
  // esbuild is the domain's (it builds the job thread), not the command line's: loaded from there.
  const { build } = (await import(pathToFileURL(createRequire(domainPackage).resolve("esbuild")).href)) as { build(options: Record<string, unknown>): Promise<unknown> };
  const own = Object.keys((JSON.parse(readFileSync(domainPackage, "utf8")) as { dependencies?: Record<string, string> }).dependencies ?? {});
  const outfile = join(domainRoot, "dist", `bench-detailing-child-${process.pid}.mjs`);
  await build({
    entryPoints: [childScript],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    external: own.filter((name) => !name.startsWith("@cabinet/")).flatMap((name) => [name, `${name}/*`]),
    banner: { js: 'import { createRequire as __cabinetCreateRequire } from "node:module";\nconst require = __cabinetCreateRequire(import.meta.url);' },
  });
  return outfile;
}

/** Runs one detailing in a fresh Node process from the bundle. */
async function inChild(bundle: string, work: ChildWork): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [bundle, JSON.stringify(work)], { maxBuffer: 1 << 20 }).catch(
    (error: { stderr?: string }) => {
      throw new Error(`detailing bench child (${work.mode}) failed: ${error.stderr ?? error}`);
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as ChildResult;
}

/**
 * The bench's database: a company of 1,000 lines (the demo generator: employees, departments) with
 * 600 events each, evenly over the last six billing months and this one so far, inserted with SQL as
 * the rating would have left them (the bench measures the files, not the rating).
 */
export function createDetailingBenchDatabase(database: string, log: (line: string) => void = () => undefined): Omit<ChildWork, "output" | "mode"> {
  const deps = openDeps(database);
  const sqlite = deps.db.$client;
  const started = performance.now();
  const { companyId } = createDemoCompany(deps.db, {
    regionCode: "ural",
    companyName: "АО «Бенчмарк Детализации»",
    holderName: "АО «Бенчмарк Детализации»",
    ownerName: "Бенчмарков Б. Б.",
    accountNumber: "999000011",
    lineCount: LINES,
    msisdnOf: (i) => `+7962${String(i).padStart(7, "0")}`,
    seed: 11,
    activatedAt: new Date(Date.now() - 400 * 86_400_000),
  });
  const lineIds = sqlite.prepare("select id from lines where company_id = ? order by id").pluck().all(companyId) as number[];
  const now = Date.now();
  let month = billingMonthOf(TIME_ZONE, now);
  for (let i = 0; i < MONTHS; i++) month = month % 100 === 1 ? month - 89 : month - 1;
  const from = billingMonthStart(TIME_ZONE, month);
  const span = now - from;
  const insert = sqlite.prepare(
    `insert into usage_events (event_key, line_id, started_at, kind, roaming, other_party, duration_seconds, volume_bytes, units, included_units, charge)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const kinds = ["call_out", "call_in", "data", "call_out", "sms_out", "call_in", "data", "call_out", "sms_in", "data"] as const;
  sqlite.transaction(() => {
    let n = 0;
    for (const lineId of lineIds) {
      for (let j = 0; j < EVENTS_PER_LINE; j++, n++) {
        const kind = kinds[n % kinds.length] as (typeof kinds)[number];
        const roaming = n % 97 === 0 ? 1 : 0;
        const call = kind === "call_out" || kind === "call_in";
        const seconds = call ? 5 + ((n * 37) % 900) : null;
        const bytes = kind === "data" ? 20_000 + ((n * 7777) % 30_000_000) : null;
        const units = call ? Math.ceil((seconds ?? 0) / 60) : kind === "data" ? Math.ceil((bytes ?? 0) / 1024) : 1;
        const charge = kind === "call_in" && !roaming ? 0 : (n * 131) % 2_500;
        const party = kind === "data" ? "internet" : n % 11 === 0 ? "0611" : `+7912${String((n * 7919) % 10_000_000).padStart(7, "0")}`;
        insert.run(`bench-${n}`, lineId, from + Math.floor(((j + 0.5) / EVENTS_PER_LINE) * span), kind, roaming, party, seconds, bytes, units, 0, charge);
      }
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  log(`detailing: ${(LINES * EVENTS_PER_LINE).toLocaleString("en")} events over ${LINES.toLocaleString("en")} lines generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { database, companyId: companyId as number, regionCode: "ural", timeZone: TIME_ZONE, lineIds, from, to: now + 1 };
}

/**
 * `detailing.*`: the bench's database (600,000 events: createDetailingBenchDatabase), then the whole
 * company's details written to a file as CSV, as a ZIP of CSV and as XLSX through writeDetailing,
 * each in a process of its own that reports its time and its peak RSS. The baseline is a bare
 * better-sqlite3 iteration of the same rows (the lines by number, each line's events on its index), writing the same CSV by hand
 * (its file must be byte for byte ours), alternating with our CSV: the fastest of each counts.
 */
export async function measureDetailing(log: (line: string) => void = () => undefined): Promise<DetailingMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-detailing-"));
  let bundle: string | undefined;
  try {
    bundle = await bundleChild();
    const run = (work: ChildWork) => inChild(bundle as string, work);
    const base = createDetailingBenchDatabase(join(dir, "detailing.db"), log);
    const rows = LINES * EVENTS_PER_LINE;
    const work = (mode: ChildWork["mode"]): ChildWork => ({ ...base, output: join(dir, `out-${mode}`), mode });
    const describe = (name: string, r: ChildResult) =>
      log(
        `detailing ${name}: ${r.rows.toLocaleString("en")} rows in ${r.seconds.toFixed(2)} s (${Math.round(r.rows / r.seconds).toLocaleString("en")} rows/s), ${(r.bytes / 1_048_576).toFixed(1)} MB, peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.startRssMb.toFixed(0)} MB loaded)`,
      );
    // The CSV and the bare loop alternate (bare, CSV, bare, CSV, bare) and the best of each counts:
    // the machine is shared, and a burst of someone else's work only ever slows a run down.
    const bares: ChildResult[] = [];
    const csvs: ChildResult[] = [];
    for (let i = 0; i < 2; i++) {
      bares.push(await run(work("bare")));
      describe("bare", bares.at(-1) as ChildResult);
      csvs.push(await run(work("csv")));
      describe("csv", csvs.at(-1) as ChildResult);
    }
    bares.push(await run(work("bare")));
    describe("bare", bares.at(-1) as ChildResult);
    const zip = await run(work("zip"));
    describe("zip", zip);
    const xlsx = await run(work("xlsx"));
    describe("xlsx", xlsx);
    for (const r of [...csvs, ...bares, zip, xlsx]) {
      if (r.rows !== rows) throw new Error(`detailing bench: ${r.rows} rows written, ${rows} expected`);
    }
    if (csvs.some((r) => r.sha256 !== bares[0]?.sha256)) throw new Error("detailing bench: our CSV and the bare loop's differ");
    const fastest = (results: ChildResult[]) => results.reduce((best, r) => (r.seconds < best.seconds ? r : best));
    const highest = (results: ChildResult[]) => results.reduce((top, r) => (r.peakRssMb > top.peakRssMb ? r : top));
    return { rows, csv: { ...fastest(csvs), peakRssMb: highest(csvs).peakRssMb }, zip, xlsx, bare: { ...fastest(bares), peakRssMb: highest(bares).peakRssMb } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (bundle) rmSync(bundle, { force: true });
  }
}

let measured: Promise<DetailingMeasurement> | undefined;
/** The four figures come from one run: measured once, whichever is asked first. */
const measurement = (log: (line: string) => void) => {
  measured ??= measureDetailing(log);
  return measured;
};
const rate = (r: ChildResult) => r.rows / r.seconds;
const BASELINE = "bare better-sqlite3 iteration of the same rows writing the same CSV by hand (byte-identical), alternating with ours, best of each";

const rateFigure = (name: string, label: string, pick: (m: DetailingMeasurement) => ChildResult) => ({
  name,
  label,
  baseline: BASELINE,
  async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
    const m = await measurement(log);
    const ours = rate(pick(m));
    const baseline = rate(m.bare);
    return { name, ours, baseline, ratio: baseline / ours, unit: "/s" };
  },
});

export const detailingFigures = [
  rateFigure("detailing.csv", "call details rows per second to a CSV file (600,000 events, 1,000 lines × 6 months), own process", (m) => m.csv),
  rateFigure("detailing.zip", "call details rows per second to a ZIP of CSV (yazl, streamed), own process", (m) => m.zip),
  rateFigure("detailing.xlsx", "call details rows per second to XLSX (exceljs streaming writer), own process", (m) => m.xlsx),
  {
    name: "detailing.peak_rss",
    label: "peak RSS of the detailing processes, MB: the largest of CSV, ZIP and XLSX (target under 256)",
    baseline: "peak RSS of the bare loop's process",
    async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
      const m = await measurement(log);
      const ours = Math.max(m.csv.peakRssMb, m.zip.peakRssMb, m.xlsx.peakRssMb);
      return { name: "detailing.peak_rss", ours, baseline: m.bare.peakRssMb, ratio: ours / m.bare.peakRssMb, unit: "MB" };
    },
  },
];
