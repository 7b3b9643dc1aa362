import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { JOB_LEASE_MS, recoverAbandonedJobs, runDueJobs } from "../jobs/job-runner.ts";
import { getJob } from "../jobs/jobs.ts";
import { blockLine } from "../lines/line-blocks.ts";
import { switchServiceOn } from "../lines/line-services.ts";
import { cancelBulkChange, changeLineTariff, submitBulkChange } from "./apply-bulk-change.ts";
import { allBulkChangeLines, getBulkChange, listBulkChangeLines, listBulkChanges } from "./bulk-change-view.ts";
import { bulkFixture, lineNow, serviceOf } from "./bulk-test-fixtures.ts";
import { previewBulkChange } from "./preview-bulk-change.ts";

const rub = (roubles: number) => roubles * 100;

function domainError(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("no DomainError thrown");
}

describe("a bulk change's preview", () => {
  it("refuses each line or number that cannot change with its reason, and prices the rest", () => {
    const { deps, big, other, moscow, pro, data } = bulkFixture(5);
    const [blocked, onPro, withVoicemail, plain, plain2] = big.lineIds as [number, number, number, number, number];
    const voicemail = serviceOf(deps, "ural", "voicemail");
    blockLine(deps, big.admin, { lineId: blocked, reason: "voluntary" });
    changeLineTariff(deps, big.admin, { lineId: onPro, tariffId: pro.id });
    switchServiceOn(deps, big.admin, { lineId: withVoicemail, serviceId: voicemail });

    // Windows-1251, `;`, numbers written in every common way, a header, bad rows, a name beside a number.
    const file = iconv.encode(
      [
        "Номер;Сотрудник",
        "+7 912 100-00-01;Заблокированный",
        "8 (912) 100-00-02;Уже на Про",
        "79121000003;С голосовой почтой",
        "9121000004;Обычный",
        "+7 (912) 100 00 05;Обычный второй",
        "8 912 100-00-04;Повтор",
        "+79120000099;Чужой",
        "+79161234567;Неизвестный",
        "+79160000001;Московский",
        "12345;Не номер",
      ].join("\r\n"),
      "win1251",
    );
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "file", fileName: "numbers.csv", bytes: file }, tariffId: data.id });
    const view = getBulkChange(deps, big.admin, bulkChangeId);
    expect(view).toMatchObject({ status: "preview", changeCount: 3, refusedCount: 7, feeBefore: rub(900 + 450 + 450), feeAfter: rub(600) * 3, source: { kind: "list", fileName: "numbers.csv", entries: 10 } });
    expect(view.refusalsByReason).toEqual({ blocked: 1, serviceNotAllowed: 1, otherCompany: 1, notFound: 1, notOffered: 1, malformed: 1, duplicate: 1 });
    const refused = listBulkChangeLines(deps, big.admin, { bulkChangeId, list: "refused" }).lines.map((l) => [l.sourceRow, l.refusal, l.refusalService?.code ?? null]);
    expect(refused).toEqual([
      [2, "blocked", null],
      [4, "serviceNotAllowed", "voicemail"],
      [7, "duplicate", null],
      [8, "otherCompany", null],
      [9, "notFound", null],
      [10, "notOffered", null],
      [11, "malformed", null],
    ]);
    // Already so: the tariff asked is the one the line has (Бизнес Про → Бизнес Про).
    const again = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: [onPro, plain, other.lineIds[0] as number, moscow.lineIds[0] as number] }, tariffId: pro.id });
    const againView = getBulkChange(deps, big.admin, again.bulkChangeId);
    expect(againView).toMatchObject({ changeCount: 1, refusedCount: 1, refusalsByReason: { alreadySo: 1 }, source: { kind: "lines", dropped: 2 } });
    const changes = listBulkChangeLines(deps, big.admin, { bulkChangeId, list: "changes" }).lines;
    expect(changes.map((l) => [l.msisdn, l.tariffBefore?.code, l.tariffAfter?.code, l.feeBefore, l.feeAfter])).toEqual([
      ["+79121000002", "biz-pro", "biz-data", rub(900), rub(600)],
      ["+79121000004", "biz-start", "biz-data", rub(450), rub(600)],
      ["+79121000005", "biz-start", "biz-data", rub(450), rub(600)],
    ]);
    expect(lineNow(deps, plain).tariff).toBe("biz-start");
    expect(lineNow(deps, plain2).tariff).toBe("biz-start");
  });

  it("switches services on and off, refusing a service the tariff does not allow and lines already so", () => {
    const { deps, big } = bulkFixture(3);
    const [a, b, c] = big.lineIds as [number, number, number];
    const voicemail = serviceOf(deps, "ural", "voicemail");
    const spam = serviceOf(deps, "ural", "spam-shield");
    const staticIp = serviceOf(deps, "ural", "static-ip");
    switchServiceOn(deps, big.admin, { lineId: a, serviceId: voicemail });
    switchServiceOn(deps, big.admin, { lineId: b, serviceId: spam });
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: [a, b, c] }, servicesOn: [spam], servicesOff: [voicemail] });
    const lines = allBulkChangeLines(deps, big.admin, bulkChangeId);
    expect(lines.map((l) => [l.msisdn, l.refusal, l.servicesBefore.map((s) => s.code), l.servicesAfter.map((s) => s.code), l.feeBefore, l.feeAfter])).toEqual([
      ["+79121000001", null, ["voicemail"], ["spam-shield"], rub(450 + 59), rub(450 + 49)],
      ["+79121000003", null, [], ["spam-shield"], rub(450), rub(450 + 49)],
      ["+79121000002", "alreadySo", ["spam-shield"], [], rub(450 + 49), null],
    ]);
    const notAllowed = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: [c] }, servicesOn: [staticIp] });
    expect(getBulkChange(deps, big.admin, notAllowed.bulkChangeId).refusalsByReason).toEqual({ serviceNotAllowed: 1 });
  });

  it("refuses a target that is not the region's, changes nothing, or asks a service on and off", () => {
    const { deps, big, moscow } = bulkFixture(1);
    const moscowTariff = deps.db.$client.prepare("select id from tariffs where region_code = 'moscow' limit 1").pluck().get() as number;
    const spam = serviceOf(deps, "ural", "spam-shield");
    const source = { kind: "lines" as const, lineIds: big.lineIds };
    expect(domainError(() => previewBulkChange(deps, big.admin, { source, tariffId: moscowTariff })).fieldErrors).toEqual({ tariffId: { code: "bulk.tariff.notOffered" } });
    expect(domainError(() => previewBulkChange(deps, big.admin, { source })).fieldErrors).toEqual({ tariffId: { code: "bulk.target.empty" } });
    expect(domainError(() => previewBulkChange(deps, big.admin, { source, servicesOn: [spam], servicesOff: [spam] })).fieldErrors).toEqual({ services: { code: "bulk.services.conflict" } });
    expect(domainError(() => previewBulkChange(deps, big.admin, { source: { kind: "numbers", text: " \n ;; " }, servicesOn: [spam] })).fieldErrors).toEqual({ numbers: { code: "bulk.numbers.none" } });
    expect(domainError(() => previewBulkChange(deps, moscow.admin, { source: { kind: "department", departmentId: 999 }, servicesOn: [] , tariffId: moscowTariff })).code).toBe("not_found");
  });
});

