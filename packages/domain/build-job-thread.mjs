// Bundles src/jobs/job-thread.ts and the domain it runs (with @cabinet/mail and @cabinet/pdf, which
// are TypeScript source) into one ES module, dist/job-thread.mjs, that Node 20 runs in a worker
// thread. The domain's own npm dependencies stay external (resolved from this package at run time;
// better-sqlite3 is native). Run by `pnpm --filter @cabinet/domain build` (turbo, before the web
// build and the tests) and by job-thread-host.ts when it runs from source and the bundle is stale.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = dirname(fileURLToPath(import.meta.url));
export const jobThreadBundle = join(root, "dist", "job-thread.mjs");

export async function buildJobThread() {
  const own = Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).dependencies ?? {});
  const external = own.filter((name) => !name.startsWith("@cabinet/")).flatMap((name) => [name, `${name}/*`]);
  const result = await build({
    entryPoints: [join(root, "src", "jobs", "job-thread.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "warning",
    external,
    banner: { js: 'import { createRequire as __cabinetCreateRequire } from "node:module";\nconst require = __cabinetCreateRequire(import.meta.url);' },
  });
  mkdirSync(dirname(jobThreadBundle), { recursive: true });
  // Several test processes may build at once: write aside, then rename (atomic on one file system).
  const temporary = `${jobThreadBundle}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, jobThreadBundle);
  return jobThreadBundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await buildJobThread();
  console.log(`built ${jobThreadBundle} in ${Math.round(performance.now() - started)} ms`);
}
