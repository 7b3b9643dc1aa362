import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { cliEnv } from "../env.ts";

export function registerMailcatcher(program: Command) {
  program
    .command("mailcatcher")
    .description("a local mail catcher (MailDev): SMTP on 127.0.0.1:1025, web UI on http://127.0.0.1:1080")
    .action(() => {
      // maildev 3 is ESM-only and exports neither package.json nor its bin: find the bin beside its entry.
      const env = cliEnv();
      const bin = join(dirname(fileURLToPath(import.meta.resolve("maildev"))), "bin/maildev.js");
      const child = spawn(
        process.execPath,
        [bin, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", String(env.MAILCATCHER_SMTP_PORT), "--web", String(env.MAILCATCHER_WEB_PORT), "--silent"],
        { stdio: "inherit" },
      );
      const stop = () => child.kill("SIGTERM");
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      child.on("exit", (code) => process.exit(code ?? 0));
    });
}
