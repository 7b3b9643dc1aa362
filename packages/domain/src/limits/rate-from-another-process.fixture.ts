// Run by limits-concurrency.test.ts in child processes (through tsx): rates the given batches of
// usage events into the given SQLite file, one transaction per batch, as another importer or the
// simulator in its own process would, and prints what it rated as one JSON line.
// Argument: JSON { file, startAt, batchesFile } (the batches as JSON in a file: too long for a command line).
import { readFileSync } from "node:fs";
import { openDatabase } from "../db/open-database.ts";
import { systemClock } from "../deps.ts";
import { testConfig } from "../testing/test-deps.ts";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";

const { file, startAt, batchesFile } = JSON.parse(process.argv[2] ?? "{}") as { file: string; startAt: number; batchesFile: string };
const batches = JSON.parse(readFileSync(batchesFile, "utf8")) as UsageEventInput[][];
const deps = { db: openDatabase(file), clock: systemClock, config: testConfig };
// Every process starts rating at the same moment.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const total = { rated: 0, duplicates: 0, limitRefused: 0, charged: 0 };
for (const batch of batches) {
  const outcome = rateUsageEvents(deps, batch);
  total.rated += outcome.rated;
  total.duplicates += outcome.duplicates;
  total.limitRefused += outcome.limitRefused;
  total.charged += outcome.charged;
  // Let the other processes in between batches, as separate arrivals would.
  await new Promise((resolve) => setImmediate(resolve));
}
deps.db.$client.close();
process.stdout.write(`${JSON.stringify(total)}\n`);
