import { describe, expect, it } from "vitest";
import { listMovementPage } from "../accounts/movement-listing.ts";
import { balanceDiscrepancies } from "../accounts/movements.ts";
import { DomainError } from "../errors.ts";
import { createDepartment } from "../lines/departments.ts";
import { lineStatusOf } from "../lines/line-status.ts";
import { rateUsageEvents, type UsageEventInput } from "../usage/rate-usage-events.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { periodicTasks } from "../jobs/job-handlers.ts";
import { runPeriodicTasks } from "../jobs/job-runner.ts";
import { runDueLimitChanges } from "./limit-month-change.ts";
import { giveAdministratorEmail, roamingCall } from "./limit-test-fixtures.ts";
import { getLimitsOverview, getLineLimit, listLimitLines, projectLimitReach } from "./limit-views.ts";
import {
  removeCompanyDefaultLimit,
  removeDepartmentLimit,
  removeLineLimit,
  setCompanyDefaultLimit,
  setCompanyWarningPercent,
  setDepartmentLimit,
  setLineLimit,
  setLineLimits,
  setSelectionLimit,
} from "./set-limits.ts";

// Ural, «Бизнес Старт»: an outgoing roaming minute costs 59 ₽ (5,900 kopecks) from the first minute.
const MINUTE = 5_900;
const LINE = "+79120000001";
const SECOND_LINE = "+79120000002";

function fixture() {
  const f = usageFixture();
  giveAdministratorEmail(f.deps.db, f.ural.admin, "admin@uraltest.example", "500000001");
  giveAdministratorEmail(f.deps.db, f.moscow.admin, "admin@moscow.example", "500000003");
  giveAdministratorEmail(f.deps.db, f.fareast.admin, "admin@vostok.example", "500000004");
  return { ...f, lineId: f.ural.lineIds[0] as number, secondLineId: f.ural.lineIds[1] as number };
}
type Fixture = ReturnType<typeof fixture>;

const sql = (f: Fixture) => f.deps.db.$client;
const statusOf = (f: Fixture, lineId: number) => lineStatusOf(sql(f).prepare("select block_mask from lines where id = ?").pluck().get(lineId) as number);
const eventsOf = (f: Fixture, lineId: number) =>
  sql(f).prepare("select kind, roaming, charge, employee_charge as employee, refused from usage_events where line_id = ? order by id").all(lineId) as {
    kind: string;
    roaming: number;
    charge: number;
    employee: number;
    refused: number;
  }[];
const monthOf = (f: Fixture, lineId: number, month = 202611) =>
  sql(f).prepare("select * from line_usage_months where line_id = ? and billing_month = ?").get(lineId, month) as Record<string, number | null>;
const mails = (f: Fixture) =>
  sql(f).prepare("select recipient, subject, text from outbox_messages where channel = 'email' and topic like 'limits:%' order by id").all() as {
    recipient: string;
    subject: string;
    text: string;
  }[];
const smses = (f: Fixture) => sql(f).prepare("select recipient, text from outbox_messages where channel = 'sms' and topic like 'limits:%' order by id").all() as { recipient: string; text: string }[];
const rate = (f: Fixture, events: UsageEventInput[]) => rateUsageEvents(f.deps, events);

