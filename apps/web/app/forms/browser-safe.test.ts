// The form schemas run in the browser: nothing they import, however indirectly, may be server code
// (the domain's index opens SQLite; its auth module hashes with a native library).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const formsDir = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const browserSafePackages = new Set(["zod", "@conform-to/zod/v4", "@cabinet/domain/application-fields", "@cabinet/domain/roubles-input"]);

/** The modules a file imports for their values (`import type` is erased and does not count). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)) {
    specifiers.push(match[1] as string);
  }
  return specifiers;
}

function resolveModule(from: string, specifier: string): string {
  if (specifier.startsWith(".")) return resolve(dirname(from), specifier);
  return require.resolve(specifier, { paths: [dirname(from)] });
}

/** Every package a module pulls in, following our own relative imports (and the domain's subpath). */
function packagesPulledIn(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith(".")) visit(resolveModule(file, specifier));
      else {
        packages.add(specifier);
        if (specifier.startsWith("@cabinet/")) visit(resolveModule(file, specifier));
      }
    }
  };
  visit(entry);
  return packages;
}

const schemaModules = [
  "application-form.ts",
  "application-status-form.ts",
  "change-password-form.ts",
  "decision-forms.ts",
  "form-schema.ts",
  "limit-forms.ts",
  "login-form.ts",
  "logout-form.ts",
  "review-queue-form.ts",
  "spending-report-form.ts",
  "verify-form.ts",
];

describe("form schemas the browser imports", () => {
  it("are checked by a walk that does see server code when it is there", () => {
    const domainIndex = require.resolve("@cabinet/domain", { paths: [formsDir] });
    expect([...packagesPulledIn(domainIndex)]).toEqual(expect.arrayContaining(["better-sqlite3", "drizzle-orm"]));
    expect([...packagesPulledIn(join(formsDir, "application-form.ts"))]).toEqual(
      expect.arrayContaining(["zod", "@cabinet/domain/application-fields"]),
    );
  });

  it.each(schemaModules)("%s pulls in zod, conform and the domain's browser-safe fields only", (name) => {
    const pulled = [...packagesPulledIn(join(formsDir, name))];
    expect(pulled.filter((p) => !browserSafePackages.has(p))).toEqual([]);
  });
});
