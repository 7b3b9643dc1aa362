// The app's routes exactly as Remix computes them for the build: `remix routes --json` reads
// vite.config.ts (its `ignoredRouteFiles`, any `routes` config) and runs the same flat-routes
// convention the Vite plugin runs, so folder routes (`routes/x.y/route.tsx`) and new prefixes
// appear here the moment they become pages, with no build needed. Tests only (it spawns the CLI).
//
// It lives outside app/routes on purpose: every module in app/routes that is not a test file
// would itself become a route.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const webRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const appDirectory = join(webRoot, "app");

export interface ManifestRoute {
  /** Remix's route id, e.g. `routes/office.applications.$id`; `root` for the layout. */
  id: string;
  /** The module, relative to app/, e.g. `routes/office.applications.$id.tsx`. */
  file: string;
  /** The full URL pattern, e.g. `/office/applications/:id` (`/` for the root and the home page). */
  path: string;
  index: boolean;
  parentId: string | null;
}

interface NestedRoute {
  id: string;
  file: string;
  path?: string;
  index?: boolean;
  children?: NestedRoute[];
}

let cached: ManifestRoute[] | undefined;

/** Every route of the app, parents before children. */
export function remixRouteManifest(): ManifestRoute[] {
  cached ??= flatten(JSON.parse(runRemixRoutesCommand()) as NestedRoute[], "", null);
  return cached;
}

function runRemixRoutesCommand(): string {
  const cli = join(dirname(createRequire(import.meta.url).resolve("@remix-run/dev/package.json")), "dist", "cli.js");
  // vite.config.ts leaves the Remix plugin out under vitest (VITEST is set); the command must see
  // the configuration the build sees.
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
  const result = spawnSync(process.execPath, [cli, "routes", "--json"], { cwd: webRoot, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`remix routes --json failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
  // Anything the config prints before the JSON (warnings) is not part of the manifest.
  return result.stdout.slice(result.stdout.indexOf("["));
}

function flatten(routes: NestedRoute[], parentPath: string, parentId: string | null): ManifestRoute[] {
  return routes.flatMap((route) => {
    const own = route.path ?? "";
    const path = `/${[parentPath, own].filter(Boolean).join("/")}`.replace(/\/+/g, "/");
    const entry: ManifestRoute = { id: route.id, file: route.file, path, index: route.index === true, parentId };
    return [entry, ...flatten(route.children ?? [], path === "/" ? "" : path.slice(1), route.id)];
  });
}

/** A URL for a route's pattern, with its params filled in (`:id` → params.id). */
export function fillRoutePath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)\??/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}
