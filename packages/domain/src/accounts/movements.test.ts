import { describe, expect, it } from "vitest";
import { switchServiceOn } from "../lines/line-services.ts";
import { tariffOf, usageFixture } from "../usage/usage-test-fixtures.ts";
import { balanceDiscrepancies, chargeMonthlyFees, getCompanyBalance, listCompanyMovements, recordPayment } from "./movements.ts";

describe("account movements", () => {
  it("charge each month's fees once (the tariffs of the live lines and their services), take payments once, and keep the balance their sum", () => {
    const { deps, ural, other } = usageFixture();
    const fee = tariffOf(deps, "ural", "biz-start").monthlyFee;
    const voicemail = deps.db.$client.prepare("select id, monthly_fee from services where region_code = 'ural' and code = 'voicemail'").get() as { id: number; monthly_fee: number };
    deps.clock.set(new Date("2026-10-20T00:00:00Z"));
    switchServiceOn(deps, ural.admin, { lineId: ural.lineIds[0] as number, serviceId: voicemail.id });
    deps.clock.set(new Date("2026-11-25T09:00:00Z"));

    expect(chargeMonthlyFees(deps, { regionCode: "ural", month: 202611 }).accountsCharged).toBe(2);
    expect(chargeMonthlyFees(deps, { regionCode: "ural", month: 202611 }).accountsCharged).toBe(0);
    expect(recordPayment(deps, { accountId: ural.accountId, amount: 500_000, receivedAt: new Date("2026-11-05T06:00:00Z"), reference: "п/п 17" })).toBe(true);
    expect(recordPayment(deps, { accountId: ural.accountId, amount: 500_000, receivedAt: new Date("2026-11-05T06:00:00Z"), reference: "п/п 17" })).toBe(false);

    const november = { from: new Date("2026-10-31T19:00:00Z"), to: new Date("2026-11-30T19:00:00Z") };
    const movements = listCompanyMovements(deps, ural.admin, november);
    expect(movements.map((m) => [m.kind, m.amount])).toEqual([
      ["payment", 500_000],
      ["service_fee", -voicemail.monthly_fee],
      ["monthly_fee", -2 * fee],
    ]);
    expect(listCompanyMovements(deps, ural.admin, { ...november, kinds: ["payment"] })).toHaveLength(1);
    expect(getCompanyBalance(deps, ural.admin).balance).toBe(500_000 - voicemail.monthly_fee - 2 * fee);
    expect(getCompanyBalance(deps, other.admin).balance).toBe(-fee);
    expect(balanceDiscrepancies(deps.db)).toEqual([]);
  });
});
