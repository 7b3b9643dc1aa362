import { Command } from "commander";
import { registerBench } from "./commands/bench.ts";
import { registerConfig } from "./commands/config.ts";
import { registerDatabase } from "./commands/database.ts";
import { registerMailcatcher } from "./commands/mailcatcher.ts";
import { registerOutbox } from "./commands/outbox.ts";
import { registerPrune } from "./commands/prune.ts";
import { registerStaff } from "./commands/staff.ts";

const program = new Command("cabinet").description("Corporate cabinet operations (configuration from the environment, see README)");
registerConfig(program);
registerDatabase(program);
registerStaff(program);
registerOutbox(program);
registerPrune(program);
registerMailcatcher(program);
registerBench(program);
await program.parseAsync(process.argv);
