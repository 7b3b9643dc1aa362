// Bundles src/render-worker.ts and everything it imports (pdf-lib, fontkit, qrcode) into one
// self-contained ES module, dist/render-worker.mjs, that Node 20 can run in a worker thread.
// Run by `pnpm --filter @cabinet/pdf build` (turbo runs it before the web build and the tests), and
// by render-pool.ts itself when it runs from TypeScript source and the bundle is missing or older
// than the source (tests, the command line through tsx).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = dirname(fileURLToPath(import.meta.url));
export const workerBundle = join(root, "dist", "render-worker.mjs");

export async function buildRenderWorker() {
  const result = await build({
    entryPoints: [join(root, "src", "render-worker.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "warning",
    // Some bundled CommonJS code calls require() for Node built-ins; give the ES module one.
    banner: { js: 'import { createRequire as __cabinetCreateRequire } from "node:module";\nconst require = __cabinetCreateRequire(import.meta.url);' },
  });
  mkdirSync(dirname(workerBundle), { recursive: true });
  // Several test processes may build at once: write aside, then rename (atomic on one file system).
  const temporary = `${workerBundle}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, workerBundle);
  return workerBundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await buildRenderWorker();
  console.log(`built ${workerBundle} in ${Math.round(performance.now() - started)} ms`);
}
