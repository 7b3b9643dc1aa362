import { bulkChangeJobHandler } from "../bulk/apply-bulk-change.ts";
import { detailingJobHandler } from "../details/orders/detailing-job.ts";
import { pruneDetailingFiles } from "../details/orders/detailing-files.ts";
import { runDueLimitChanges } from "../limits/limit-month-change.ts";
import { savingsAdviceJobHandler } from "../savings/savings-advice.ts";
import type { JobHandler, PeriodicTask } from "./job-types.ts";

// Every kind of background job and every periodic task, in one place: the runner (in the web
// server's job thread, in `pnpm cabinet jobs work`, in tests) takes them from here. Add one import
// and one entry per kind.

// biome-ignore lint/suspicious/noExplicitAny: each handler declares its own payload type
export const jobHandlers: Record<string, JobHandler<any>> = {
  detailing: detailingJobHandler,
  bulk_change: bulkChangeJobHandler,
  savings_advice: savingsAdviceJobHandler,
};

export const periodicTasks: PeriodicTask[] = [
  // Call-detail files whose download link has expired (and half-written ones) are deleted.
  { name: "detailing files", everyMs: 60 * 60_000, run: (deps) => void pruneDetailingFiles(deps) },
  // Spending limits: each region's month change (lines blocked by their limit unblocked, counters anew) and temporary limits' end.
  {
    name: "spending limits",
    everyMs: 60_000,
    run: async (deps) => {
      await runDueLimitChanges(deps);
    },
  },
];
