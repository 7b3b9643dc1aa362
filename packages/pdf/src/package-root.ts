import { createRequire } from "node:module";
import { dirname } from "node:path";

/**
 * Files and dependencies of this package are resolved from ITS package.json, not from
 * `import.meta.url`: when the package is bundled (Vite SSR build of the web app), `import.meta.url`
 * points at the bundle, from where this package's dependencies are not resolvable (pnpm's strict
 * node_modules). `@cabinet/pdf/package.json` is in the exports map, so the self-reference resolves
 * both from source and from a consumer that depends on `@cabinet/pdf`.
 */
let packageJson: string | undefined;

function packageJsonPath(): string {
  packageJson ??= createRequire(import.meta.url).resolve("@cabinet/pdf/package.json");
  return packageJson;
}

/** `require` as if called from this package's root. */
export function requireFromPackageRoot(): NodeRequire {
  return createRequire(packageJsonPath());
}

/** Absolute path of this package's root directory. */
export function packageRoot(): string {
  return dirname(packageJsonPath());
}
