import { mkdirSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Deps, DetailingSettings } from "../../deps.ts";

const DAY_MS = 86_400_000;

/** Defaults: see DETAILING_* in the README's configuration. */
export const DETAILING_ATTACHMENT_LIMIT_DEFAULT = 10 * 1024 * 1024;
export const DETAILING_LINK_LIFETIME_DEFAULT_MS = 7 * DAY_MS;

/**
 * The settings of ordered call details, defaults filled in. The files default to a `detailing`
 * folder beside the database file, so that the web server, its job thread and the command line find
 * the same files without being told.
 */
export function detailingSettings(deps: Deps): DetailingSettings {
  const given = deps.config.detailing ?? {};
  const databaseFile = deps.db.$client.name;
  return {
    filesDir:
      given.filesDir ?? (databaseFile === ":memory:" || databaseFile === "" ? join(tmpdir(), "cabinet-detailing") : join(dirname(databaseFile), "detailing")),
    attachmentLimitBytes: given.attachmentLimitBytes ?? DETAILING_ATTACHMENT_LIMIT_DEFAULT,
    linkLifetimeMs: given.linkLifetimeMs ?? DETAILING_LINK_LIFETIME_DEFAULT_MS,
  };
}

/** A file of an order: `<order id>-<random>.<ext>`, and `.part` while it is being written. */
const fileNamePattern = /^(\d+)-[0-9a-f-]{36}\.(?:csv|xlsx|pdf|zip)(\.part)?$/;

export function ensureDetailingFilesDir(deps: Deps): string {
  const dir = detailingSettings(deps).filesDir;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file left by a run that did not finish (its worker died) is old once nobody can still be writing it. */
const ABANDONED_AFTER_MS = DAY_MS;

/**
 * Deletes the files whose download link has expired, the files no order points at (a run taken
 * over by another worker, an order deleted), and half-written files a day old. Safe from several
 * processes at once: deleting a file already gone is no error.
 */
export function pruneDetailingFiles(deps: Deps): number {
  const dir = detailingSettings(deps).filesDir;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no order has been produced yet
  }
  const now = deps.clock.now().getTime();
  const resultOf = deps.db.$client.prepare("select result from jobs where id = ? and kind = 'detailing'").pluck();
  let deleted = 0;
  for (const name of names) {
    const match = fileNamePattern.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    let modifiedAt: number;
    try {
      modifiedAt = statSync(path).mtimeMs;
    } catch {
      continue;
    }
    let expired: boolean;
    if (match[2]) {
      expired = now - modifiedAt > ABANDONED_AFTER_MS;
    } else {
      const stored = resultOf.get(Number(match[1])) as string | null | undefined;
      const result = stored ? (JSON.parse(stored) as { file?: string; expiresAt?: number }) : null;
      expired = result?.file === name ? (result.expiresAt ?? 0) <= now : now - modifiedAt > ABANDONED_AFTER_MS;
    }
    if (!expired) continue;
    try {
      unlinkSync(path);
      deleted++;
    } catch {}
  }
  return deleted;
}