describe("applying a bulk change", () => {
  it("writes exactly the preview in one job, audits each line, and reports it", async () => {
    const { deps, big, pro } = bulkFixture(4);
    const spam = serviceOf(deps, "ural", "spam-shield");
    blockLine(deps, big.admin, { lineId: big.lineIds[3] as number, reason: "loss" });
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "numbers", text: "8 912 100-00-01\n+7 912 100 00 02, 79121000003; 79121000004" }, tariffId: pro.id, servicesOn: [spam] });
    const previewed = allBulkChangeLines(deps, big.admin, bulkChangeId).filter((l) => l.refusal == null);
    const { jobId, runAfter } = submitBulkChange(deps, { ...big.admin, clientAddress: "10.1.2.3" }, { bulkChangeId, effective: "now" });
    expect(runAfter).toEqual(deps.clock.now());
    expect(getBulkChange(deps, big.admin, bulkChangeId).status).toBe("queued");
    expect(await runDueJobs(deps)).toBe(1);
    expect(getJob(deps, big.admin, jobId)).toMatchObject({ status: "done", result: { changed: 3 }, progressDone: 3, progressTotal: 3 });
    for (const line of previewed) {
      const now = lineNow(deps, line.lineId as number);
      expect([now.tariff, now.services]).toEqual([line.tariffAfter?.code, line.servicesAfter.map((s) => s.code)]);
    }
    expect(lineNow(deps, big.lineIds[3] as number)).toMatchObject({ tariff: "biz-start", services: [] });
    const audits = deps.db.$client.prepare("select actor_label, client_address, before, after from audit_events where action = 'line.plan_changed' order by target_id").all() as { actor_label: string; client_address: string; before: string; after: string }[];
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actor_label: big.admin.login, client_address: "10.1.2.3" });
    expect(JSON.parse(audits[0]?.before as string)).toEqual({ msisdn: "+79121000001", tariff: "biz-start", services: [], monthlyFee: rub(450) });
    expect(JSON.parse(audits[0]?.after as string)).toEqual({ msisdn: "+79121000001", tariff: "biz-pro", services: ["spam-shield"], monthlyFee: rub(900 + 49), bulkChange: bulkChangeId });
    const view = getBulkChange(deps, big.admin, bulkChangeId);
    expect(view.status).toBe("done");
    expect(view.appliedAt).toEqual(deps.clock.now());
    expect(listBulkChanges(deps, big.admin).changes.map((c) => [c.id, c.status, c.changeCount])).toEqual([[bulkChangeId, "done", 3]]);
    // Submitted once.
    expect(domainError(() => submitBulkChange(deps, big.admin, { bulkChangeId, effective: "now" })).fieldErrors).toEqual({ bulkChange: { code: "bulk.alreadySubmitted" } });
  });

  it("changes no line when one fails mid-way, and the job is failed", async () => {
    const { deps, big, pro } = bulkFixture(5);
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    const { jobId } = submitBulkChange(deps, big.admin, { bulkChangeId, effective: "now" });
    // The fourth line's write fails inside the transaction, after three lines were written.
    deps.db.$client.exec(`create trigger fail_fourth before update of tariff_id on lines when new.id = ${big.lineIds[3]} begin select raise(abort, 'disk full'); end`);
    await runDueJobs(deps, { onError: () => {} });
    expect(getJob(deps, big.admin, jobId)).toMatchObject({ status: "failed", error: "internal" });
    for (const id of big.lineIds) expect(lineNow(deps, id)).toMatchObject({ tariff: "biz-start", version: 1 });
    expect(deps.db.$client.prepare("select count(*) from audit_events where action in ('line.plan_changed', 'bulk.applied')").pluck().get()).toBe(0);
    expect(getBulkChange(deps, big.admin, bulkChangeId)).toMatchObject({ status: "failed", appliedAt: null });
  });

  it("refuses a stale preview: when submitting, and when a line changed between submitting and running", async () => {
    const { deps, big, pro } = bulkFixture(3);
    const spam = serviceOf(deps, "ural", "spam-shield");
    const first = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    switchServiceOn(deps, big.admin, { lineId: big.lineIds[1] as number, serviceId: spam });
    expect(domainError(() => submitBulkChange(deps, big.admin, { bulkChangeId: first.bulkChangeId, effective: "now" })).fieldErrors).toEqual({
      bulkChange: { code: "bulk.stale", params: { msisdn: "+79121000002" } },
    });

    const second = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    const { jobId } = submitBulkChange(deps, big.admin, { bulkChangeId: second.bulkChangeId, effective: "now" });
    // Another administrator blocks a line before the job runs.
    blockLine(deps, big.admin, { lineId: big.lineIds[2] as number, reason: "voluntary" });
    await runDueJobs(deps);
    expect(getJob(deps, big.admin, jobId)).toMatchObject({ status: "failed", error: "conflict" });
    expect(getBulkChange(deps, big.admin, second.bulkChangeId)).toMatchObject({ status: "failed", refusal: { reason: "stale", msisdn: "+79121000003" } });
    for (const id of big.lineIds) expect(lineNow(deps, id).tariff).toBe("biz-start");
  });

  it.each([
    // 30 November 20:00 in Moscow (UTC+3) is still November: from 1 December 00:00 Moscow time.
    ["moscow", "2026-11-30T17:00:00Z", "2026-11-30T21:00:00Z"],
    // The same instant is 1 December 03:00 in Vladivostok (UTC+10): from 1 January.
    ["fareast", "2026-11-30T17:00:00Z", "2026-12-31T14:00:00Z"],
  ])("schedules from the next billing month in the region's time zone (%s) and carries it out at that moment", async (region, now, expected) => {
    const fixture = bulkFixture(1);
    const { deps } = fixture;
    const company = region === "moscow" ? fixture.moscow : fixture.fareast;
    const target = deps.db.$client.prepare("select id from tariffs where region_code = ? and code = 'biz-pro'").pluck().get(region) as number;
    deps.clock.set(new Date(now));
    const { bulkChangeId } = previewBulkChange(deps, company.admin, { source: { kind: "lines", lineIds: company.lineIds }, tariffId: target });
    const { runAfter } = submitBulkChange(deps, company.admin, { bulkChangeId, effective: "next_month" });
    expect(runAfter.toISOString()).toBe(new Date(expected).toISOString());
    expect(getBulkChange(deps, company.admin, bulkChangeId)).toMatchObject({ status: "scheduled", effective: "next_month" });
    deps.clock.set(new Date(runAfter.getTime() - 1));
    expect(await runDueJobs(deps)).toBe(0);
    expect(lineNow(deps, company.lineIds[0] as number).tariff).toBe("biz-start");
    deps.clock.set(runAfter);
    expect(await runDueJobs(deps)).toBe(1);
    expect(lineNow(deps, company.lineIds[0] as number).tariff).toBe("biz-pro");
    expect(getBulkChange(deps, company.admin, bulkChangeId)).toMatchObject({ status: "done", appliedAt: runAfter });
  });

  it("cancels a scheduled change until it takes effect, and not after", async () => {
    const { deps, big, pro } = bulkFixture(2);
    const scheduled = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    const { runAfter, jobId } = submitBulkChange(deps, big.admin, { bulkChangeId: scheduled.bulkChangeId, effective: "next_month" });
    cancelBulkChange(deps, big.admin, { bulkChangeId: scheduled.bulkChangeId });
    expect(getJob(deps, big.admin, jobId).status).toBe("cancelled");
    deps.clock.set(new Date(runAfter.getTime() + 60_000));
    expect(await runDueJobs(deps)).toBe(0);
    for (const id of big.lineIds) expect(lineNow(deps, id).tariff).toBe("biz-start");
    expect(deps.db.$client.prepare("select count(*) from audit_events where action = 'bulk.cancelled'").pluck().get()).toBe(1);

    const now = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    submitBulkChange(deps, big.admin, { bulkChangeId: now.bulkChangeId, effective: "now" });
    await runDueJobs(deps);
    expect(domainError(() => cancelBulkChange(deps, big.admin, { bulkChangeId: now.bulkChangeId })).fieldErrors).toEqual({ bulkChange: { code: "bulk.cannotCancel" } });
  });

  it("carries out a scheduled change after a restart that missed its moment, and after a worker died mid-way", async () => {
    const { deps, big, pro } = bulkFixture(2);
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    const { runAfter, jobId } = submitBulkChange(deps, big.admin, { bulkChangeId, effective: "next_month" });
    // The server was down from before the moment until three days after it.
    deps.clock.set(new Date(runAfter.getTime() + 3 * 86_400_000));
    // A worker claimed it and died (its lease ran out): recovered and run again.
    deps.db.$client.prepare("update jobs set status = 'running', attempts = 1, lease_owner = 'dead', lease_until = ? where id = ?").run(deps.clock.now().getTime() - 1, jobId);
    expect(recoverAbandonedJobs(deps)).toEqual({ retried: 1, failed: 0 });
    expect(await runDueJobs(deps)).toBe(1);
    expect(getJob(deps, big.admin, jobId)).toMatchObject({ status: "done", attempts: 2 });
    for (const id of big.lineIds) expect(lineNow(deps, id).tariff).toBe("biz-pro");
    expect(JOB_LEASE_MS).toBeGreaterThan(0);
  });
});

