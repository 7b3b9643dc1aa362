import { Command } from "commander";
import { registerBench } from "./commands/bench.ts";
import { registerDatabase } from "./commands/database.ts";
import { registerMailcatcher } from "./commands/mailcatcher.ts";
import { registerOutbox } from "./commands/outbox.ts";
import { registerStaff } from "./commands/staff.ts";

const program = new Command("cabinet").description("Corporate cabinet operations (configuration from the environment, see README)");
registerDatabase(program);
registerStaff(program);
registerOutbox(program);
registerMailcatcher(program);
registerBench(program);
await program.parseAsync(process.argv);
