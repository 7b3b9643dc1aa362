// Run by bulk-crash.test.ts in a child process (node --import tsx): a job worker on the given SQLite
// file, as a server's job thread would be. Says "ready" once loaded, then runs every due job until
// none is left — unless the test kills it first (SIGKILL) at a random moment.
import { openDatabase } from "../db/open-database.ts";
import { systemClock } from "../deps.ts";
import { runDueJobs } from "../jobs/job-runner.ts";
import { testConfig } from "../testing/test-deps.ts";

const file = process.argv[2] as string;
const deps = { db: openDatabase(file), clock: systemClock, config: testConfig };
process.stdout.write("ready\n");
const started = performance.now();
const ran = await runDueJobs(deps, { workerId: `crash-test-${process.pid}` });
deps.db.$client.close();
process.stdout.write(`ran ${ran} in ${Math.round(performance.now() - started)} ms\n`);
