import { describe, expect, it } from "vitest";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { runDueJobs } from "../jobs/job-runner.ts";
import { listJobs } from "../jobs/jobs.ts";
import { getLineSavings, getSavingsAdvice, SAVINGS_INLINE_LINES } from "./savings-advice.ts";
import { adviceWindow } from "./rate-on-tariffs.ts";
import { addRestrictedService, replaceCatalogue } from "./savings-test-fixtures.ts";

const at = (iso: string) => Date.parse(iso);
let n = 0;
const event = (msisdn: string, iso: string, kind: UsageEventInput["kind"], amount = 0, roaming = false): UsageEventInput => ({
  eventId: `s-${++n}`,
  msisdn,
  startedAt: at(iso),
  kind,
  roaming,
  durationSeconds: kind === "call_out" || kind === "call_in" ? amount : null,
  volumeBytes: kind === "data" ? amount : null,
});
const MB = 1_048_576;

/**
 * Ural (UTC+5), the clock on 25 November 2026: the months compared are August, September and
 * October 2026 of Yekaterinburg. The line's services allow A, B and C but not D.
 *
 *   A (its tariff): 300 ₽; 100 min, 10 SMS, 1024 MB; 2 ₽/min, 1 ₽/SMS, 0.50 ₽/MB; roaming 50 ₽/min, 10 ₽/SMS, 20 ₽/MB
 *   B: 500 ₽; 400 min, 50 SMS, 5120 MB; the same prices
 *   C: 100 ₽; nothing included; 1.50 ₽/min, 1.50 ₽/SMS, 0.25 ₽/MB; roaming 30 ₽/min, 5 ₽/SMS, 10 ₽/MB
 *   D: free of charge in every respect, but the line's service is not allowed on it
 */
function handExample() {
  const fixture = usageFixture();
  const { deps, ural, other } = fixture;
  const prices = { minutePriceCk: 20_000, smsPriceCk: 10_000, mbPriceCk: 5_000, roamingMinutePriceCk: 500_000, roamingSmsPriceCk: 100_000, roamingMbPriceCk: 200_000 };
  const [a, b, c, d] = replaceCatalogue(
    deps,
    "ural",
    [
      { code: "A", monthlyFee: 30_000, includedMinutes: 100, includedSms: 10, includedMb: 1024, ...prices },
      { code: "B", monthlyFee: 50_000, includedMinutes: 400, includedSms: 50, includedMb: 5120, ...prices },
      { code: "C", monthlyFee: 10_000, minutePriceCk: 15_000, smsPriceCk: 15_000, mbPriceCk: 2_500, roamingMinutePriceCk: 300_000, roamingSmsPriceCk: 50_000, roamingMbPriceCk: 100_000 },
      { code: "D", monthlyFee: 0 },
    ],
    [...ural.lineIds, ...other.lineIds],
  ) as [number, number, number, number];
  addRestrictedService(deps, "ural", "not-on-d", [a, b, c], [ural.lineIds[0] as number, other.lineIds[0] as number]);
  const usage = (msisdn: string) => [
    event(msisdn, "2026-10-05T06:00:00Z", "call_out", 5400), // 90 min
    event(msisdn, "2026-10-06T06:00:00Z", "call_out", 3601), // 61 started minutes
    event(msisdn, "2026-10-06T07:00:00Z", "call_in", 1200), // at home: free, draws on nothing
    ...Array.from({ length: 12 }, (_, i) => event(msisdn, `2026-10-07T0${i % 10}:1${i % 6}:00Z`, "sms_out")),
    event(msisdn, "2026-10-08T06:00:00Z", "data", 800 * MB),
    event(msisdn, "2026-10-09T06:00:00Z", "data", 700 * MB),
    event(msisdn, "2026-10-20T06:00:00Z", "call_in", 125, true), // 3 min in roaming
    event(msisdn, "2026-10-20T06:10:00Z", "sms_out", 0, true),
    event(msisdn, "2026-10-20T06:20:00Z", "data", MB + 1, true), // 1025 KB
    // 1 November, 00:30 in Yekaterinburg: this month, not compared.
    event(msisdn, "2026-10-31T19:30:00Z", "call_out", 60 * 600),
  ];
  rateUsageEvents(deps, [...usage("+79120000001"), ...usage("+79120000099")]);
  return { ...fixture, tariffIds: { a, b, c, d } };
}