describe("a `block` limit, enforced where the charge is recorded", () => {
  it("blocks on the event that reaches the limit, not the one before; refuses paid outgoing usage after it, lets incoming and free usage go on", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 20_000, policy: "block" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(LINE, "2026-11-24T05:10:00Z"), roamingCall(LINE, "2026-11-24T05:20:00Z")]);
    expect(monthOf(f, f.lineId)).toMatchObject({ total_charge: 3 * MINUTE, limit_reached_at: null });
    expect(statusOf(f, f.lineId)).toBe("active");

    // 177 ₽ + 59 ₽ = 236 ₽ ≥ 200 ₽: this event is allowed and charged in full, and blocks.
    const crossing = rate(f, [roamingCall(LINE, "2026-11-24T05:30:00Z")]);
    expect(crossing).toMatchObject({ rated: 1, charged: MINUTE, limitRefused: 0 });
    expect(statusOf(f, f.lineId)).toBe("blocked_limit");
    expect(monthOf(f, f.lineId)).toMatchObject({ total_charge: 4 * MINUTE, limit_reached_at: Date.parse("2026-11-24T05:30:00Z") });

    const after = rate(f, [
      roamingCall(LINE, "2026-11-24T06:00:00Z"), // paid outgoing: refused
      { eventId: "sms-out", msisdn: LINE, startedAt: Date.parse("2026-11-24T06:01:00Z"), kind: "sms_out", roaming: true }, // paid: refused
      { eventId: "data", msisdn: LINE, startedAt: Date.parse("2026-11-24T06:02:00Z"), kind: "data", roaming: true, volumeBytes: 2048 }, // paid: refused
      roamingCall(LINE, "2026-11-24T06:03:00Z", 1, { kind: "call_in" }), // incoming in roaming: charged, not refusable
      { eventId: "sms-in", msisdn: LINE, startedAt: Date.parse("2026-11-24T06:04:00Z"), kind: "sms_in", roaming: false }, // free
      roamingCall(LINE, "2026-11-24T06:05:00Z", 2, { roaming: false }), // home minutes within the allowance: free
    ]);
    expect(after).toMatchObject({ rated: 6, duplicates: 0, limitRefused: 3, charged: MINUTE });
    expect(eventsOf(f, f.lineId).slice(4).map((e) => [e.kind, e.charge, e.refused])).toEqual([
      ["call_out", 0, 1],
      ["sms_out", 0, 1],
      ["data", 0, 1],
      ["call_in", MINUTE, 0],
      ["sms_in", 0, 0],
      ["call_out", 0, 0],
    ]);
    // The refused events drew on nothing and cost nothing; the balance holds exactly what was charged.
    expect(monthOf(f, f.lineId)).toMatchObject({ total_charge: 5 * MINUTE, refused_events: 3, roaming_minutes: 5, roaming_sms: 0, minutes_used: 2 });
    expect(sql(f).prepare("select balance from accounts where id = ?").pluck().get(f.ural.accountId)).toBe(-5 * MINUTE);
    expect(balanceDiscrepancies(f.deps.db)).toEqual([]);
    // The other line of the company is untouched.
    expect(rate(f, [roamingCall(SECOND_LINE, "2026-11-24T06:10:00Z")])).toMatchObject({ charged: MINUTE, limitRefused: 0 });
  });

  it("decides a batch event by event: within one batch the crossing event blocks and the next ones are refused", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 10_000, policy: "block" } });
    const outcome = rate(f, [1, 2, 3, 4].map((m) => roamingCall(LINE, `2026-11-24T05:0${m}:00Z`)));
    expect(outcome).toMatchObject({ rated: 4, charged: 2 * MINUTE, limitRefused: 2 });
    expect(eventsOf(f, f.lineId).map((e) => e.refused)).toEqual([0, 0, 1, 1]);
    // The same events again: duplicates, nothing counted twice, still refused as they were.
    expect(rate(f, [])).toMatchObject({ rated: 0 });
  });

  it("does not block the line now for a late event of a month already over; that month's later paid events are refused", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 10_000, policy: "block" } });
    f.deps.clock.set(new Date("2026-12-01T05:00:00Z")); // 10:00 on 1 December in Yekaterinburg
    const outcome = rate(f, [roamingCall(LINE, "2026-11-30T10:00:00Z"), roamingCall(LINE, "2026-11-30T10:10:00Z"), roamingCall(LINE, "2026-11-30T10:20:00Z")]);
    expect(outcome).toMatchObject({ charged: 2 * MINUTE, limitRefused: 1 });
    expect(statusOf(f, f.lineId)).toBe("active");
    expect(mails(f)).toEqual([]);
    expect(rate(f, [roamingCall(LINE, "2026-12-01T04:00:00Z")])).toMatchObject({ charged: MINUTE, limitRefused: 0 });
  });
});

