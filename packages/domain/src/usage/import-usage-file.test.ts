import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { balanceDiscrepancies } from "../accounts/movements.ts";
import { importUsageFile, type RowError } from "./import-usage-file.ts";
import { usageFixture } from "./usage-test-fixtures.ts";

const file = (text: string, bom = true) => Readable.from([Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, "utf8")])]);

const usageCsv = [
  "event_id;msisdn;started_at;kind;roaming;other_party;duration_seconds;volume_bytes",
  "c-1;+79120000001;2026-11-03T10:00:00+05:00;call_out;0;+79991234567;125;", // 3 minutes, included
  "c-2;8 (912) 000-00-02;2026-11-03T10:05:00Z;sms_out;;+79991234567;;", // a number as people type it
  "c-3;+79120000001;2026-11-03 11:00:00+05:00;data;0;internet;;1048576",
  "c-4;+79120000001;3 ноября;call_out;0;;60;", // row 5: no date
  "c-5;+79129999999;2026-11-03T10:00:00Z;call_out;0;;60;", // row 6: nobody's number
  "c-6;+79120000001;2026-11-03T10:00:00Z;fax;0;;;", // row 7: unknown kind
  "c-7;+79120000001;2026-11-03T10:00:00Z;call_in;1;;;", // row 8: a call without a duration
  ";+79120000001;2026-11-03T10:00:00Z;sms_in;0;;;", // row 9: no event id
  "c-8;+79120000001;2026-11-03T12:00:00Z;call_in;yes;;30;", // row 10: roaming neither 0 nor 1
  "c-9;+79120000001;2026-11-03T12:00:00Z;call_in;1;;30;", // roaming incoming: 1 minute charged
  "",
].join("\r\n");

describe("importing a usage file", () => {
  it("rates the good rows, reports each bad row with its row number and reason, and sums up", async () => {
    const { deps } = usageFixture();
    const errors: RowError[] = [];
    const progress: number[] = [];
    const summary = await importUsageFile(deps, file(usageCsv), { batchSize: 3, onRowError: (e) => errors.push(e), onProgress: (p) => progress.push(p.rows) });
    expect(errors.map((e) => [e.row, e.problem])).toEqual([
      [5, "bad_started_at"],
      [7, "bad_kind"],
      [8, "bad_duration"],
      [9, "bad_event_id"],
      [10, "bad_roaming"],
      [6, "unknown_line"],
    ]);
    expect(summary).toEqual({ rows: 10, rated: 4, duplicates: 0, refused: 6, charged: 5_900 });
    expect(progress.at(-1)).toBe(10);
    expect(deps.db.$client.prepare("select event_key from usage_events order by id").pluck().all()).toEqual(["c-1", "c-2", "c-3", "c-9"]);
  });

  it("counts nothing twice when the same file (or an overlapping one) is imported again", async () => {
    const { deps } = usageFixture();
    const first = await importUsageFile(deps, file(usageCsv));
    const counters = deps.db.$client.prepare("select * from line_usage_months order by line_id").all();
    const again = await importUsageFile(deps, file(usageCsv.replace(/;/g, ","), false));
    expect(again).toMatchObject({ rows: 10, rated: 0, duplicates: first.rated, charged: 0 });
    expect(deps.db.$client.prepare("select * from line_usage_months order by line_id").all()).toEqual(counters);
    expect(balanceDiscrepancies(deps.db)).toEqual([]);
  });

  it("stops at a file without the required columns; reports a row that is not CSV and rates what came before", async () => {
    const { deps } = usageFixture();
    const errors: RowError[] = [];
    expect(await importUsageFile(deps, file("id;number\n1;2\n"), { onRowError: (e) => errors.push(e) })).toMatchObject({ rows: 0, refused: 1 });
    expect(errors).toEqual([{ row: 1, problem: "missing_column" }]);
    const broken = `${usageCsv.split("\r\n").slice(0, 3).join("\n")}\nc-x;"+79120000001;2026-11-03T10:00:00Z;call_out;0;;60;\n`;
    const summary = await importUsageFile(deps, file(broken), { onRowError: (e) => errors.push(e) });
    expect(summary).toMatchObject({ rated: 2, refused: 1 });
    // An unclosed quote runs to the end of the file: the parser names the line where it gave up.
    expect(errors.at(-1)?.problem).toBe("malformed_csv");
    expect(errors.at(-1)?.row).toBeGreaterThanOrEqual(4);
  });
});
