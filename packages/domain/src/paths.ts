import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// Resolved through the package's own name so the paths stay right when this code is bundled
// into the web server (import.meta.url then points at the bundle, not at this file).
const require = createRequire(import.meta.url);
export const domainRoot = dirname(require.resolve("@cabinet/domain/package.json"));
export const migrationsFolder = join(domainRoot, "drizzle");