describe("a `split` limit", () => {
  it("divides the crossing event between company and employee to the kopeck and lets the employee pay for the rest of the month", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 10_000, policy: "split" } });
    const outcome = rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(LINE, "2026-11-24T05:10:00Z"), roamingCall(LINE, "2026-11-24T05:20:00Z")]);
    expect(outcome).toMatchObject({ rated: 3, charged: 3 * MINUTE, limitRefused: 0 });
    // 59 ₽ company; then 41 ₽ company + 18 ₽ employee; then 59 ₽ employee.
    expect(eventsOf(f, f.lineId).map((e) => [e.charge, e.employee])).toEqual([
      [MINUTE, 0],
      [MINUTE, 1_800],
      [MINUTE, MINUTE],
    ]);
    expect(monthOf(f, f.lineId)).toMatchObject({ total_charge: 17_700, employee_charge: 7_700 });
    // The company's account pays exactly the limit; the employee's part is shown beside it.
    const movement = sql(f).prepare("select amount, employee_amount from account_movements where account_id = ? and kind = 'usage'").get(f.ural.accountId);
    expect(movement).toEqual({ amount: -10_000, employee_amount: 7_700 });
    expect(sql(f).prepare("select balance from accounts where id = ?").pluck().get(f.ural.accountId)).toBe(-10_000);
    expect(balanceDiscrepancies(f.deps.db)).toEqual([]);
    // The movements page and its CSV name the employees' part apart from the company's amount.
    expect(listMovementPage(f.deps, f.ural.admin, {}).movements).toEqual([
      expect.objectContaining({ kind: "usage", amount: -10_000, employeeAmount: 7_700, description: "Услуги связи за 24.11.2026 (сверх лимитов, за счёт сотрудников: 77,00 ₽)" }),
    ]);
    const view = getLineLimit(f.deps, f.ural.admin, f.lineId);
    expect(view).toMatchObject({ spent: { total: 17_700, company: 10_000, employee: 7_700 }, share: 1, standing: "reached", blockedByLimit: false });
    expect(mails(f).map((m) => m.subject)).toEqual(["Лимит расходов достигнут — номер (ООО «Уралтест»)"]);
    expect(mails(f)[0]?.text).toContain("Расходы сверх лимита оплачивает сотрудник.");
  });

  it("pays the company again up to a raised limit", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 10_000, policy: "split" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(LINE, "2026-11-24T05:10:00Z")]);
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 15_000, policy: "split" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:20:00Z")]);
    // Company had 10,000; 5,000 more fit under the raised limit, 900 are the employee's.
    expect(eventsOf(f, f.lineId).map((e) => e.employee)).toEqual([0, 1_800, 900]);
    expect(getLineLimit(f.deps, f.ural.admin, f.lineId).spent).toEqual({ total: 17_700, company: 15_000, employee: 2_700 });
  });
});

describe("notices", () => {
  it("sends the warning and the block once per threshold per line per month, to the administrators and by SMS to the employee in the line's language", () => {
    const f = fixture();
    sql(f).prepare("update lines set employee_locale = 'en', employee_name = 'Ivanov Ivan' where id = ?").run(f.lineId);
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 20_000, policy: "block", notifyEmployee: true } });
    const events = [1, 2, 3, 4, 5].map((m) => roamingCall(LINE, `2026-11-24T05:0${m}:00Z`));
    rate(f, events.slice(0, 2)); // 118 ₽
    expect(mails(f)).toEqual([]);
    rate(f, events.slice(2, 3)); // 177 ₽ ≥ 80 % of 200 ₽
    rate(f, events.slice(3)); // 236 ₽: blocked; then refused
    // The same events again (a retry after a crash), and more refused events: nothing more is sent.
    rate(f, events);
    rate(f, [roamingCall(LINE, "2026-11-24T07:00:00Z")]);
    expect(mails(f).map((m) => [m.recipient, m.subject])).toEqual([
      ["admin@uraltest.example", "Лимит расходов: предупреждение — номер (ООО «Уралтест»)"],
      ["admin@uraltest.example", "Лимит расходов: номер заблокирован (ООО «Уралтест»)"],
    ]);
    expect(mails(f)[0]?.text).toContain("+7 912 000-00-01");
    expect(mails(f)[0]?.text).toContain("Ivanov Ivan");
    expect(mails(f)[0]?.text).toContain("177,00");
    expect(smses(f)).toEqual([
      { recipient: LINE, text: "Number +7 912 000-00-01: this month's spending is 177,00 ₽ of the 200,00 ₽ limit." },
      {
        recipient: LINE,
        text: "Number +7 912 000-00-01: the monthly spending limit of 200,00 ₽ has been reached; paid outgoing calls, SMS and data are off until the new month. Incoming calls work.",
      },
    ]);
    expect(sql(f).prepare("select kind, limit_amount from limit_notices order by kind").raw().all()).toEqual([
      ["blocked", 20_000],
      ["warning", 20_000],
    ]);
  });

  it("sends only the limit's notice when one event jumps past the warning and the limit at once; `notify` only notices", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 5_000, policy: "notify" } });
    const outcome = rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(LINE, "2026-11-24T05:10:00Z")]);
    expect(outcome).toMatchObject({ charged: 2 * MINUTE, limitRefused: 0 });
    expect(statusOf(f, f.lineId)).toBe("active");
    expect(mails(f).map((m) => m.subject)).toEqual(["Лимит расходов достигнут — номер (ООО «Уралтест»)"]);
    expect(smses(f)).toEqual([]);
  });

  it("lists every line of one batch that crossed in one e-mail per kind", () => {
    const f = fixture();
    setCompanyDefaultLimit(f.deps, f.ural.admin, { limit: { amount: 5_000, policy: "block" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(SECOND_LINE, "2026-11-24T05:00:00Z")]);
    expect(mails(f).map((m) => m.subject)).toEqual(["Лимит расходов: заблокировано номеров: 2 (ООО «Уралтест»)"]);
    expect(mails(f)[0]?.text).toContain("+7 912 000-00-02");
  });

  it("writes to an English-speaking administrator in English", () => {
    const f = fixture();
    sql(f).prepare("update users set locale = 'en' where id = ?").run(f.ural.admin.userId);
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 5_000, policy: "block" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z")]);
    expect(mails(f).map((m) => m.subject)).toEqual(["Spending limit: a number was blocked (ООО «Уралтест»)"]);
  });
});