describe("savings advice: what the last three full months would have cost on each tariff", () => {
  it("takes the three full billing months before this one in the region's time zone", () => {
    const window = adviceWindow("Asia/Yekaterinburg", at("2026-11-25T09:00:00Z"));
    expect(window.months).toEqual([202608, 202609, 202610]);
    expect(window.bounds).toEqual([at("2026-07-31T19:00:00Z"), at("2026-08-31T19:00:00Z"), at("2026-09-30T19:00:00Z"), at("2026-10-31T19:00:00Z")]);
    expect(adviceWindow("Asia/Vladivostok", at("2026-01-10T00:00:00Z")).months).toEqual([202510, 202511, 202512]);
  });

  it("re-rates the line's real usage on every tariff it may use: allowance, overage, roaming, monthly fee", () => {
    const { deps, ural, tariffIds } = handExample();
    const line = getLineSavings(deps, ural.admin, { lineId: ural.lineIds[0] as number });
    expect(line.monthsCompared).toBe(3);
    const monthly = Object.fromEntries(line.options.map((o) => [o.tariff.code, o.monthly]));
    // A: calls 51 min × 2 ₽ = 102 ₽; SMS 2 × 1 ₽; data 476 MB × 0.50 ₽ = 238 ₽ (the 700 MB session split at the allowance);
    //    roaming 3 × 50 ₽ + 10 ₽ + 1025 KB at 20 ₽/MB = 20.02 ₽; fees 3 × 300 ₽: 1422.02 ₽ in three months.
    // B: roaming only, 180.02 ₽, and 3 × 500 ₽: 1680.02 ₽.
    // C: calls 90 × 1.50 + 61 × 1.50 = 226.50 ₽; SMS 18 ₽; data 375 ₽; roaming 90 + 5 + 10.01 ₽; fees 300 ₽: 1024.51 ₽.
    expect(monthly).toEqual({ A: Math.round(142_202 / 3), B: Math.round(168_002 / 3), C: Math.round(102_451 / 3) });
    expect(line.options.find((o) => o.tariff.code === "D")).toBeUndefined();
    expect(line.options.map((o) => o.tariff.code)).toEqual(["C", "A", "B"]);
    expect(line.actualMonthly).toBe(Math.round(142_202 / 3));
    expect(line.advice).toMatchObject({
      recommendedTariff: { id: tariffIds.c, code: "C" },
      currentTariff: { id: tariffIds.a },
      actualMonthly: 47_401,
      recommendedMonthly: 34_150,
      monthlySaving: Math.round((142_202 - 102_451) / 3),
    });
  });

  it("lists the lines that would save most, groups them by the tariff advised, and sums the company's saving per month", () => {
    const { deps, ural, tariffIds } = handExample();
    const advice = getSavingsAdvice(deps, ural.admin);
    // The second line used nothing and has no service: D, free, saves its whole fee of 300 ₽.
    expect(advice.lines.map((l) => [l.msisdn, l.recommendedTariff.code, l.monthlySaving])).toEqual([
      ["+79120000002", "D", 30_000],
      ["+79120000001", "C", 13_250],
    ]);
    expect(advice.totalMonthlySaving).toBe(43_250);
    expect(advice.groups).toEqual([
      { tariff: expect.objectContaining({ id: tariffIds.d }), lines: 1, monthlySaving: 30_000 },
      { tariff: expect.objectContaining({ id: tariffIds.c }), lines: 1, monthlySaving: 13_250 },
    ]);
    expect(advice.months).toEqual([202608, 202609, 202610]);
    const onlyC = getSavingsAdvice(deps, ural.admin, { tariffId: tariffIds.c });
    expect(onlyC.lines.map((l) => l.msisdn)).toEqual(["+79120000001"]);
    expect(onlyC.total).toBe(1);
  });

  it("advises nothing to a line already on its cheapest tariff, and counts only the months it was live from their start", () => {
    const { deps, ural, tariffIds } = handExample();
    deps.db.$client.prepare("update lines set tariff_id = ? where id = ?").run(tariffIds.c, ural.lineIds[0]);
    // The second line was connected on 15 September: only October is compared.
    deps.db.$client.prepare("update lines set activated_at = ? where id = ?").run(at("2026-09-15T00:00:00Z"), ural.lineIds[1]);
    const advice = getSavingsAdvice(deps, ural.admin);
    expect(advice.lines.map((l) => [l.msisdn, l.months, l.monthlySaving])).toEqual([["+79120000002", 1, 30_000]]);
    expect(getLineSavings(deps, ural.admin, { lineId: ural.lineIds[0] as number }).advice).toBeNull();
    // A blocked line cannot change its tariff: it is left out of the advice while blocked.
    deps.db.$client.prepare("insert into line_blocks (line_id, reason, blocked_at) values (?, 'voluntary', ?)").run(ural.lineIds[1], at("2026-11-20T00:00:00Z"));
    const blocked = getSavingsAdvice(deps, ural.admin);
    expect(blocked.lines).toEqual([]);
    expect(blocked.linesCompared).toBe(1);
  });

  it("follows what changes after it was first computed: a late event of a past month, a tariff changed", () => {
    const { deps, ural, tariffIds } = handExample();
    const before = getSavingsAdvice(deps, ural.admin);
    expect(getSavingsAdvice(deps, ural.admin)).toEqual(before);
    // A late call of September on the second line, 200 minutes: 100 beyond A's allowance, 200 ₽ more than it cost; D stays free.
    rateUsageEvents(deps, [event("+79120000002", "2026-09-10T06:00:00Z", "call_out", 12_000)]);
    const afterCall = getSavingsAdvice(deps, ural.admin);
    expect(afterCall.lines.find((l) => l.msisdn === "+79120000002")).toMatchObject({ recommendedTariff: { code: "D" }, monthlySaving: Math.round(110_000 / 3) });
    expect(afterCall.linesCompared).toBe(2);
    // The first line moved to C (its cheapest it may use): no advice for it any more.
    deps.db.$client.prepare("update lines set tariff_id = ?, version = version + 1 where id = ?").run(tariffIds.c, ural.lineIds[0]);
    expect(getSavingsAdvice(deps, ural.admin).lines.map((l) => l.msisdn)).toEqual(["+79120000002"]);
  });

  it("never shows another company's lines, and another company's line is not found", () => {
    const { deps, ural, other } = handExample();
    const advice = getSavingsAdvice(deps, ural.admin);
    expect(advice.lines.map((l) => l.lineId)).not.toContain(other.lineIds[0]);
    expect(advice.linesCompared).toBe(2);
    const theirs = getSavingsAdvice(deps, other.admin);
    expect(theirs.lines.map((l) => l.lineId)).toEqual([other.lineIds[0]]);
    expect(() => getLineSavings(deps, ural.admin, { lineId: other.lineIds[0] as number })).toThrow(expect.objectContaining({ code: "not_found" }));
    // An administrator of Moscow sees nothing of Ural, even with the Ural company's id.
    const stranger = { ...other.admin, regionCode: "moscow" };
    expect(getSavingsAdvice(deps, stranger).lines).toEqual([]);
  });
});

