import { sql } from "drizzle-orm";
import type { Deps } from "./deps.ts";
import { getOutboxBacklog, type OutboxBacklog } from "./outbox/outbox-backlog.ts";

export interface Health {
  database: "ok";
  outbox: OutboxBacklog;
}

/** Throws when the database cannot be read; otherwise says how much mail and SMS waits. */
export function checkHealth(deps: Deps): Health {
  deps.db.run(sql`select 1`);
  return { database: "ok", outbox: getOutboxBacklog(deps) };
}