describe("changing a limit re-evaluates the line at once", () => {
  it("unblocks on raise and on removal, blocks at once when lowered to the spending, and audits each change with before and after", () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 10_000, policy: "block" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(LINE, "2026-11-24T05:10:00Z")]);
    expect(statusOf(f, f.lineId)).toBe("blocked_limit");

    expect(setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 50_000, policy: "block" } })).toEqual({ lines: 1, dropped: 0, blocked: 0, unblocked: 1 });
    expect(statusOf(f, f.lineId)).toBe("active");
    expect(monthOf(f, f.lineId).limit_reached_at).toBeNull();
    expect(rate(f, [roamingCall(LINE, "2026-11-24T06:00:00Z")])).toMatchObject({ charged: MINUTE, limitRefused: 0 });

    // Lowered to 150 ₽ with 177 ₽ spent: blocked at once.
    expect(setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 15_000, policy: "block" } })).toMatchObject({ blocked: 1, unblocked: 0 });
    expect(statusOf(f, f.lineId)).toBe("blocked_limit");
    // `notify` instead of `block`: unblocked.
    expect(setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 15_000, policy: "notify" } })).toMatchObject({ unblocked: 1 });
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 15_000, policy: "block" } });
    expect(removeLineLimit(f.deps, f.ural.admin, { lineId: f.lineId })).toMatchObject({ unblocked: 1 });
    expect(statusOf(f, f.lineId)).toBe("active");

    // Blocked at 100 ₽, unblocked at 500 ₽, blocked at 150 ₽, unblocked (notify) at 150 ₽; blocked at
    // 150 ₽ again: that threshold's notice of this month went out already; unblocked by the removal.
    expect(mails(f).map((m) => m.subject)).toEqual([
      "Лимит расходов: номер заблокирован (ООО «Уралтест»)",
      "Лимит расходов: номер разблокирован (ООО «Уралтест»)",
      "Лимит расходов: номер заблокирован (ООО «Уралтест»)",
      "Лимит расходов: номер разблокирован (ООО «Уралтест»)",
      "Лимит расходов: номер разблокирован (ООО «Уралтест»)",
    ]);
    const audit = sql(f).prepare("select action, target_type, target_id, before, after from audit_events where action like 'limit.%' order by id").all() as {
      action: string;
      before: string;
      after: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(["limit.set", "limit.set", "limit.set", "limit.set", "limit.set", "limit.removed"]);
    expect(JSON.parse(audit[1]?.before ?? "")).toEqual({ msisdn: LINE, limit: { amount: 10_000, policy: "block", warningPercent: null, notifyEmployee: false, until: null } });
    expect(JSON.parse(audit[1]?.after ?? "")).toEqual({ msisdn: LINE, limit: { amount: 50_000, policy: "block", warningPercent: null, notifyEmployee: false, until: null } });
    expect(JSON.parse(audit[5]?.after ?? "")).toEqual({ msisdn: LINE, limit: null });
  });

  it("refuses an invalid limit with field errors, and audits nothing when nothing changes", () => {
    const f = fixture();
    const attempt = (limit: Parameters<typeof setLineLimit>[2]["limit"]) => {
      try {
        setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit });
        return null;
      } catch (error) {
        return error instanceof DomainError ? error.fieldErrors : error;
      }
    };
    expect(attempt({ amount: 0, policy: "block" })).toEqual({ amount: { code: "limits.amount.range" } });
    expect(attempt({ amount: 100.5, policy: "block" })).toEqual({ amount: { code: "limits.amount.range" } });
    expect(attempt({ amount: 100, policy: "stop" as "block" })).toEqual({ policy: { code: "limits.policy.unknown" } });
    expect(attempt({ amount: 100, policy: "block", warningPercent: 100 })).toEqual({ warningPercent: { code: "limits.warning.range" } });
    expect(attempt({ amount: 100, policy: "block", until: "2026-11-24" })).toEqual({ until: { code: "limits.until.past" } });
    expect(attempt({ amount: 100, policy: "block", until: "2026-02-30" })).toEqual({ until: { code: "limits.until.format" } });
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 100, policy: "block" } });
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 100, policy: "block" } });
    expect(sql(f).prepare("select count(*) from audit_events where action like 'limit.%'").pluck().get()).toBe(1);
  });
});