describe("savings advice of a large company: computed by a job, off the request path", () => {
  // The Ural company's two lines count as "large" here: more than one line is re-rated by the job.
  const large = { inlineLines: 1 };
  const savingsJobs = (deps: ReturnType<typeof handExample>["deps"], admin: ReturnType<typeof handExample>["ural"]["admin"]) =>
    listJobs(deps, admin, { kind: "savings_advice" });

  it("says it is computing and enqueues one job however often asked; after the job, the same advice as computed in the request", async () => {
    const { deps, ural } = handExample();
    expect(SAVINGS_INLINE_LINES).toBe(1_000);
    const first = getSavingsAdvice(deps, ural.admin, {}, large);
    expect(first).toMatchObject({ status: "computing", liveLines: 2, computedAt: null, lines: [], groups: [], totalMonthlySaving: 0 });
    getSavingsAdvice(deps, ural.admin, {}, large);
    getSavingsAdvice(deps, ural.admin, { page: 2 }, large);
    expect(savingsJobs(deps, ural.admin).map((job) => job.status)).toEqual(["queued"]);

    expect(await runDueJobs(deps)).toBe(1);
    expect(savingsJobs(deps, ural.admin).map((job) => job.status)).toEqual(["done"]);
    const ready = getSavingsAdvice(deps, ural.admin, {}, large);
    expect(ready.status).toBe("ready");
    expect(ready.computedAt).toEqual(deps.clock.now());
    // The figures a small company gets in the request (no job) are the same.
    const { deps: inlineDeps, ural: inlineUral } = handExample();
    const inline = getSavingsAdvice(inlineDeps, inlineUral.admin);
    expect(inline.status).toBe("ready");
    expect(listJobs(inlineDeps, inlineUral.admin, { kind: "savings_advice" })).toEqual([]);
    const figures = ({ months, linesCompared, totalMonthlySaving, advisedLines, groups, lines }: typeof ready) => ({
      months,
      linesCompared,
      totalMonthlySaving,
      advisedLines,
      groups: groups.map((g) => [g.tariff.code, g.lines, g.monthlySaving]),
      lines: lines.map((l) => [l.msisdn, l.recommendedTariff.code, l.actualMonthly, l.recommendedMonthly, l.monthlySaving]),
    });
    expect(figures(ready)).toEqual(figures(inline));
    expect(ready.totalMonthlySaving).toBe(43_250);
    // Asked again with nothing changed: the snapshot, no new job.
    expect(getSavingsAdvice(deps, ural.admin, {}, large).status).toBe("ready");
    expect(savingsJobs(deps, ural.admin)).toHaveLength(1);
  });

  it("a change of usage makes it compute again, showing the stale advice with its date meanwhile", async () => {
    const { deps, ural } = handExample();
    getSavingsAdvice(deps, ural.admin, {}, large);
    await runDueJobs(deps);
    const computedAt = deps.clock.now();
    deps.clock.advance(3_600_000);
    // A late call of September on the second line: 200 minutes, 200 ₽ more than it cost on A; D stays free.
    rateUsageEvents(deps, [event("+79120000002", "2026-09-10T06:00:00Z", "call_out", 12_000)]);
    const stale = getSavingsAdvice(deps, ural.admin, {}, large);
    expect(stale).toMatchObject({ status: "computing", computedAt, totalMonthlySaving: 43_250 });
    expect(stale.lines.map((l) => l.msisdn)).toEqual(["+79120000002", "+79120000001"]);
    getSavingsAdvice(deps, ural.admin, {}, large);
    expect(savingsJobs(deps, ural.admin).map((job) => job.status)).toEqual(["queued", "done"]);
    await runDueJobs(deps);
    const fresh = getSavingsAdvice(deps, ural.admin, {}, large);
    expect(fresh).toMatchObject({ status: "ready", computedAt: deps.clock.now() });
    expect(fresh.lines.find((l) => l.msisdn === "+79120000002")?.monthlySaving).toBe(Math.round(110_000 / 3));
  });

  it("a small company is computed in the request, with no job", () => {
    const { deps, ural } = handExample();
    const advice = getSavingsAdvice(deps, ural.admin);
    expect(advice).toMatchObject({ status: "ready", liveLines: 2, computedAt: deps.clock.now(), totalMonthlySaving: 43_250 });
    expect(savingsJobs(deps, ural.admin)).toEqual([]);
  });

  it("a company's job and snapshot are its own: another company neither sees them nor waits for them", async () => {
    const { deps, ural, other } = handExample();
    getSavingsAdvice(deps, ural.admin, {}, large);
    expect(savingsJobs(deps, other.admin)).toEqual([]);
    // The other company (one line) is small even here: its own figures at once, none of Ural's lines.
    const theirs = getSavingsAdvice(deps, other.admin, {}, large);
    expect(theirs.status).toBe("ready");
    expect(theirs.lines.map((l) => l.lineId)).toEqual([other.lineIds[0]]);
    await runDueJobs(deps);
    expect(getSavingsAdvice(deps, other.admin, {}, large).lines.map((l) => l.lineId)).toEqual([other.lineIds[0]]);
    expect(getSavingsAdvice(deps, ural.admin, {}, large).lines.map((l) => l.lineId)).not.toContain(other.lineIds[0]);
    // An administrator of Moscow with the Ural company's id sees none of its snapshot.
    const stranger = { ...ural.admin, regionCode: "moscow" };
    expect(getSavingsAdvice(deps, stranger, {}, large)).toMatchObject({ status: "ready", lines: [], liveLines: 0 });
  });
});
