import type { Deps } from "../deps.ts";
import { type PruneReport, pruneExpiredRecords } from "./prune-expired-records.ts";

export interface RetentionWorker {
  stop(): Promise<void>;
}

/**
 * Prunes expired records now and then every `intervalMs` (hourly by default). Runs beside the outbox
 * worker, in the web server or in `pnpm cabinet outbox work`; several at once are harmless.
 */
export function startRetentionWorker(
  deps: Deps,
  options: { intervalMs?: number; onPruned?: (report: PruneReport) => void; onError?: (error: unknown) => void } = {},
): RetentionWorker {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = running.then(() =>
      pruneExpiredRecords(deps).then(
        (report) => options.onPruned?.(report),
        (error) => options.onError?.(error),
      ),
    );
  };
  const timer = setInterval(tick, options.intervalMs ?? 60 * 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