describe("tenancy", () => {
  it("shows, submits and cancels only the company's own bulk changes, and never touches another company's lines", async () => {
    const { deps, big, ural, pro } = bulkFixture(2);
    const { bulkChangeId } = previewBulkChange(deps, big.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id });
    for (const work of [
      () => getBulkChange(deps, ural.admin, bulkChangeId),
      () => listBulkChangeLines(deps, ural.admin, { bulkChangeId, list: "changes" }),
      () => submitBulkChange(deps, ural.admin, { bulkChangeId, effective: "now" }),
      () => cancelBulkChange(deps, ural.admin, { bulkChangeId }),
    ]) {
      expect(domainError(work).code).toBe("not_found");
    }
    expect(listBulkChanges(deps, ural.admin).total).toBe(0);
    // Only another company's ids: nothing to preview, and nothing is stored.
    expect(domainError(() => previewBulkChange(deps, ural.admin, { source: { kind: "lines", lineIds: big.lineIds }, tariffId: pro.id })).fieldErrors).toEqual({ lineId: { code: "bulk.lines.noneFound" } });
    expect(deps.db.$client.prepare("select count(*) from bulk_changes where company_id = ?").pluck().get(ural.companyId)).toBe(0);
    // Another company's line ids are dropped; its numbers are refused as "another company's".
    const mixed = previewBulkChange(deps, ural.admin, { source: { kind: "lines", lineIds: [...big.lineIds, ...ural.lineIds] }, tariffId: pro.id });
    expect(getBulkChange(deps, ural.admin, mixed.bulkChangeId)).toMatchObject({ changeCount: 2, source: { kind: "lines", dropped: 2 } });
    const byNumber = previewBulkChange(deps, ural.admin, { source: { kind: "numbers", text: "+79121000001" }, tariffId: pro.id });
    expect(getBulkChange(deps, ural.admin, byNumber.bulkChangeId).refusalsByReason).toEqual({ otherCompany: 1 });
    // A department of another company is not found.
    const department = deps.db.$client.prepare("insert into departments (company_id, name, name_folded, created_at) values (?, 'Склад', 'склад', 0) returning id").pluck().get(big.companyId) as number;
    expect(domainError(() => previewBulkChange(deps, ural.admin, { source: { kind: "department", departmentId: department }, tariffId: pro.id })).code).toBe("not_found");
    submitBulkChange(deps, ural.admin, { bulkChangeId: mixed.bulkChangeId, effective: "now" });
    await runDueJobs(deps);
    for (const id of big.lineIds) expect(lineNow(deps, id).tariff).toBe("biz-start");
  });
});

