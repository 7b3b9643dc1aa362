import { DomainError, generateDemoCompany } from "@cabinet/domain";
import type { Command } from "commander";
import { openDeps } from "../env.ts";

export function registerDemo(program: Command) {
  const demo = program.command("demo").description("invented demo data");
  demo
    .command("generate")
    .description(
      "a large invented company for benchmarks and by-hand checks: lines, employees, departments, services, months of rated usage (in transactions of 200,000 events: best run while the portal is stopped)",
    )
    .requiredOption("--region <code>", "region code, e.g. ural")
    .option("--lines <n>", "how many lines", "100000")
    .option("--months <n>", "full billing months of history before the current one", "3")
    .option("--intensity <x>", "share of realistic traffic (about 110 events per line and month); default: about a million events a month in all")
    .option("--seed <n>", "random seed (the same seed, the same company)")
    .action(async (options: { region: string; lines: string; months: string; intensity?: string; seed?: string }) => {
      const deps = openDeps();
      try {
        let shown = 0;
        const result = await generateDemoCompany(deps, {
          regionCode: options.region,
          lines: Number(options.lines),
          months: Number(options.months),
          ...(options.intensity ? { intensity: Number(options.intensity) } : {}),
          ...(options.seed ? { seed: Number(options.seed) } : {}),
          onProgress: (events) => {
            if (events - shown >= 250_000 || shown === 0) {
              process.stderr.write(`  ${events.toLocaleString("en")} events rated\n`);
              shown = events;
            }
          },
        });
        console.log(`${result.companyName}: ${result.lines} lines in ${result.seconds.company.toFixed(1)} s, ${result.events} events rated in ${result.seconds.history.toFixed(1)} s.`);
        console.log(`Administrator: region "${options.region}", login "${result.login}", password (shown once) "${result.password}"`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        console.error(`Not generated: ${error.message}`);
        process.exitCode = 1;
      } finally {
        deps.db.$client.close();
      }
    });
}
