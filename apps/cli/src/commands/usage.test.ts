// `pnpm cabinet demo generate` and `usage import` as an operator runs them, against a temporary database.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const cliRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "cabinet-usage-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = promisify(execFile);

async function cabinet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(cliRoot, "node_modules/.bin/tsx"), ["src/main.ts", ...args], {
      cwd: cliRoot,
      env: { ...process.env, DATABASE_PATH: join(dir, "cabinet.db") },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("pnpm cabinet demo generate and usage import", () => {
  it("generates a company with an administrator, then rates a usage file, reports the bad rows by number and counts nothing twice", async () => {
    const generated = await cabinet("demo", "generate", "--region", "ural", "--lines", "30", "--months", "0");
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/30 lines .* events rated/);
    expect(generated.stdout).toMatch(/login "demo961", password \(shown once\) "\S+"/);

    const now = new Date(Date.now() - 3_600_000).toISOString();
    const file = join(dir, "usage.csv");
    writeFileSync(
      file,
      [
        "\uFEFFevent_id;msisdn;started_at;kind;roaming;other_party;duration_seconds;volume_bytes",
        `f-1;+79610000001;${now};call_out;0;+79991234567;61;`,
        `f-2;8 961 000-00-02;${now};data;0;internet;;2048`,
        `f-3;+79610000001;yesterday;call_out;0;;60;`,
      ].join("\n"),
    );
    const imported = await cabinet("usage", "import", file);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toContain("row 4: started_at is not an ISO 8601 date");
    expect(imported.stdout).toMatch(/3 rows: 2 rated .*, 0 already rated before, 1 refused/);
    const again = await cabinet("usage", "import", file);
    expect(again.stdout).toMatch(/3 rows: 0 rated .*, 2 already rated before, 1 refused/);
  }, 120_000);
});
