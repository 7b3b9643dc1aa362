#!/usr/bin/env node
// `pnpm bench [--json] [--only NAME]`: the root has no "bench" script, so pnpm runs this binary
// (linked into the root's node_modules/.bin) directly, without the "> corporate-cabinet@ bench"
// banner it prints on stdout before a script, and `--json` output stays pure JSON.
import { register } from "tsx/esm/api";

register();
process.argv.splice(2, 0, "bench");
await import("../src/main.ts");
