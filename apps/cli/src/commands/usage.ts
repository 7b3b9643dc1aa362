import { createReadStream, statSync } from "node:fs";
import { createUsageSimulator, importUsageFile, rowProblemText, USAGE_IMPORT_BATCH } from "@cabinet/domain";
import type { Command } from "commander";
import { openDeps } from "../env.ts";

const rub = (kopecks: number) => `${(kopecks / 100).toLocaleString("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ₽`;

/** A progress line on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
function progressReporter() {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  return {
    show(text: string) {
      const now = Date.now();
      if (tty) process.stderr.write(`\r${text}\x1b[K`);
      else if (now - lastLine >= 2000) {
        process.stderr.write(`${text}\n`);
        lastLine = now;
      }
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

function bar(fraction: number): string {
  const width = 30;
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

export function registerUsage(program: Command) {
  const usage = program.command("usage").description("usage events: import files of the usage feed, simulate live traffic");
  usage
    .command("import <file>")
    .description(
      "rate a usage file (CSV, see README 'Usage files'): malformed rows are reported with their row number and skipped, events already rated count nothing again",
    )
    .option("--batch-size <n>", "events per transaction", String(USAGE_IMPORT_BATCH))
    .action(async (file: string, options: { batchSize: string }) => {
      const size = statSync(file).size;
      const deps = openDeps();
      const progress = progressReporter();
      const started = Date.now();
      const summary = await importUsageFile(deps, createReadStream(file), {
        batchSize: Number(options.batchSize),
        onRowError: (error) => console.log(`row ${error.row}: ${rowProblemText[error.problem]}${error.eventId ? ` (event ${error.eventId})` : ""}`),
        onProgress: ({ rows, bytes }) => progress.show(`${bar(size ? bytes / size : 1)} ${rows.toLocaleString("en")} rows`),
      });
      progress.done();
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `${summary.rows} rows: ${summary.rated} rated (${rub(summary.charged)}), ${summary.duplicates} already rated before, ${summary.refused} refused — in ${seconds.toFixed(1)} s`,
      );
      deps.db.$client.close();
      if (summary.refused > 0) process.exitCode = 2;
    });
  usage
    .command("simulate")
    .description("keep realistic traffic flowing for the demo companies' lines (or the given ones), rated as it arrives")
    .option("--rate <n>", "events per second", "20")
    .option("--duration <seconds>", "stop after this long (default: until Ctrl+C)")
    .option("--company <id...>", "only these companies' lines")
    .option("--region <code>", "only this region's lines")
    .action(async (options: { rate: string; duration?: string; company?: string[]; region?: string }) => {
      const deps = openDeps();
      const simulator = createUsageSimulator(deps, {
        ratePerSecond: Number(options.rate),
        ...(options.company ? { companyIds: options.company.map(Number) } : {}),
        ...(options.region ? { regionCode: options.region } : {}),
      });
      if (simulator.lineCount === 0) {
        console.error("No lines to simulate traffic for (no demo companies, or none matching).");
        process.exitCode = 1;
        return;
      }
      const until = options.duration ? Date.now() + Number(options.duration) * 1000 : Number.POSITIVE_INFINITY;
      let stop = false;
      process.once("SIGINT", () => {
        stop = true;
      });
      const progress = progressReporter();
      const total = { events: 0, charged: 0 };
      console.error(`Simulating ${options.rate} events/s over ${simulator.lineCount} lines${options.duration ? ` for ${options.duration} s` : " (Ctrl+C stops)"}.`);
      while (!stop && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Math.max(0, until - Date.now()))));
        const outcome = simulator.tick();
        total.events += outcome.rated;
        total.charged += outcome.charged;
        progress.show(`${total.events.toLocaleString("en")} events rated, ${rub(total.charged)} charged`);
      }
      progress.done();
      console.log(`${total.events} events rated, ${rub(total.charged)} charged.`);
      deps.db.$client.close();
    });
}
