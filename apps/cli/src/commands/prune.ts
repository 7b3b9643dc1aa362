import { pruneExpiredRecords } from "@cabinet/domain";
import type { Command } from "commander";
import { openDeps } from "../env.ts";

export function registerPrune(program: Command) {
  program
    .command("prune")
    .description("delete records past their retention (README: Retention); the outbox worker also does this hourly")
    .action(async () => {
      const deps = openDeps();
      const report = await pruneExpiredRecords(deps);
      deps.db.$client.close();
      console.log(
        `pruned ${report.sessions} ended sessions, ${report.loginFailures} failed-login records, ${report.outboxMessages} outbox messages, ${report.rateLimits} rate-limit counts`,
      );
    });
}
