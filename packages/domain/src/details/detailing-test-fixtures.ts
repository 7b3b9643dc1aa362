// Test support for the detailing files (imported by *.test.ts only).
import { Writable } from "node:stream";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import type { DetailingRow, DetailingScope } from "./detailing-scope.ts";

/** A Writable that keeps what it is given. */
export function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

const kinds = ["call_out", "call_in", "sms_out", "data", "sms_in", "call_out", "data"] as const;

/**
 * Ural's «Уралтест» (two lines, with employees and a department; Yekaterinburg, UTC+5) and
 * «Другая» with usage in the same days; November 2026 usage rated through the real rating, with
 * roaming and calls beyond the allowance so that charges are not all zero; a few events just
 * outside the period on either side.
 */
export function detailingFixture() {
  const fixture = usageFixture();
  const { deps, ural, other } = fixture;
  const sqlite = deps.db.$client;
  const department = sqlite.prepare("insert into departments (company_id, name, name_folded, created_at) values (?, 'Отдел продаж; «Юг»', 'отдел продаж; «юг»', 0) returning id").pluck().get(ural.companyId) as number;
  sqlite.prepare("update lines set employee_name = 'Ёлкина Анна Петровна', department_id = ? where id = ?").run(department, ural.lineIds[0]);
  sqlite.prepare("update lines set employee_name = ? where id = ?").run('Иванов "Ваня" Иван', ural.lineIds[1]);

  // The period: 1–24 November 2026 in Yekaterinburg (UTC+5).
  const from = Date.parse("2026-10-31T19:00:00Z");
  const to = Date.parse("2026-11-24T19:00:00Z");
  const events: UsageEventInput[] = [];
  let n = 0;
  const add = (msisdn: string, startedAt: number, i: number) => {
    const kind = kinds[i % kinds.length] as (typeof kinds)[number];
    events.push({
      eventId: `d-${++n}`,
      msisdn,
      startedAt,
      kind,
      roaming: i % 5 === 0,
      otherParty: kind === "data" ? "internet" : i % 3 === 0 ? "0611" : `+7999${String(10_000_000 + i).slice(1)}`,
      durationSeconds: kind.startsWith("call") ? (i % 4 === 0 ? 7_200 : 37 + i * 13) : null,
      volumeBytes: kind === "data" ? 150_000 + i * 777_777 : null,
    });
  };
  for (let i = 0; i < 40; i++) {
    const startedAt = from + i * 13 * 3_600_000 + 1_000;
    add("+79120000001", startedAt, i);
    if (i % 2 === 0) add("+79120000002", startedAt + 60_000, i + 1);
    add("+79120000099", startedAt, i);
  }
  // Edges: the first instant is in, the last is out, and so is the instant before the first.
  add("+79120000001", from, 3);
  add("+79120000001", from - 1, 3);
  add("+79120000002", to, 3);
  add("+79120000002", to - 1, 2);
  events.sort((a, b) => a.startedAt - b.startedAt);
  const outcome = rateUsageEvents(deps, events);
  if (outcome.refused.length > 0) throw new Error(`refused: ${JSON.stringify(outcome.refused[0])}`);

  const scope: DetailingScope = { companyId: ural.companyId, regionCode: "ural", lineIds: ural.lineIds, from, to };
  /** What the files must list: straight from usage_events, in the files' order. */
  const expected = () =>
    sqlite
      .prepare(
        `select e.line_id as lineId, l.msisdn, e.started_at as startedAt, e.kind, e.roaming, e.other_party as otherParty,
           e.duration_seconds as durationSeconds, e.volume_bytes as volumeBytes, e.units, e.charge
         from usage_events e join lines l on l.id = e.line_id
         where l.company_id = ? and e.started_at >= ? and e.started_at < ? order by l.msisdn, e.started_at, e.id`,
      )
      .all(ural.companyId, from, to) as (Omit<DetailingRow, "roaming" | "employeeName" | "departmentName"> & { roaming: number })[];
  const ratedCharge = () =>
    sqlite
      .prepare("select sum(e.charge) from usage_events e join lines l on l.id = e.line_id where l.company_id = ? and e.started_at >= ? and e.started_at < ?")
      .pluck()
      .get(ural.companyId, from, to) as number;
  return { ...fixture, department, scope, expected, ratedCharge, otherLineIds: other.lineIds };
}
