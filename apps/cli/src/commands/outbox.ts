import { createSmsGateway, deliverDueMessages, getOutboxBacklog, startOutboxWorker, startRetentionWorker } from "@cabinet/domain";
import { createSmtpTransport } from "@cabinet/mail";
import type { Command } from "commander";
import { cliEnv, openDeps } from "../env.ts";

export function registerOutbox(program: Command) {
  const outbox = program.command("outbox").description("the e-mail and SMS outbox");
  outbox
    .command("work")
    .description("deliver queued e-mail and SMS, and prune expired records hourly (run with OUTBOX_WORKER=off on the web server)")
    .option("--once", "deliver what is due now and exit")
    .action(async (options: { once?: boolean }) => {
      const deps = openDeps();
      const env = cliEnv();
      const ports = {
        email: createSmtpTransport(env.SMTP_URL),
        sms: createSmsGateway({ url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN }),
      };
      if (options.once) {
        const report = await deliverDueMessages(deps, ports);
        console.log(`sent ${report.sent}, retrying ${report.retried}, failed ${report.failed}`);
        ports.email.close();
        return;
      }
      const worker = startOutboxWorker(deps, ports, {
        intervalMs: env.OUTBOX_POLL_MS,
        onError: (error) => console.error(`outbox: ${(error as Error).message}`),
      });
      // The web server prunes beside its own outbox worker; with OUTBOX_WORKER=off, this one does.
      const retention = startRetentionWorker(deps, {
        onError: (error) => console.error(`retention: ${(error as Error).message}`),
      });
      console.log("outbox worker running; Ctrl+C stops it");
      const stop = async () => {
        await Promise.all([worker.stop(), retention.stop()]);
        ports.email.close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  outbox
    .command("status")
    .description("how many messages wait, retry or failed")
    .action(() => {
      const backlog = getOutboxBacklog(openDeps());
      console.log(JSON.stringify(backlog, null, 2));
    });
}
