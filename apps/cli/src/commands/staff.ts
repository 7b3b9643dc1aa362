import { createStaffUser, DomainError } from "@cabinet/domain";
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
}
