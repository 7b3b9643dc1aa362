import { describe, expect, it } from "vitest";
import { seededRandom } from "../seed/employee-names.ts";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { type AllowanceUse, rateEvent, type TariffPrices } from "../usage/rating-rules.ts";
import { addCompany, usageFixture } from "../usage/usage-test-fixtures.ts";
import { adviceWindow, rateCompanyOnTariffs } from "./rate-on-tariffs.ts";
import { addRestrictedService, replaceCatalogue, type TestTariff } from "./savings-test-fixtures.ts";

const kinds = ["call_out", "call_in", "sms_out", "sms_in", "data"] as const;

/** The straightforward way: every event of every month on every tariff, one by one, in the order they happened. */
function reRateEventByEvent(
  sqlite: import("better-sqlite3").Database,
  lineId: number,
  activatedAt: number,
  tariff: TariffPrices & { monthlyFee: number },
  bounds: number[],
): { cost: number; actual: number; months: number } {
  let cost = 0;
  let actual = 0;
  let months = 0;
  for (let m = 0; m < bounds.length - 1; m++) {
    if (activatedAt > (bounds[m] as number)) continue;
    months++;
    cost += tariff.monthlyFee;
    const used: AllowanceUse = { minutesUsed: 0, smsUsed: 0, dataKbUsed: 0 };
    const events = sqlite
      .prepare("select kind, roaming, duration_seconds, volume_bytes, charge from usage_events where line_id = ? and started_at >= ? and started_at < ? and refused = 0 order by started_at, id")
      .all(lineId, bounds[m], bounds[m + 1]) as { kind: (typeof kinds)[number]; roaming: number; duration_seconds: number | null; volume_bytes: number | null; charge: number }[];
    for (const e of events) {
      actual += e.charge;
      const rated = rateEvent(tariff, used, { kind: e.kind, roaming: e.roaming === 1, durationSeconds: e.duration_seconds ?? 0, volumeBytes: e.volume_bytes ?? 0 });
      cost += rated.charge;
      if (rated.counter === "minutes") used.minutesUsed += rated.units;
      else if (rated.counter === "sms") used.smsUsed += rated.units;
      else if (rated.counter === "dataKb") used.dataKbUsed += rated.units;
    }
  }
  return { cost, actual, months };
}

function randomTariff(random: () => number, code: string): TestTariff {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  // Whole-kopeck prices (the totals suffice) and fractional ones (each event must be re-rated), and zero.
  const minutePrice = () => pick([0, 10_000, 25_000, 12_345, 19_999, 590_000, 333]);
  const mbPrice = () => pick([0, 102_400, 204_800, 2_000, 990, 1_500, 150_000, 7]);
  return {
    code,
    monthlyFee: pick([0, 5_000, 45_000, 90_000, 12_345]),
    includedMinutes: pick([0, 5, 30, 300]),
    includedSms: pick([0, 2, 10]),
    includedMb: pick([0, 1, 20, 500]),
    minutePriceCk: minutePrice(),
    smsPriceCk: pick([0, 10_000, 15_000, 1_999, 55]),
    mbPriceCk: mbPrice(),
    roamingMinutePriceCk: minutePrice(),
    roamingSmsPriceCk: pick([0, 190_000, 12_345]),
    roamingMbPriceCk: mbPrice(),
  };
}

