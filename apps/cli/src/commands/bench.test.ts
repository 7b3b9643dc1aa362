// `pnpm bench` as scripts use it: through the binary pnpm runs for it (apps/cli/bin/bench.mjs).
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const bench = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "bench.mjs");
const run = promisify(execFile);

describe("pnpm bench", () => {
  it("writes the figures asked for as a JSON array on stdout, and nothing else there", async () => {
    const { stdout } = await run(process.execPath, [bench, "--json", "--only", "pdf.application"]);
    const figures = JSON.parse(stdout) as Record<string, unknown>[];
    expect(figures).toHaveLength(1);
    expect(Object.keys(figures[0] ?? {}).sort()).toEqual(["baseline", "name", "ours", "ratio", "unit"]);
    expect(figures[0]).toMatchObject({ name: "pdf.application", unit: "ms" });
    const { ours, baseline, ratio } = figures[0] as { ours: number; baseline: number; ratio: number };
    expect(ours).toBeGreaterThan(0);
    expect(ratio).toBeCloseTo(ours / baseline, 6);
  });

  it("names the figures when asked for one it does not have", async () => {
    const failed = await run(process.execPath, [bench, "--only", "pdf"]).catch((error) => error as { code: number; stderr: string });
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain("pdf.application, apply.submissions, apply.concurrent, login, office.search");
  });
});
