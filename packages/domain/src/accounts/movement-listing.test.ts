import { describe, expect, it } from "vitest";
import { usageFixture } from "../usage/usage-test-fixtures.ts";
import { exportMovementsCsv, listMovementPage } from "./movement-listing.ts";
import { chargeMonthlyFees, recordPayment } from "./movements.ts";

const kindNames = { payment: "Платёж", adjustment: "Корректировка", monthly_fee: "Абонентская плата", service_fee: "Услуги", usage: "Связь" };

describe("the movements page", () => {
  it("lists a period of the region's calendar by kind, paged, and exports it for Excel", () => {
    const { deps, ural, other } = usageFixture();
    deps.clock.set(new Date("2026-11-25T09:00:00Z"));
    chargeMonthlyFees(deps, { regionCode: "ural", month: 202611 });
    // 30 November 20:00 UTC is already 1 December in Yekaterinburg: outside November.
    recordPayment(deps, { accountId: ural.accountId, amount: 123_450, receivedAt: new Date("2026-11-05T06:00:00Z"), reference: "п/п 17; срочно" });
    recordPayment(deps, { accountId: ural.accountId, amount: 100, receivedAt: new Date("2026-11-30T20:00:00Z"), reference: "п/п 18" });

    const november = { fromDay: 20261101, toDay: 20261130 };
    const all = listMovementPage(deps, ural.admin, november);
    expect(all.movements.map((m) => m.kind)).toEqual(["payment", "monthly_fee"]);
    expect(all).toMatchObject({ total: 2, incoming: 123_450, page: 1, pageCount: 1 });
    expect(listMovementPage(deps, ural.admin, { ...november, kind: "charge" }).movements.map((m) => m.kind)).toEqual(["monthly_fee"]);
    expect(listMovementPage(deps, ural.admin, { fromDay: 20261201, toDay: 20261201 }).total).toBe(1);
    expect(listMovementPage(deps, other.admin, { ...november, kind: "payment" }).total).toBe(0);

    const { bytes } = exportMovementsCsv(deps, ural.admin, { ...november, kind: "payment" }, kindNames);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").slice(1).split("\r\n")).toEqual(["Дата;Лицевой счёт;Вид;Сумма, ₽;Описание", '05.11.2026;500000001;Платёж;1234,50;"Платёж п/п 17; срочно"', ""]);
  });
});
