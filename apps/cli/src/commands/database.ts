import type { Command } from "commander";
import { cliEnv, openDeps } from "../env.ts";

export function registerDatabase(program: Command) {
  program
    .command("migrate")
    .description("create or migrate the database and load the regions and tariffs")
    .action(() => {
      openDeps().db.$client.close();
      console.log(`database ready: ${cliEnv().DATABASE_PATH}`);
    });
  program
    .command("backup <file>")
    .description("an online backup of the database into <file>")
    .action(async (file: string) => {
      const deps = openDeps();
      await deps.db.$client.backup(file);
      console.log(`backed up to ${file}`);
    });
}
