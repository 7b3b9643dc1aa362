// The web server's job thread: runs background jobs and periodic tasks with its own database
// connection, so that a transaction over 100,000 lines never holds up the event loop that serves
// pages. Bundled by build-job-thread.mjs into dist/job-thread.mjs; started by job-thread-host.ts.
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/open-database.ts";
import { type Deps, type DomainConfig, systemClock } from "../deps.ts";
import { startJobWorker } from "./job-runner.ts";

export interface JobThreadData {
  databasePath: string;
  config: DomainConfig;
  intervalMs: number;
}

export type JobThreadMessage = { type: "poke" } | { type: "stop" };
export type JobThreadReport = { type: "job-finished" } | { type: "error"; where: string; message: string } | { type: "stopped" };

const data = workerData as JobThreadData;
const port = parentPort;
if (!port) throw new Error("job-thread.ts runs as a worker thread");

const db = openDatabase(data.databasePath, { migrate: false });
const deps: Deps = { db, clock: systemClock, config: data.config };
const report = (message: JobThreadReport) => port.postMessage(message);
const worker = startJobWorker(deps, {
  intervalMs: data.intervalMs,
  onJobFinished: () => report({ type: "job-finished" }),
  // The job's kind only: a message may carry personal data.
  onError: (error, job) => report({ type: "error", where: `job ${job.id} (${job.kind})`, message: (error as Error)?.name ?? "Error" }),
  onTaskError: (error, task) => report({ type: "error", where: `periodic task ${task}`, message: (error as Error)?.name ?? "Error" }),
});

port.on("message", (message: JobThreadMessage) => {
  if (message.type === "poke") worker.poke();
  else if (message.type === "stop") {
    void worker.stop().then(() => {
      db.$client.close();
      report({ type: "stopped" });
      port.close();
    });
  }
});
