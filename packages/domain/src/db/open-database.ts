import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { migrationsFolder } from "../paths.ts";
import { foldText } from "../shared/text-folding.ts";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) and migrates the database. `":memory:"` gives a private test database.
 * A second connection of a process that has migrated already (the job thread) passes `migrate: false`.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.function("fold_text", { deterministic: true }, (text: unknown) => (typeof text === "string" ? foldText(text) : text));
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder });
  return db as Db;
}

/** Runs `work` in one IMMEDIATE transaction: all of it lands or none of it does. */
export function inTransaction<T>(db: Db, work: (tx: Db) => T): T {
  return db.$client.transaction(() => work(db)).immediate();
}