describe("inheritance", () => {
  it("takes the line's own limit, else its department's, else the company's default, and says where it comes from", () => {
    const f = fixture();
    const { id: departmentId } = createDepartment(f.deps, f.ural.admin, { name: "Продажи" });
    sql(f).prepare("update lines set department_id = ? where id = ?").run(departmentId, f.lineId);
    setCompanyDefaultLimit(f.deps, f.ural.admin, { limit: { amount: 300_000, policy: "notify" } });
    setDepartmentLimit(f.deps, f.ural.admin, { departmentId, limit: { amount: 200_000, policy: "split", warningPercent: 90 } });
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 100_000, policy: "block" } });
    setCompanyWarningPercent(f.deps, f.ural.admin, { warningPercent: 70 });
    const source = (lineId: number) => {
      const view = getLineLimit(f.deps, f.ural.admin, lineId);
      return [view.source, view.limit?.amount ?? null, view.limit?.policy ?? null, view.limit?.warningPercent ?? null];
    };
    expect(source(f.lineId)).toEqual(["line", 100_000, "block", 70]);
    expect(getLineLimit(f.deps, f.ural.admin, f.lineId).inherited).toMatchObject({ source: "department", amount: 200_000, warningPercent: 90 });
    expect(source(f.secondLineId)).toEqual(["company", 300_000, "notify", 70]);
    // Setting the default limit again keeps the company's warning percent.
    setCompanyDefaultLimit(f.deps, f.ural.admin, { limit: { amount: 250_000, policy: "notify" } });
    expect(source(f.secondLineId)).toEqual(["company", 250_000, "notify", 70]);
    setCompanyDefaultLimit(f.deps, f.ural.admin, { limit: { amount: 300_000, policy: "notify" } });
    removeLineLimit(f.deps, f.ural.admin, { lineId: f.lineId });
    expect(source(f.lineId)).toEqual(["department", 200_000, "split", 90]);
    removeDepartmentLimit(f.deps, f.ural.admin, { departmentId });
    expect(source(f.lineId)).toEqual(["company", 300_000, "notify", 70]);
    removeCompanyDefaultLimit(f.deps, f.ural.admin);
    expect(source(f.lineId)).toEqual(["none", null, null, null]);
    // The company's warning percent outlives its default limit.
    expect(getLimitsOverview(f.deps, f.ural.admin)).toMatchObject({ warningPercent: 70, companyDefault: { amount: null, warningPercent: 70 } });
  });

  it("ends a temporary limit after its last day in the region: the line takes what it inherits, enforced at once", async () => {
    const f = fixture();
    const { id: departmentId } = createDepartment(f.deps, f.ural.admin, { name: "Продажи" });
    sql(f).prepare("update lines set department_id = ? where id = ?").run(departmentId, f.lineId);
    setDepartmentLimit(f.deps, f.ural.admin, { departmentId, limit: { amount: 10_000, policy: "block" } });
    // A business trip: 5,000 ₽ through 27 November.
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 500_000, policy: "block", until: "2026-11-27" } });
    expect(getLineLimit(f.deps, f.ural.admin, f.lineId)).toMatchObject({ source: "line", limit: { until: "2026-11-27", endsAt: new Date("2026-11-27T19:00:00Z") } });
    rate(f, [roamingCall(LINE, "2026-11-25T05:00:00Z", 3)]);
    expect(statusOf(f, f.lineId)).toBe("active");

    f.deps.clock.set(new Date("2026-11-27T18:59:00Z")); // 23:59 on the 27th in Yekaterinburg
    expect((await runDueLimitChanges(f.deps)).expired).toBe(0);
    f.deps.clock.set(new Date("2026-11-27T19:00:30Z"));
    // Before the task runs, rating already takes the department's limit.
    expect(rate(f, [roamingCall(LINE, "2026-11-27T19:00:10Z")])).toMatchObject({ limitRefused: 1 });
    const changes = await runDueLimitChanges(f.deps);
    expect(changes).toMatchObject({ expired: 1, blocked: 1 });
    expect(statusOf(f, f.lineId)).toBe("blocked_limit");
    expect(getLineLimit(f.deps, f.ural.admin, f.lineId)).toMatchObject({ source: "department", own: null });
    expect(sql(f).prepare("select actor_label, action, target_type from audit_events where action = 'limit.expired'").all()).toEqual([
      { actor_label: "system", action: "limit.expired", target_type: "line" },
    ]);
    expect((await runDueLimitChanges(f.deps)).expired).toBe(0);
  });

  it("sets a limit for a department, for the selected lines and for a filter of the lines list, and sums them per department", () => {
    const f = fixture();
    const { id: departmentId } = createDepartment(f.deps, f.ural.admin, { name: "Склад" });
    sql(f).prepare("update lines set department_id = ? where id = ?").run(departmentId, f.secondLineId);
    expect(setDepartmentLimit(f.deps, f.ural.admin, { departmentId, limit: { amount: 10_000, policy: "notify" } })).toMatchObject({ lines: 1 });
    expect(setSelectionLimit(f.deps, f.ural.admin, { selection: { kind: "lines", lineIds: [f.lineId] }, limit: { amount: 20_000, policy: "block" } })).toMatchObject({
      lines: 1,
      dropped: 0,
    });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z"), roamingCall(SECOND_LINE, "2026-11-24T05:00:00Z", 2)]);
    const overview = getLimitsOverview(f.deps, f.ural.admin);
    expect(overview.counts).toEqual({ lines: 2, withLimit: 2, withoutLimit: 0, near: 0, reached: 1, blockedByLimit: 0 });
    expect(overview.departments).toEqual([
      expect.objectContaining({ name: "Склад", lines: 1, linesWithLimit: 1, limitsSum: 10_000, spent: 2 * MINUTE, limit: expect.objectContaining({ amount: 10_000 }) }),
      expect.objectContaining({ departmentId: null, lines: 1, limitsSum: 20_000, spent: MINUTE }),
    ]);
    expect(listLimitLines(f.deps, f.ural.admin, { show: "attention" }).rows.map((r) => [r.msisdn, r.standing])).toEqual([[SECOND_LINE, "reached"]]);
    expect(listLimitLines(f.deps, f.ural.admin, { show: "without" }).total).toBe(0);
    // All lines matching a filter of the lines list.
    expect(setSelectionLimit(f.deps, f.ural.admin, { selection: { kind: "filter", query: {} }, limit: { amount: 1_000_000, policy: "notify" } })).toMatchObject({ lines: 2 });
    expect(listLimitLines(f.deps, f.ural.admin, { show: "all" }).rows.map((r) => [r.source, r.limit?.amount])).toEqual([
      ["line", 1_000_000],
      ["line", 1_000_000],
    ]);
  });
});

