import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { balanceDiscrepancies } from "../accounts/movements.ts";
import { actorOfUser } from "../auth/actor.ts";
import { getCompanyOverview } from "../cabinet/company-overview.ts";
import { users } from "../db/schema.ts";
import { createTestDeps } from "../testing/test-deps.ts";
import { continueDemoHistory, demoHistoryStatus } from "./demo-history.ts";
import type { UsageEventInput } from "../usage/rate-usage-events.ts";
import { generateTraffic } from "./demo-usage.ts";
import { seedDemoData } from "./seed-demo-data.ts";

function seeded() {
  const deps = createTestDeps();
  deps.clock.set(new Date("2026-11-25T09:00:00Z"));
  return deps;
}

const admin = (deps: ReturnType<typeof seeded>, regionCode: string, login: string) => {
  const user = deps.db.select().from(users).where(and(eq(users.regionCode, regionCode), eq(users.login, login))).get();
  if (!user) throw new Error(`no ${login} in ${regionCode}`);
  return actorOfUser(user);
};

describe("the demo data", () => {
  it("is small by default (for tests): АО «Вектор», the operator's records, no history", async () => {
    const deps = seeded();
    await seedDemoData(deps);
    const count = (sql: string) => deps.db.$client.prepare(sql).pluck().get() as number;
    expect(count("select count(*) from lines")).toBe(9 * (6 + 12 + 3));
    expect(count("select count(*) from usage_events")).toBe(0);
    expect(getCompanyOverview(deps, admin(deps, "ural", "vector")).lineCount).toBe(12);
  });

  it("for the portal gives АО «Вектор» 12 lines in every region and Ural two larger companies, with realistic invented employees and three months of rated usage", async () => {
    const deps = seeded();
    const credentials = await seedDemoData(deps, { largeCompanies: true, history: true });
    expect(credentials.join("\n")).toMatch(/vector.*Vector2026demo[\s\S]*polus.*Polus2026demo[\s\S]*gorizont.*Gorizont2026demo/);
    const count = (sql: string, ...params: unknown[]) => deps.db.$client.prepare(sql).pluck().get(...params) as number;
    for (const region of ["moscow", "ural", "fareast"]) {
      const vector = getCompanyOverview(deps, admin(deps, region, "vector"));
      expect(vector.company.name).toBe("АО «Вектор»");
      expect(vector.lineCount).toBe(12);
    }
    expect(getCompanyOverview(deps, admin(deps, "ural", "polus")).lineCount).toBe(300);
    expect(getCompanyOverview(deps, admin(deps, "ural", "gorizont")).lineCount).toBe(5000);
    // The operator's records the office checks use: account 100200300 with +7 912 345-67-89, no company yet.
    expect(count("select count(*) from lines l join accounts a on a.id = l.account_id where a.account_number = '100200300' and l.msisdn = '+79123456789' and l.company_id is null")).toBe(1);
    const names = deps.db.$client.prepare("select employee_name from lines where employee_name is not null").pluck().all() as string[];
    expect(names.length).toBeGreaterThan(4500);
    for (const name of names) expect(name).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/);
    expect(new Set(names).size).toBeGreaterThan(names.length * 0.8);

    // АО «Вектор»'s history is there at once: every month since August, fees and payments.
    const vector = admin(deps, "ural", "vector");
    expect(demoHistoryStatus(deps, vector)).toMatchObject({ pending: false });
    // The larger companies' history is rated in the background; here at once.
    const polus = admin(deps, "ural", "polus");
    expect(demoHistoryStatus(deps, polus)).toMatchObject({ pending: true });
    continueDemoHistory(deps, { companyIds: [polus.companyId as number] });
    expect(demoHistoryStatus(deps, polus)).toMatchObject({ pending: false });
    const months = deps.db.$client
      .prepare("select distinct billing_month from line_usage_months where company_id = ? order by 1")
      .pluck()
      .all(polus.companyId) as number[];
    expect(months).toEqual([202608, 202609, 202610, 202611]);
    expect(count("select count(*) from account_movements m join accounts a on a.id = m.account_id where a.company_id = ? and m.kind = 'payment'", polus.companyId)).toBe(3);
    expect(balanceDiscrepancies(deps.db)).toEqual([]);
    // The operator's accounts without a company paid their fees too: no debt of months past.
    const romashka = deps.db.$client.prepare("select balance from accounts where region_code = 'ural' and account_number = '100200300'").pluck().get() as number;
    const romashkaFees = -count("select sum(amount) from account_movements m join accounts a on a.id = m.account_id where a.account_number = '100200300' and m.billing_month = 202611 and m.amount < 0");
    expect(romashka).toBeGreaterThanOrEqual(-romashkaFees);

    // The large company's history is rated in the background, a piece at a time.
    const gorizont = admin(deps, "ural", "gorizont");
    expect(demoHistoryStatus(deps, gorizont)).toMatchObject({ pending: true, ratedThrough: new Date("2026-07-31T19:00:00Z") });
    expect(continueDemoHistory(deps, { maxDays: 0.25 })).toBe(true);
    expect(demoHistoryStatus(deps, gorizont)?.ratedThrough).toEqual(new Date("2026-08-01T01:00:00Z"));
    // Midnight to six in the morning in Yekaterinburg: a few night owls.
    expect(count("select count(*) from line_usage_months where company_id = ?", gorizont.companyId)).toBeGreaterThan(10);
  }, 120_000);
});

describe("the demo history", () => {
  it("is the same whether a day is generated whole or in pieces", () => {
    const profiles = [
      { msisdn: "+79000000001", timeZone: "Asia/Yekaterinburg", activity: 2, device: "phone" as const, roamingDays: new Set<number>() },
      { msisdn: "+79000000002", timeZone: "Asia/Yekaterinburg", activity: 1, device: "modem" as const, roamingDays: new Set<number>() },
    ];
    const from = Date.parse("2026-11-02T00:00:00Z");
    const to = from + 2 * 86_400_000;
    const whole: UsageEventInput[] = [];
    generateTraffic(profiles, { from, to, seed: 5, idPrefix: "d" }, (events) => whole.push(...events));
    const pieces: UsageEventInput[] = [];
    for (let start = from; start < to; start += 5 * 3_600_000) {
      generateTraffic(profiles, { from: start, to: Math.min(to, start + 5 * 3_600_000), seed: 5, idPrefix: "d" }, (events) => pieces.push(...events));
    }
    expect(whole.length).toBeGreaterThan(5);
    expect(pieces).toEqual(whole);
  });
});
