import { recoverAbandonedJobs, runDueJobs, runPeriodicTasks, startJobWorker } from "@cabinet/domain";
import type { Command } from "commander";
import { openDeps } from "../env.ts";

export function registerJobs(program: Command) {
  const jobs = program.command("jobs").description("background jobs: bulk changes, call-detail orders, billing-month changes");
  jobs
    .command("work")
    .description("run background jobs and periodic tasks (the web server runs them itself unless OUTBOX_WORKER=off)")
    .option("--once", "run what is due now and exit")
    .action(async (options: { once?: boolean }) => {
      const deps = openDeps();
      const onError = (error: unknown, job: { id: number; kind: string }) => console.error(`job ${job.id} (${job.kind}): ${(error as Error)?.name}`);
      if (options.once) {
        const recovered = recoverAbandonedJobs(deps);
        await runPeriodicTasks(deps, { onError: (error, task) => console.error(`${task}: ${(error as Error)?.name}`) });
        const ran = await runDueJobs(deps, { onError });
        console.log(`ran ${ran} job(s); abandoned: ${recovered.retried} retried, ${recovered.failed} failed`);
        return;
      }
      const worker = startJobWorker(deps, { onError, onTaskError: (error, task) => console.error(`${task}: ${(error as Error)?.name}`) });
      console.log("job worker running; Ctrl+C stops it (the job under way finishes first)");
      const stop = async () => {
        await worker.stop();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
}
