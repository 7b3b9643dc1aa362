import { describe, expect, it } from "vitest";
import { balanceDiscrepancies, getCompanyBalance, listCompanyMovements } from "../accounts/movements.ts";
import { terminateLine, issueLines } from "../lines/issue-lines.ts";
import { getLineDetails } from "../lines/line-details.ts";
import { rateUsageEvents, type UsageEventInput } from "./rate-usage-events.ts";
import { tariffOf, usageFixture } from "./usage-test-fixtures.ts";

const at = (iso: string) => Date.parse(iso);
let n = 0;
const call = (msisdn: string, iso: string, seconds: number, extra: Partial<UsageEventInput> = {}): UsageEventInput => ({
  eventId: `t-${++n}`,
  msisdn,
  startedAt: at(iso),
  kind: "call_out",
  roaming: false,
  durationSeconds: seconds,
  otherParty: "+79990000000",
  ...extra,
});
const counters = (deps: ReturnType<typeof usageFixture>["deps"], lineId: number) =>
  deps.db.$client.prepare("select * from line_usage_months where line_id = ? order by billing_month").all(lineId) as Record<string, number>[];
const eventsOf = (deps: ReturnType<typeof usageFixture>["deps"], lineId: number) =>
  deps.db.$client.prepare("select event_key, units, included_units, charge from usage_events where line_id = ? order by id").all(lineId) as {
    event_key: string;
    units: number;
    included_units: number;
    charge: number;
  }[];

