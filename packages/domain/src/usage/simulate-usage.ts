import { randomBytes } from "node:crypto";
import type { Deps } from "../deps.ts";
import { dailyMix, makeUsageEvent, poisson, type TrafficProfile, trafficProfile } from "../seed/demo-usage.ts";
import { seededRandom } from "../seed/employee-names.ts";
import { type RatingOutcome, rateUsageEvents, type UsageEventInput } from "./rate-usage-events.ts";

export interface UsageSimulator {
  /** How many lines make traffic. */
  readonly lineCount: number;
  /** Makes and rates the events of the time since the previous tick (or since the simulator was created). */
  tick(): RatingOutcome & { events: number };
}

/**
 * Live demo traffic: events at about `ratePerSecond` spread over the live, unblocked lines of the
 * given companies (by default the demo companies), busier lines more often, each line's mix of
 * calls, SMS and data as in the demo history; rated by `rateUsageEvents` as they happen, so the
 * month-to-date counters move while someone watches.
 */
export function createUsageSimulator(
  deps: Pick<Deps, "db" | "clock">,
  options: { ratePerSecond: number; companyIds?: number[]; regionCode?: string; seed?: number },
): UsageSimulator {
  const sqlite = deps.db.$client;
  const rows = sqlite
    .prepare(
      `select l.msisdn, t.code, r.time_zone from lines l join tariffs t on t.id = l.tariff_id join regions r on r.code = l.region_code
       where l.terminated_at is null and l.block_mask = 0 and l.company_id is not null
         and (@companies is null and l.company_id in (select company_id from demo_history_runs)
              or l.company_id in (select value from json_each(@companies)))
         and (@region is null or l.region_code = @region)
       order by l.id`,
    )
    .raw()
    .all({ companies: options.companyIds ? JSON.stringify(options.companyIds) : null, region: options.regionCode ?? null }) as [string, string, string][];
  const seed = options.seed ?? randomBytes(4).readUInt32LE(0);
  const random = seededRandom(seed);
  let last = deps.clock.now().getTime();
  const profiles: TrafficProfile[] = rows.map(([msisdn, tariffCode, timeZone]) => {
    const profile = trafficProfile(random, { msisdn, timeZone, tariffCode }, last, last);
    profile.roamingDays.clear();
    return profile;
  });
  // Lines drawn in proportion to how much traffic each makes in a day.
  const weights: number[] = [];
  let total = 0;
  for (const profile of profiles) {
    total += profile.activity * dailyMix(profile).reduce((sum, [, mean]) => sum + mean, 0);
    weights.push(total);
  }
  const runId = `sim-${seed.toString(36)}-${last.toString(36)}`;
  let sequence = 0;

  return {
    lineCount: profiles.length,
    tick() {
      const now = deps.clock.now().getTime();
      const window = Math.max(0, now - last);
      const mean = (options.ratePerSecond * window) / 1000;
      const count = profiles.length === 0 ? 0 : mean < 30 ? poisson(random, mean) : Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
      const events: UsageEventInput[] = [];
      for (let i = 0; i < count; i++) {
        const line = profiles[lowerBound(weights, random() * total)] as TrafficProfile;
        const mix = dailyMix(line);
        let roll = random() * mix.reduce((sum, [, m]) => sum + m, 0);
        let kind = (mix[0] as (typeof mix)[number])[0];
        for (const [k, m] of mix) {
          roll -= m;
          if (roll < 0) {
            kind = k;
            break;
          }
        }
        const startedAt = last + Math.floor(random() * window);
        events.push(makeUsageEvent(random, line, kind, startedAt, `${runId}-${++sequence}`, random() < 0.01));
      }
      last = now;
      events.sort((a, b) => a.startedAt - b.startedAt);
      return { ...rateUsageEvents(deps, events), events: events.length };
    },
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, random()))) * Math.cos(2 * Math.PI * random());
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