describe("the month change", () => {
  it("unblocks at the start of each line's own month: Vladivostok hours before Moscow, once, catching up when late", async () => {
    const f = fixture();
    const vladivostok = { admin: f.fareast.admin, lineId: f.fareast.lineIds[0] as number, msisdn: "+79140000001" };
    const moscow = { admin: f.moscow.admin, lineId: f.moscow.lineIds[0] as number, msisdn: "+79160000001" };
    for (const line of [vladivostok, moscow]) {
      setLineLimit(f.deps, line.admin, { lineId: line.lineId, limit: { amount: 100, policy: "block" } });
      rate(f, [roamingCall(line.msisdn, "2026-11-24T05:00:00Z")]);
      expect(statusOf(f, line.lineId)).toBe("blocked_limit");
    }
    expect((await runDueLimitChanges(f.deps)).unblocked).toBe(0); // November claimed in every region: still reached

    f.deps.clock.set(new Date("2026-11-30T14:00:30Z")); // 00:00:30 on 1 December in Vladivostok, 17:00 in Moscow
    const first = await runDueLimitChanges(f.deps);
    expect(first.monthChanges.filter((c) => c.billingMonth === 202612).map((c) => c.regionCode)).toEqual(["fareast"]);
    expect(first.unblocked).toBe(1);
    expect([statusOf(f, vladivostok.lineId), statusOf(f, moscow.lineId)]).toEqual(["active", "blocked_limit"]);
    expect(await runDueLimitChanges(f.deps)).toMatchObject({ monthChanges: [], unblocked: 0 });
    // The counters start anew: December's first paid call is allowed (and crosses December's limit).
    expect(rate(f, [roamingCall(vladivostok.msisdn, "2026-11-30T14:00:10Z")])).toMatchObject({ limitRefused: 0 });
    expect(statusOf(f, vladivostok.lineId)).toBe("blocked_limit");

    f.deps.clock.set(new Date("2026-11-30T21:00:30Z")); // 00:00:30 on 1 December in Moscow
    expect((await runDueLimitChanges(f.deps)).unblocked).toBe(1);
    expect(statusOf(f, moscow.lineId)).toBe("active");
    expect(mails(f).filter((m) => m.subject.includes("разблокирован")).map((m) => m.recipient)).toEqual(["admin@vostok.example", "admin@moscow.example"]);
    // A year of notice keys is kept; older ones go with the month change.
    sql(f).prepare("insert into limit_notices (line_id, billing_month, kind, limit_amount, created_at) values (?, 202602, 'warning', 1, 0), (?, 202612, 'warning', 1, 0)").run(moscow.lineId, moscow.lineId);

    // A server down over a whole month change catches up at its next run.
    rate(f, [roamingCall(moscow.msisdn, "2026-12-10T05:00:00Z")].map((e) => ({ ...e, startedAt: Date.parse("2026-11-30T21:10:00Z") })));
    expect(statusOf(f, moscow.lineId)).toBe("blocked_limit");
    f.deps.clock.set(new Date("2027-01-03T08:00:00Z"));
    const late = await runDueLimitChanges(f.deps);
    expect(late.unblocked).toBe(2);
    expect([statusOf(f, vladivostok.lineId), statusOf(f, moscow.lineId)]).toEqual(["active", "active"]);
    expect(sql(f).prepare("select count(*) from limit_notices where line_id = ? and billing_month = 202602 and limit_amount = 1").pluck().get(moscow.lineId)).toBe(1);
    f.deps.clock.set(new Date("2027-11-30T21:00:30Z"));
    await runDueLimitChanges(f.deps);
    expect(sql(f).prepare("select billing_month from limit_notices where line_id = ? and limit_amount = 1").pluck().all(moscow.lineId)).toEqual([202612]);
  });
});

