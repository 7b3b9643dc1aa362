import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { DetailingFileOptions } from "./detailing-scope.ts";
import { detailingFixture } from "./detailing-test-fixtures.ts";
import { writeDetailing } from "./write-detailing.ts";

/** A file that fails once `limit` bytes are written (a full disk). */
function failingAfter(limit: number) {
  let written = 0;
  return new Writable({
    highWaterMark: 256,
    write(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      callback(written > limit ? new Error("ENOSPC: no space left on device") : null);
    },
  });
}

describe("call details written to an output that fails", () => {
  for (const options of [
    { format: "csv", zip: false },
    { format: "csv", zip: true },
    { format: "xlsx", zip: false },
    { format: "pdf", zip: false },
  ] as const) {
    it(`${options.format}${options.zip ? " in a ZIP" : ""}: the write rejects with the output's error instead of hanging`, async () => {
      const { deps, scope, ural } = detailingFixture();
      // Enough rows that the file is still being written when the output fails.
      const insert = deps.db.$client.prepare(
        "insert into usage_events (event_key, line_id, started_at, kind, roaming, other_party, units, included_units, charge) values (?, ?, ?, 'sms_out', 0, '+79990000000', 1, 0, 150)",
      );
      deps.db.$client.transaction(() => {
        for (let i = 0; i < 1_500; i++) insert.run(`fail-${i}`, ural.lineIds[0], scope.from + 7_000 + i);
      })();
      const outcome = await writeDetailing(deps, scope, { ...options, locale: "ru" } satisfies DetailingFileOptions, failingAfter(500)).catch((error: Error) => error);
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toContain("ENOSPC");
    });
  }
});
