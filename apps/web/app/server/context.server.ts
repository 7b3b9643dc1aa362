import { readEnvOrExit } from "@cabinet/config";
import {
  type Deps,
  type JobWorker,
  type OutboxWorker,
  createSmsGateway,
  openDatabase,
  seedDemoData,
  seedReferenceData,
  startOutboxWorker,
  startDemoHistoryWorker,
  startJobThread,
  startRetentionWorker,
  systemClock,
} from "@cabinet/domain";
import { createSmtpTransport } from "@cabinet/mail";
import type { Env } from "./env.server";

export interface AppContext {
  env: Env;
  deps: Deps;
  outbox: OutboxWorker | null;
  /** The job thread (bulk changes, call-detail orders, month changes); null with OUTBOX_WORKER=off. */
  jobs: JobWorker | null;
  /** Printed on start when the demo data was seeded: who can log in with what. */
  demoCredentials: string[];
}

declare global {
  // Survives dev-server module reloads, so there is one database handle and one worker.
  var __cabinetContext: Promise<AppContext> | undefined;
  var __cabinetEnv: Env | undefined;
}

/**
 * The validated settings. The first call (server.mjs's `startup()`, before it listens) ends the
 * process with one message naming each problem when the configuration is invalid or unsafe for
 * production.
 */
export function appEnv(): Env {
  globalThis.__cabinetEnv ??= readEnvOrExit();
  return globalThis.__cabinetEnv;
}

/** The database, the clock and the outbound ports, created once per process. */
export function appContext(): Promise<AppContext> {
  globalThis.__cabinetContext ??= createAppContext();
  return globalThis.__cabinetContext;
}

async function createAppContext(): Promise<AppContext> {
  const env = appEnv();
  const db = openDatabase(env.DATABASE_PATH);
  seedReferenceData(db);
  const deps: Deps = {
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
  // The portal's demo: also the 300- and 5,000-line companies and three months of history (the large
  // company's rated in the background by startDemoHistoryWorker below).
  const demoCredentials = env.DEMO_DATA === "on" ? await seedDemoData(deps, { largeCompanies: true, history: true }) : [];
  // Where the outbox is delivered, expired records are pruned too (OUTBOX_WORKER=off: by the
  // separate `pnpm cabinet outbox work`).
  const outbox = env.OUTBOX_WORKER === "on" ? startBackgroundWork(env, deps) : null;
  // Background jobs run in a worker thread with its own connection to the database file, so that
  // a 100,000-line change never holds up the pages (`pnpm cabinet jobs work` when this is off).
  const jobs =
    outbox && env.DATABASE_PATH !== ":memory:"
      ? await startJobThread({
          databasePath: env.DATABASE_PATH,
          config: deps.config,
          onJobFinished: () => outbox.poke(),
          onError: (where, name) => console.error(`[cabinet] ${where}: ${name}`),
        })
      : null;
  return { env, deps, outbox, jobs, demoCredentials };
}

function startBackgroundWork(env: Env, deps: Deps): OutboxWorker {
  const log = (what: string) => (error: unknown) => console.error(`[cabinet] ${what}:`, (error as Error).message);
  const delivery = startOutboxWorker(
    deps,
    {
      email: createSmtpTransport(env.SMTP_URL),
      sms: createSmsGateway({ url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN }),
    },
    { intervalMs: env.OUTBOX_POLL_MS, onError: log("outbox worker") },
  );
  const retention = startRetentionWorker(deps, { onError: log("retention") });
  // The demo's large company gets its months of usage after the portal is up (nothing when none is pending).
  const demoHistory = startDemoHistoryWorker(deps, { onError: log("demo history") });
  return {
    poke: () => delivery.poke(),
    stop: async () => {
      await Promise.all([delivery.stop(), retention.stop(), demoHistory.stop()]);
    },
  };
}

/** Domain dependencies for a loader or action. */
export async function appDeps(): Promise<Deps> {
  return (await appContext()).deps;
}

/** Starts newly queued background jobs now rather than at the next poll. */
export async function pokeJobs(): Promise<void> {
  (await appContext()).jobs?.poke();
}

/** Delivers newly queued mail and SMS now rather than at the next poll. */
export async function pokeOutbox(): Promise<void> {
  (await appContext()).outbox?.poke();
}
