// Run by limits-concurrency.test.ts in child processes (through tsx): runs the limits' periodic task
// on the given SQLite file at the given moment (a fixed clock), as another server process's job
// runner would, all processes at once, and prints what this process did as one JSON line.
// Argument: JSON { file, startAt, now }.
import { openDatabase } from "../db/open-database.ts";
import { testConfig } from "../testing/test-deps.ts";
import { runDueLimitChanges } from "./limit-month-change.ts";

const { file, startAt, now } = JSON.parse(process.argv[2] ?? "{}") as { file: string; startAt: number; now: string };
const deps = { db: openDatabase(file), clock: { now: () => new Date(now) }, config: testConfig };
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const done = await runDueLimitChanges(deps);
deps.db.$client.close();
process.stdout.write(`${JSON.stringify(done)}\n`);
