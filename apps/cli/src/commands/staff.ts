import { createStaffUser, DomainError, resetStaffPassword } from "@cabinet/domain";
import type { Command } from "commander";
import { openDeps } from "../env.ts";

export function registerStaff(program: Command) {
  const staff = program.command("staff").description("office staff accounts");
  staff
    .command("add")
    .description("create an office staff login and print its temporary password")
    .requiredOption("--region <code>", "region code, e.g. ural")
    .requiredOption("--login <login>", "login, e.g. ivanova")
    .option("--name <name>", "display name", "")
    .action(async (options: { region: string; login: string; name: string }) => {
      try {
        const created = await createStaffUser(openDeps(), {
          regionCode: options.region,
          login: options.login,
          displayName: options.name,
        });
        console.log(`Created ${created.login} in ${options.region}. Temporary password (shown once): ${created.temporaryPassword}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const codes = Object.entries(error.fieldErrors ?? {}).map(([field, e]) => `${field}: ${e.code}`);
        console.error(`Not created: ${codes.join(", ") || error.message}`);
        process.exitCode = 1;
      }
    });
  staff
    .command("reset-password")
    .description("give an office staff login a new temporary password (also unlocks it) and print it")
    .requiredOption("--region <code>", "region code, e.g. ural")
    .requiredOption("--login <login>", "login, e.g. ivanova")
    .action(async (options: { region: string; login: string }) => {
      try {
        const reset = await resetStaffPassword(openDeps(), { regionCode: options.region, login: options.login });
        console.log(`Unlocked ${reset.login} in ${options.region}. Temporary password (shown once): ${reset.temporaryPassword}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        console.error(`Not changed: no office staff login ${options.login} in ${options.region}`);
        process.exitCode = 1;
      }
    });
}
