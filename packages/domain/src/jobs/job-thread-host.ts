import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DomainConfig } from "../deps.ts";
import { domainRoot } from "../paths.ts";
import type { JobWorker } from "./job-runner.ts";
import type { JobThreadData, JobThreadMessage, JobThreadReport } from "./job-thread.ts";

/**
 * Starts the job runner in a worker thread with its own connection to the database file (see
 * job-thread.ts). A thread that dies is started again a second later; `stop` lets the running job
 * finish. `onJobFinished` lets the caller deliver the job's e-mails at once.
 */
export async function startJobThread(options: {
  databasePath: string;
  config: DomainConfig;
  intervalMs?: number;
  onJobFinished?: () => void;
  onError?: (where: string, message: string) => void;
}): Promise<JobWorker> {
  const bundle = await jobThreadBundle();
  const data: JobThreadData = { databasePath: options.databasePath, config: options.config, intervalMs: options.intervalMs ?? 1000 };
  let stopping = false;
  let worker: Worker;
  let stopped: () => void = () => {};
  const start = () => {
    worker = new Worker(bundle, { workerData: data });
    worker.unref();
    worker.on("message", (message: JobThreadReport) => {
      if (message.type === "job-finished") options.onJobFinished?.();
      else if (message.type === "error") options.onError?.(message.where, message.message);
    });
    worker.on("error", (error) => options.onError?.("job thread", error.name));
    worker.on("exit", () => {
      if (stopping) stopped();
      else setTimeout(() => !stopping && start(), 1000).unref();
    });
  };
  start();
  const send = (message: JobThreadMessage) => worker.postMessage(message);
  return {
    poke: () => send({ type: "poke" }),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        stopped = resolve;
        send({ type: "stop" });
      }),
  };
}

/**
 * The thread's bundle, dist/job-thread.mjs (turbo builds it before the web app). Run from
 * TypeScript source (tests, the command line through tsx), it is rebuilt first when missing or
 * older than the sources, so the thread runs the code being tested.
 */
async function jobThreadBundle(): Promise<string> {
  const bundle = join(domainRoot, "dist", "job-thread.mjs");
  if (import.meta.url.endsWith(".ts") && isStale(bundle)) {
    const script = pathToFileURL(join(domainRoot, "build-job-thread.mjs")).href;
    const { buildJobThread } = (await import(/* @vite-ignore */ script)) as { buildJobThread(): Promise<string> };
    await buildJobThread();
  }
  if (!existsSync(bundle)) throw new Error(`The job thread ${bundle} is missing: run "pnpm --filter @cabinet/domain build" (turbo's build does).`);
  return bundle;
}

function isStale(bundle: string): boolean {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const roots = [join(domainRoot, "src"), join(domainRoot, "..", "mail", "src"), join(domainRoot, "..", "pdf", "src")];
  const files = [join(domainRoot, "build-job-thread.mjs"), join(domainRoot, "package.json"), ...roots.flatMap(listFiles)];
  return files.some((file) => statSync(file).mtimeMs > built);
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}
