// Test support for bulk changes (imported by *.test.ts only).
import type { Actor } from "../auth/actor.ts";
import type { Deps } from "../deps.ts";
import { addCompany, tariffOf, usageFixture } from "../usage/usage-test-fixtures.ts";

export function serviceOf(deps: Deps, regionCode: string, code: string): number {
  const id = deps.db.$client.prepare("select id from services where region_code = ? and code = ?").pluck().get(regionCode, code) as number | undefined;
  if (id === undefined) throw new Error(`no service ${code} in ${regionCode}`);
  return id;
}

/** What a line is now: its tariff's code, its services' codes and its version. */
export function lineNow(deps: Deps, lineId: number) {
  const sqlite = deps.db.$client;
  const line = sqlite.prepare("select l.msisdn, t.code as tariff, l.version from lines l join tariffs t on t.id = l.tariff_id where l.id = ?").get(lineId) as {
    msisdn: string;
    tariff: string;
    version: number;
  };
  const services = sqlite
    .prepare("select s.code from line_services ls join services s on s.id = ls.service_id where ls.line_id = ? order by s.code")
    .pluck()
    .all(lineId) as string[];
  return { ...line, services };
}

/** Ural's company of usageFixture with `count` more lines (+7 912 100-00-01 …) on Бизнес Старт. */
export function bulkFixture(count = 6) {
  const fixture = usageFixture();
  const { deps } = fixture;
  const big = addCompany(deps, {
    regionCode: "ural",
    name: "АО «Массовое»",
    accountNumber: "500000010",
    msisdns: Array.from({ length: count }, (_, i) => `+7912100${String(i + 1).padStart(4, "0")}`),
  });
  return { ...fixture, big, pro: tariffOf(deps, "ural", "biz-pro"), start: tariffOf(deps, "ural", "biz-start"), data: tariffOf(deps, "ural", "biz-data") };
}

export type BulkFixture = ReturnType<typeof bulkFixture>;
export type { Actor };