describe("rating a company's lines on every tariff equals re-rating event by event", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`on random tariffs, services and usage (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const { deps, ural, other } = usageFixture();
      const msisdns = Array.from({ length: 14 }, (_, i) => `+7912100${String(seed).padStart(2, "0")}${String(i).padStart(2, "0")}`);
      const company = addCompany(deps, { regionCode: "ural", name: "ООО «Случай»", accountNumber: `60000000${seed}`, msisdns });
      const tariffIds = replaceCatalogue(
        deps,
        "ural",
        Array.from({ length: 7 }, (_, i) => randomTariff(random, `R${i}`)),
        [...company.lineIds, ...ural.lineIds, ...other.lineIds],
      );
      const sqlite = deps.db.$client;
      // Some lines change tariff, some were connected inside the window, some have services not every tariff allows.
      for (const lineId of company.lineIds) {
        sqlite.prepare("update lines set tariff_id = ? where id = ?").run(tariffIds[Math.floor(random() * tariffIds.length)], lineId);
        if (random() < 0.25) sqlite.prepare("update lines set activated_at = ? where id = ?").run(Date.parse("2026-08-01T00:00:00Z") + Math.floor(random() * 80 * 86_400_000), lineId);
      }
      const restricted = company.lineIds.filter(() => random() < 0.4);
      addRestrictedService(deps, "ural", "some-only", tariffIds.filter(() => random() < 0.5), restricted);

      // Events from July to November (outside the window too), with equal start times now and then.
      const from = Date.parse("2026-07-20T00:00:00Z");
      const to = Date.parse("2026-11-20T00:00:00Z");
      const events: UsageEventInput[] = [];
      for (let i = 0; i < 2500; i++) {
        // One in five starts with the previous event of the same line and kind: the same instant, the id decides.
        const previous = random() < 0.2 ? events[events.length - 1] : undefined;
        const kind = previous?.kind ?? (kinds[Math.floor(random() * kinds.length)] as (typeof kinds)[number]);
        const msisdn = previous?.msisdn ?? (msisdns[Math.floor(random() * msisdns.length)] as string);
        const startedAt = previous?.startedAt ?? from + Math.floor(random() * (to - from));
        events.push({
          eventId: `r${seed}-${i}`,
          msisdn,
          startedAt,
          kind,
          roaming: random() < 0.15,
          durationSeconds: kind.startsWith("call") ? Math.floor(random() * (random() < 0.1 ? 20_000 : 400)) : null,
          volumeBytes: kind === "data" ? Math.floor(random() * (random() < 0.1 ? 900 * 1_048_576 : 3 * 1_048_576)) + 1 : null,
        });
      }
      // Arrival order is not time order: the stored charges are what it cost, the re-rating goes by time.
      rateUsageEvents(deps, events.slice().sort(() => random() - 0.5));
      // Some usage refused by a spending limit (stored, never carried out): left out on every side.
      sqlite.prepare("update usage_events set refused = 1, charge = 0, included_units = 0 where id % 11 = 0").run();

      const now = deps.clock.now().getTime();
      // Both ways of reading the rows (a scan of the table, the index line by line) give the same figures.
      const plan = seed % 2 === 0 ? "scan" : "index";
      const result = rateCompanyOnTariffs(sqlite, { companyId: company.companyId, regionCode: "ural", timeZone: "Asia/Yekaterinburg", now, plan });
      const otherPlan = rateCompanyOnTariffs(sqlite, { companyId: company.companyId, regionCode: "ural", timeZone: "Asia/Yekaterinburg", now, plan: plan === "scan" ? "index" : "scan" });
      expect(otherPlan.lines).toEqual(result.lines);
      const { bounds } = adviceWindow("Asia/Yekaterinburg", now);
      expect(result.lines.map((l) => l.lineId)).toEqual(company.lineIds);
      let reRatedPerEvent = 0;
      for (const line of result.lines) {
        const { activated_at: activatedAt, tariff_id: currentId } = sqlite.prepare("select activated_at, tariff_id from lines where id = ?").get(line.lineId) as {
          activated_at: number;
          tariff_id: number;
        };
        const lineServices = sqlite.prepare("select service_id from line_services where line_id = ?").pluck().all(line.lineId) as number[];
        result.tariffs.forEach((tariff, t) => {
          const allowed = lineServices.every((serviceId) => sqlite.prepare("select 1 from tariff_services where tariff_id = ? and service_id = ?").get(tariff.id, serviceId));
          if (!allowed) {
            expect(line.costs[t]).toBeNull();
            return;
          }
          const expected = reRateEventByEvent(sqlite, line.lineId, activatedAt, tariff, bounds);
          expect({ line: line.lineId, tariff: tariff.code, cost: line.costs[t] }).toEqual({ line: line.lineId, tariff: tariff.code, cost: expected.cost });
          expect(line.months).toBe(expected.months);
          if (tariff.id === currentId) expect(line.actualCost).toBe(expected.actual + expected.months * tariff.monthlyFee);
          reRatedPerEvent++;
        });
      }
      expect(reRatedPerEvent).toBeGreaterThan(40);
    });
  }
});
