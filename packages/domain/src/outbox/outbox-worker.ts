import { completeUnfinishedApplications } from "../applications/complete-application.ts";
import type { Deps } from "../deps.ts";
import { deliverDueMessages } from "./deliver-due-messages.ts";
import type { OutboxPorts } from "./ports.ts";

export interface OutboxWorker {
  /** Delivers what is due now, without waiting for the next tick. */
  poke(): void;
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs` and delivers what is due; runs in the server or on its own. */
export function startOutboxWorker(
  deps: Deps,
  ports: OutboxPorts,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): OutboxWorker {
  const intervalMs = options.intervalMs ?? 2000;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let again = false;

  const tick = () => {
    if (stopped) return;
    again = true;
    running = running.then(async () => {
      while (again && !stopped) {
        again = false;
        // Applications a crash or a failed render left without their PDF and e-mails are
        // completed first (so also right at start), and their e-mails go out in this round.
        const completion = await completeUnfinishedApplications(deps).catch((error) => {
          options.onError?.(error);
          return null;
        });
        for (const failure of completion?.failed ?? []) options.onError?.(failure.error);
        await deliverDueMessages(deps, ports).catch((error) => options.onError?.(error));
      }
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    poke: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