describe("rating usage on arrival (Ural, «Бизнес Старт»: 300 min, 100 SMS, 5 GB; 2.50 ₽/min, 0.20 ₽/MB; roaming 59 ₽/min, 19 ₽/SMS, 15 ₽/MB)", () => {
  it("takes the included minutes first, splits the call that exhausts them, then charges per started minute", () => {
    const { deps, ural } = usageFixture();
    const tariff = tariffOf(deps, "ural", "biz-start");
    expect(tariff).toMatchObject({ includedMinutes: 300, minutePriceCk: 25_000, mbPriceCk: 2_000, roamingMinutePriceCk: 590_000 });
    const line = "+79120000001";
    const outcome = rateUsageEvents(deps, [
      call(line, "2026-11-03T05:00:00Z", 17_880), // 298 minutes, all included
      call(line, "2026-11-03T06:00:00Z", 150), // 3 started minutes: 2 included, 1 charged 2.50 ₽
      call(line, "2026-11-03T07:00:00Z", 59), // 1 minute, 2.50 ₽
      call(line, "2026-11-03T08:00:00Z", 0), // not answered: nothing
    ]);
    expect(outcome).toMatchObject({ rated: 4, duplicates: 0, refused: [], charged: 500 });
    expect(eventsOf(deps, ural.lineIds[0] as number).map((e) => [e.units, e.included_units, e.charge])).toEqual([
      [298, 298, 0],
      [3, 2, 250],
      [1, 0, 250],
      [0, 0, 0],
    ]);
    expect(counters(deps, ural.lineIds[0] as number)).toEqual([
      expect.objectContaining({ billing_month: 202611, minutes_used: 302, calls_charge: 500, total_charge: 500, event_count: 4 }),
    ]);
  });

  it("lets incoming calls at home cost nothing and draw on nothing; charges roaming from the first unit, incoming calls too", () => {
    const { deps, ural } = usageFixture();
    const line = "+79120000001";
    rateUsageEvents(deps, [
      call(line, "2026-11-05T05:00:00Z", 600, { kind: "call_in" }),
      call(line, "2026-11-05T06:00:00Z", 125, { kind: "call_in", roaming: true }), // 3 min × 59 ₽
      { eventId: "r-sms", msisdn: line, startedAt: at("2026-11-05T06:10:00Z"), kind: "sms_out", roaming: true }, // 19 ₽
      { eventId: "r-sms-in", msisdn: line, startedAt: at("2026-11-05T06:11:00Z"), kind: "sms_in", roaming: true }, // free
      { eventId: "r-data", msisdn: line, startedAt: at("2026-11-05T06:20:00Z"), kind: "data", roaming: true, volumeBytes: 1_048_576 }, // 1 MB × 15 ₽
    ]);
    expect(eventsOf(deps, ural.lineIds[0] as number).map((e) => e.charge)).toEqual([0, 17_700, 1_900, 0, 1_500]);
    expect(counters(deps, ural.lineIds[0] as number)[0]).toMatchObject({
      minutes_used: 0,
      roaming_minutes: 3,
      roaming_sms: 1,
      roaming_data_kb: 1024,
      roaming_charge: 21_100,
      total_charge: 21_100,
      event_count: 5,
    });
  });

  it("counts data per started kilobyte and rounds each event's charge half up to the kopeck", () => {
    const { deps, ural } = usageFixture();
    const line = "+79120000001";
    rateUsageEvents(deps, [
      { eventId: "d1", msisdn: line, startedAt: at("2026-11-06T05:00:00Z"), kind: "data", roaming: false, volumeBytes: 5 * 1024 * 1_048_576 }, // exactly 5 GB, included
      { eventId: "d2", msisdn: line, startedAt: at("2026-11-06T06:00:00Z"), kind: "data", roaming: false, volumeBytes: 1_500_000 }, // 1465 KB × 0.20 ₽/MB = 28.6 kop → 29
      { eventId: "d3", msisdn: line, startedAt: at("2026-11-06T07:00:00Z"), kind: "data", roaming: false, volumeBytes: 1 }, // 1 KB = 0.02 kop → 0
    ]);
    expect(eventsOf(deps, ural.lineIds[0] as number).map((e) => [e.units, e.included_units, e.charge])).toEqual([
      [5_242_880, 5_242_880, 0],
      [1465, 0, 29],
      [1, 0, 0],
    ]);
  });

  it("cuts billing months in the line's region: 30 November 15:30 UTC is December in Vladivostok and November in Moscow", () => {
    const { deps, moscow, fareast } = usageFixture();
    deps.clock.set(new Date("2026-12-02T00:00:00Z"));
    const vladivostok = "+79140000001";
    const moscowLine = "+79160000001";
    const minutes = tariffOf(deps, "fareast", "biz-start").includedMinutes;
    rateUsageEvents(deps, [
      call(vladivostok, "2026-11-20T02:00:00Z", minutes * 60), // the whole November allowance
      call(vladivostok, "2026-11-30T15:30:00Z", 120), // 01:30 on 1 December there: a new allowance, free
      call(moscowLine, "2026-11-20T02:00:00Z", tariffOf(deps, "moscow", "biz-start").includedMinutes * 60),
      call(moscowLine, "2026-11-30T15:30:00Z", 120), // 18:30 on 30 November there: beyond the allowance, charged
    ]);
    expect(eventsOf(deps, fareast.lineIds[0] as number).map((e) => e.charge)).toEqual([0, 0]);
    expect(counters(deps, fareast.lineIds[0] as number).map((c) => [c.billing_month, c.minutes_used])).toEqual([
      [202611, minutes],
      [202612, 2],
    ]);
    const moscowPrice = tariffOf(deps, "moscow", "biz-start").minutePriceCk;
    expect(eventsOf(deps, moscow.lineIds[0] as number).map((e) => e.charge)).toEqual([0, Math.floor((2 * moscowPrice + 50) / 100)]);
    expect(counters(deps, moscow.lineIds[0] as number).map((c) => c.billing_month)).toEqual([202611]);
  });

  it("counts nothing twice: the same events rated again are skipped, counters and balance unchanged", () => {
    const { deps, ural } = usageFixture();
    const line = "+79120000001";
    const batch = [call(line, "2026-11-07T05:00:00Z", 20_000), call(line, "2026-11-07T06:00:00Z", 61)];
    const first = rateUsageEvents(deps, batch);
    const countersBefore = counters(deps, ural.lineIds[0] as number);
    const balanceBefore = getCompanyBalance(deps, ural.admin).balance;
    expect(first.rated).toBe(2);
    const again = rateUsageEvents(deps, [...batch, batch[0] as UsageEventInput]);
    expect(again).toMatchObject({ rated: 0, duplicates: 3, charged: 0 });
    expect(counters(deps, ural.lineIds[0] as number)).toEqual(countersBefore);
    expect(getCompanyBalance(deps, ural.admin).balance).toBe(balanceBefore);
    expect(balanceBefore).toBe(-first.charged);
  });

  it("refuses events of unknown numbers, invalid events and events from the future, and rates the rest", () => {
    const { deps } = usageFixture();
    const outcome = rateUsageEvents(deps, [
      call("+79129999999", "2026-11-07T05:00:00Z", 60),
      call("+79120000001", "2026-11-07T05:00:00Z", -5),
      call("+79120000001", "2027-01-01T00:00:00Z", 60),
      call("+79120000001", "2026-11-07T05:00:00Z", 60),
    ]);
    expect(outcome.rated).toBe(1);
    expect(outcome.refused.map((r) => [r.index, r.reason])).toEqual([
      [0, "unknown_line"],
      [1, "invalid"],
      [2, "future"],
    ]);
  });

  it("keeps a number's old issuance apart: usage before the termination stays with the old line, after the reissue goes to the new one", () => {
    const { deps, ural } = usageFixture();
    const [oldLine] = ural.lineIds as [number];
    terminateLine(deps.db, oldLine, new Date("2026-11-10T00:00:00Z"));
    const [newLine] = issueLines(deps.db, { accountId: ural.accountId, activatedAt: new Date("2026-11-15T00:00:00Z"), lines: [{ msisdn: "+79120000001" }] }) as [number];
    expect(newLine).not.toBe(oldLine);
    const outcome = rateUsageEvents(deps, [
      call("+79120000001", "2026-11-09T05:00:00Z", 60),
      call("+79120000001", "2026-11-12T05:00:00Z", 60), // between the two issuances: nobody's
      call("+79120000001", "2026-11-16T05:00:00Z", 60),
    ]);
    expect(outcome.refused.map((r) => r.index)).toEqual([1]);
    expect(eventsOf(deps, oldLine)).toHaveLength(1);
    expect(eventsOf(deps, newLine)).toHaveLength(1);
    // A number is unique among live lines only.
    expect(() => issueLines(deps.db, { accountId: ural.accountId, activatedAt: new Date(), lines: [{ msisdn: "+79120000001" }] })).toThrow(/UNIQUE/);
  });

  it("keeps the account's balance equal to the sum of its movements, with one usage movement per day", () => {
    const { deps, ural } = usageFixture();
    const line = "+79120000001";
    rateUsageEvents(deps, [call(line, "2026-11-08T05:00:00Z", 20_000), call(line, "2026-11-08T20:00:00Z", 600), call(line, "2026-11-09T05:00:00Z", 600)]);
    rateUsageEvents(deps, [call(line, "2026-11-09T06:00:00Z", 600, { kind: "call_out", roaming: true })]);
    expect(balanceDiscrepancies(deps.db)).toEqual([]);
    const movements = listCompanyMovements(deps, ural.admin, { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") });
    // 20:00 UTC on the 8th is the 9th in Yekaterinburg (UTC+5): two days, one movement each.
    expect(movements.map((m) => [m.kind, m.description])).toEqual([
      ["usage", "Услуги связи за 09.11.2026"],
      ["usage", "Услуги связи за 08.11.2026"],
    ]);
    expect(getCompanyBalance(deps, ural.admin).balance).toBe(movements.reduce((sum, m) => sum + m.amount, 0));
  });

  it("shows the line's month so far on its page: spending, used and remaining allowance", () => {
    const { deps, ural } = usageFixture();
    deps.clock.set(new Date("2026-11-25T09:00:00Z"));
    rateUsageEvents(deps, [call("+79120000001", "2026-11-08T05:00:00Z", 600), { eventId: "s", msisdn: "+79120000001", startedAt: at("2026-11-08T05:01:00Z"), kind: "sms_out", roaming: false }]);
    const details = getLineDetails(deps, ural.admin, ural.lineIds[0] as number);
    expect(details.month).toMatchObject({ billingMonth: 202611, spending: 0, used: { minutes: 10, sms: 1, dataKb: 0 }, remaining: { minutes: 290, sms: 99, dataKb: 5 * 1024 * 1024 } });
  });
});