describe("the job runner", () => {
  it("runs the month change as one of its periodic tasks", async () => {
    const f = fixture();
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 100, policy: "block" } });
    rate(f, [roamingCall(LINE, "2026-11-24T05:00:00Z")]);
    expect(statusOf(f, f.lineId)).toBe("blocked_limit");
    f.deps.clock.set(new Date("2026-11-30T19:00:01Z")); // 1 December in Yekaterinburg
    const tasks = periodicTasks.filter((task) => task.name === "spending limits");
    expect(tasks).toHaveLength(1);
    await runPeriodicTasks(f.deps, { tasks });
    expect(statusOf(f, f.lineId)).toBe("active");
  });
});

describe("the projection and the read side", () => {
  const monthStart = Date.parse("2026-10-31T19:00:00Z"); // 1 November 00:00 in Yekaterinburg
  const monthEnd = Date.parse("2026-11-30T19:00:00Z");
  const tenDays = monthStart + 10 * 86_400_000;

  it("extends the pace so far to the limit (hand-computed)", () => {
    // 300 ₽ in 10 days → 30 ₽ a day → 870 ₽ after 29 days: 30 November 00:00 local.
    expect(projectLimitReach({ limit: 87_000, spent: 30_000, monthStart, monthEnd, now: tenDays })).toEqual(new Date("2026-11-29T19:00:00Z"));
    // 900 ₽ would take 30 days: the month's end, so not this month.
    expect(projectLimitReach({ limit: 90_000, spent: 30_000, monthStart, monthEnd, now: tenDays })).toBeNull();
    // 100 ₽ in 12 hours → 1,000 ₽ after 5 days: 6 November 00:00 local.
    expect(projectLimitReach({ limit: 100_000, spent: 10_000, monthStart, monthEnd, now: monthStart + 12 * 3_600_000 })).toEqual(new Date("2026-11-05T19:00:00Z"));
    expect(projectLimitReach({ limit: 87_000, spent: 0, monthStart, monthEnd, now: tenDays })).toBeNull();
    expect(projectLimitReach({ limit: 87_000, spent: 87_000, monthStart, monthEnd, now: tenDays })).toBeNull();
  });

  it("shows a line's share, projected date and how fresh its figures are", () => {
    const f = fixture();
    f.deps.clock.set(new Date(tenDays));
    // 5 roaming minutes = 295 ₽ in 10 days; 855,50 ₽ = 2.9 × 295 ₽ → after 29 days.
    setLineLimit(f.deps, f.ural.admin, { lineId: f.lineId, limit: { amount: 85_550, policy: "block" } });
    rate(f, [roamingCall(LINE, "2026-11-05T05:00:00Z", 5)]);
    const view = getLineLimit(f.deps, f.ural.admin, f.lineId);
    expect(view).toMatchObject({
      source: "line",
      billingMonth: 202611,
      timeZone: "Asia/Yekaterinburg",
      spent: { total: 29_500, company: 29_500, employee: 0 },
      standing: "ok",
      projectedReachAt: new Date("2026-11-29T19:00:00Z"),
      ratedUntil: new Date("2026-11-05T05:00:00Z"),
      refusedEvents: 0,
    });
    expect(view.share).toBeCloseTo(29_500 / 85_550, 10);
  });
});

