// Test support for the savings advice (imported by *.test.ts only).
import type { Deps } from "../deps.ts";
import { lineServices, services, tariffServices, tariffs } from "../db/schema.ts";

export interface TestTariff {
  code: string;
  monthlyFee: number;
  includedMinutes?: number;
  includedSms?: number;
  includedMb?: number;
  minutePriceCk?: number;
  smsPriceCk?: number;
  mbPriceCk?: number;
  roamingMinutePriceCk?: number;
  roamingSmsPriceCk?: number;
  roamingMbPriceCk?: number;
}

/** Replaces a region's catalogue by the given tariffs (the seeded ones archived), moving the given lines to the first. */
export function replaceCatalogue(deps: Deps, regionCode: string, list: TestTariff[], lineIds: number[] = []): number[] {
  const sqlite = deps.db.$client;
  const ids = list.map(
    (t) =>
      deps.db
        .insert(tariffs)
        .values({ regionCode, nameRu: `Тариф ${t.code}`, nameEn: `Tariff ${t.code}`, ...t })
        .returning({ id: tariffs.id })
        .get().id,
  );
  sqlite.prepare(`update tariffs set archived = 1 where region_code = ? and id not in (${ids.join(",")})`).run(regionCode);
  for (const lineId of lineIds) sqlite.prepare("update lines set tariff_id = ? where id = ?").run(ids[0], lineId);
  return ids;
}

/** A service of the region that only the given tariffs allow, switched on for the given lines. */
export function addRestrictedService(deps: Deps, regionCode: string, code: string, allowedOn: number[], lineIds: number[]): number {
  const { id } = deps.db
    .insert(services)
    .values({ regionCode, code, nameRu: code, nameEn: code, descriptionRu: "", descriptionEn: "", monthlyFee: 0 })
    .returning({ id: services.id })
    .get();
  for (const tariffId of allowedOn) deps.db.insert(tariffServices).values({ tariffId, serviceId: id }).run();
  for (const lineId of lineIds) deps.db.insert(lineServices).values({ lineId, serviceId: id, regionCode, activatedAt: new Date("2026-01-01T00:00:00Z") }).run();
  return id;
}
