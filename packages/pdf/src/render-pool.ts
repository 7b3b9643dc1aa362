import { existsSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Piscina } from "piscina";
import { packageRoot, requireFromPackageRoot } from "./package-root.ts";
import type { RenderTask } from "./render-worker.ts";
import type { ApplicationFormData, FormRegion } from "./types.ts";

// Renders PDFs in worker threads (piscina), so that a form being drawn never holds up the event
// loop that serves everybody else's pages. See docs/decisions/004-pdf-worker-threads.md.
//
// One pool per process, created on first use. Its threads each parse the fonts once and keep them
// for the life of the process (min = max threads), so a document never pays for a font parse.

/**
 * Worker threads: one core less than the machine has (one is the event loop's), at most 2: each
 * costs about 100 MB, and two render some 200 forms a second.
 */
const THREADS = Math.min(2, Math.max(1, availableParallelism() - 1));

let pool: Piscina<RenderTask, Uint8Array> | undefined;

/** The filled application PDF, rendered off the event loop; same bytes as `renderApplicationPdf`. */
export function renderApplicationPdfOffThread(data: ApplicationFormData): Promise<Uint8Array> {
  return run({ kind: "application", data });
}

/** The blank form, rendered off the event loop; same bytes as `renderBlankApplicationPdf`. */
export function renderBlankApplicationPdfOffThread(region?: FormRegion): Promise<Uint8Array> {
  return run({ kind: "blank", region: region ?? null });
}

/** Lets running renders finish, then stops the threads (server shutdown, end of a command). */
export async function closePdfRenderPool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}

async function run(task: RenderTask): Promise<Uint8Array> {
  const bytes = await (await renderPool()).run(task);
  // Structured clone hands back a Uint8Array; make sure callers get one whatever the transport.
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

let starting: Promise<Piscina<RenderTask, Uint8Array>> | undefined;

function renderPool(): Promise<Piscina<RenderTask, Uint8Array>> {
  if (pool) return Promise.resolve(pool);
  starting ??= (async () => {
    try {
      const filename = await workerBundle();
      // Loaded at run time from this package's root: piscina starts its own worker script from
      // its __dirname, which would not survive being bundled into the web server by Vite.
      const { Piscina: PiscinaPool } = requireFromPackageRoot()("piscina") as typeof import("piscina");
      pool = new PiscinaPool<RenderTask, Uint8Array>({
        filename: pathToFileURL(filename).href,
        minThreads: THREADS,
        maxThreads: THREADS,
        // Rendering is background work next to serving pages: on Linux the threads run one
        // notch of priority below the event loop (needs piscina's optional @napi-rs/nice).
        niceIncrement: 5,
      });
      return pool;
    } finally {
      starting = undefined;
    }
  })();
  return starting;
}

/**
 * The worker's bundle. Bundled into the web server, this module runs the prebuilt
 * dist/render-worker.mjs (turbo builds it before the web app). Run from TypeScript source (tests,
 * the command line through tsx), it first rebuilds the bundle when it is missing or older than
 * the source, so that the threads always run the code being tested.
 */
async function workerBundle(): Promise<string> {
  const root = packageRoot();
  const bundle = join(root, "dist", "render-worker.mjs");
  if (import.meta.url.endsWith(".ts") && isStale(bundle, root)) {
    const buildScript = pathToFileURL(join(root, "build-worker.mjs")).href;
    const { buildRenderWorker } = (await import(/* @vite-ignore */ buildScript)) as { buildRenderWorker(): Promise<string> };
    await buildRenderWorker();
  }
  if (!existsSync(bundle)) {
    throw new Error(`The PDF worker ${bundle} is missing: run "pnpm --filter @cabinet/pdf build" (turbo's build does).`);
  }
  return bundle;
}

function isStale(bundle: string, root: string): boolean {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const sources = [join(root, "build-worker.mjs"), join(root, "package.json"), ...listFiles(join(root, "src"))];
  return sources.some((file) => statSync(file).mtimeMs > built);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