describe("tenancy", () => {
  it("keeps another company's lines, departments and limits out of reach", () => {
    const f = fixture();
    const foreign = f.other.admin;
    const { id: departmentId } = createDepartment(f.deps, f.ural.admin, { name: "Продажи" });
    const code = (work: () => unknown) => {
      try {
        work();
        return "ok";
      } catch (error) {
        return error instanceof DomainError ? error.code : String(error);
      }
    };
    expect(code(() => setLineLimit(f.deps, foreign, { lineId: f.lineId, limit: { amount: 100, policy: "block" } }))).toBe("not_found");
    expect(code(() => removeLineLimit(f.deps, foreign, { lineId: f.lineId }))).toBe("not_found");
    expect(code(() => getLineLimit(f.deps, foreign, f.lineId))).toBe("not_found");
    expect(code(() => setDepartmentLimit(f.deps, foreign, { departmentId, limit: { amount: 100, policy: "block" } }))).toBe("not_found");
    expect(code(() => setLineLimits(f.deps, foreign, { items: [{ lineId: f.lineId, limit: { amount: 100, policy: "block" } }] }))).toBe("not_found");
    expect(setSelectionLimit(f.deps, foreign, { selection: { kind: "lines", lineIds: [f.lineId, f.secondLineId] }, limit: { amount: 100, policy: "block" } })).toEqual({
      lines: 0,
      dropped: 2,
      blocked: 0,
      unblocked: 0,
    });
    setCompanyDefaultLimit(f.deps, foreign, { limit: { amount: 100, policy: "block" } });
    expect(getLineLimit(f.deps, f.ural.admin, f.lineId).source).toBe("none");
    expect(listLimitLines(f.deps, foreign, { show: "all" }).rows.map((r) => r.msisdn)).toEqual(["+79120000099"]);
    expect(sql(f).prepare("select count(*) from spending_limits where company_id = ?").pluck().get(f.ural.companyId)).toBe(0);
    // Office staff and anonymous actors cannot set limits at all.
    expect(code(() => setLineLimit(f.deps, { ...f.ural.admin, role: "office_staff" }, { lineId: f.lineId, limit: { amount: 100, policy: "block" } }))).toBe("forbidden");
  });
});
