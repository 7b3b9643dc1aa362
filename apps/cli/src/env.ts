import { type Env, readEnvOrExit } from "@cabinet/config";
import { type Deps, openDatabase, seedReferenceData, systemClock } from "@cabinet/domain";

// The command line reads its settings through the environment module it shares with the web app
// (@cabinet/config). Read on first use, so `--help` works whatever the environment.
let cached: Env | undefined;

/** The validated settings; a bad or (NODE_ENV=production) unsafe configuration ends the command with one message. */
export function cliEnv(): Env {
  cached ??= readEnvOrExit();
  return cached;
}

/** Opens (and migrates) the configured database, or `databasePath`, with the domain's dependencies. */
export function openDeps(databasePath?: string): Deps {
  const env = cliEnv();
  const db = openDatabase(databasePath ?? env.DATABASE_PATH);
  seedReferenceData(db);
  return {
    db,
    clock: systemClock,
    config: {
      publicUrl: env.PUBLIC_URL,
      mailFrom: env.MAIL_FROM,
      officeEmailOverrides: env.officeEmailOverrides,
      detailing: {
        filesDir: env.DETAILING_FILES_DIR,
        attachmentLimitBytes: Math.round(env.DETAILING_ATTACHMENT_LIMIT_MB * 1024 * 1024),
        linkLifetimeMs: env.DETAILING_LINK_DAYS * 86_400_000,
      },
    },
  };
}