describe("one line's tariff from its page", () => {
  it("goes by the same rules: refused when blocked, already on it, or a service not allowed; audited otherwise", () => {
    const { deps, big, pro, data, start } = bulkFixture(2);
    const [a, b] = big.lineIds as [number, number];
    expect(changeLineTariff(deps, big.admin, { lineId: a, tariffId: pro.id, expectedVersion: 1 })).toEqual({ version: 2 });
    expect(lineNow(deps, a)).toMatchObject({ tariff: "biz-pro", version: 2 });
    expect(domainError(() => changeLineTariff(deps, big.admin, { lineId: a, tariffId: pro.id })).fieldErrors).toEqual({ tariffId: { code: "bulk.refusal.alreadySo", params: {} } });
    expect(domainError(() => changeLineTariff(deps, big.admin, { lineId: a, tariffId: start.id, expectedVersion: 1 })).code).toBe("conflict");
    switchServiceOn(deps, big.admin, { lineId: b, serviceId: serviceOf(deps, "ural", "voicemail") });
    expect(domainError(() => changeLineTariff(deps, big.admin, { lineId: b, tariffId: data.id })).fieldErrors).toEqual({ tariffId: { code: "bulk.refusal.serviceNotAllowed", params: { service: "voicemail" } } });
    blockLine(deps, big.admin, { lineId: b, reason: "voluntary" });
    expect(domainError(() => changeLineTariff(deps, big.admin, { lineId: b, tariffId: pro.id })).fieldErrors).toEqual({ tariffId: { code: "bulk.refusal.blocked", params: {} } });
    expect(deps.db.$client.prepare("select count(*) from audit_events where action = 'line.plan_changed'").pluck().get()).toBe(1);
  });
});
