import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listCompanyAuditEvents } from "../audit/company-audit.ts";
import { getCompanyOverview } from "../cabinet/company-overview.ts";
import { lines } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { tariffOf, usageFixture } from "../usage/usage-test-fixtures.ts";
import { StaleLineError } from "./company-lines.ts";
import { createDepartment, deleteDepartment, listDepartments, renameDepartment } from "./departments.ts";
import { updateLineEmployee } from "./employees.ts";
import { blockLine, unblockLine } from "./line-blocks.ts";
import { getLineDetails } from "./line-details.ts";
import { listLineServices, switchServiceOff, switchServiceOn } from "./line-services.ts";

const notFound = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("not_found");
    return;
  }
  throw new Error("expected not found");
};

describe("blocks", () => {
  it("add up: a line lost and blocked at the company's wish is both, lifting one leaves the other, a line with none is active", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    expect(blockLine(deps, ural.admin, { lineId, reason: "voluntary" })).toMatchObject({ changed: true, blocks: ["voluntary"], status: "blocked_voluntary" });
    expect(blockLine(deps, ural.admin, { lineId, reason: "loss" })).toMatchObject({ changed: true, blocks: ["loss", "voluntary"], status: "blocked_loss" });
    expect(blockLine(deps, ural.admin, { lineId, reason: "loss" })).toMatchObject({ changed: false, blocks: ["loss", "voluntary"] });
    expect(unblockLine(deps, ural.admin, { lineId, reason: "loss" })).toMatchObject({ changed: true, blocks: ["voluntary"], status: "blocked_voluntary" });
    expect(unblockLine(deps, ural.admin, { lineId, reason: "voluntary" })).toMatchObject({ changed: true, blocks: [], status: "active" });
    expect(getCompanyOverview(deps, ural.admin).lines.find((l) => l.id === lineId)).toMatchObject({ status: "active", blocks: [] });
    const actions = listCompanyAuditEvents(deps, ural.admin).map((e) => e.action);
    expect(actions.filter((a) => a === "line.blocked")).toHaveLength(2);
    expect(actions.filter((a) => a === "line.unblocked")).toHaveLength(2);
  });

  it("cannot be lifted by an administrator when the spending limit set them", () => {
    const { deps, ural } = usageFixture();
    expect(() => unblockLine(deps, ural.admin, { lineId: ural.lineIds[0] as number, reason: "limit" as "loss" })).toThrow(DomainError);
  });

  it("count as a change of the line: a save based on the line before the block is refused", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    const seen = getLineDetails(deps, ural.admin, lineId).version;
    blockLine(deps, ural.admin, { lineId, reason: "loss" });
    expect(() => updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: seen, employeeName: "Иванов Иван Иванович", departmentId: null })).toThrow(StaleLineError);
  });
});

describe("services on a line", () => {
  it("switch on and off what the tariff allows, and refuse what it does not", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    const offered = listLineServices(deps, ural.admin, lineId);
    expect(offered.length).toBeGreaterThanOrEqual(10);
    const voicemail = offered.find((s) => s.code === "voicemail");
    if (!voicemail) throw new Error("voicemail not offered");
    expect(voicemail.on).toBe(false);
    expect(switchServiceOn(deps, ural.admin, { lineId, serviceId: voicemail.id }).changed).toBe(true);
    expect(switchServiceOn(deps, ural.admin, { lineId, serviceId: voicemail.id }).changed).toBe(false);
    expect(listLineServices(deps, ural.admin, lineId).find((s) => s.code === "voicemail")?.on).toBe(true);
    expect(switchServiceOff(deps, ural.admin, { lineId, serviceId: voicemail.id }).changed).toBe(true);

    // Telemetry SIMs cannot have call recording; and another region's service is not found.
    const iot = tariffOf(deps, "ural", "biz-iot");
    deps.db.update(lines).set({ tariffId: iot.id }).where(eq(lines.id, lineId)).run();
    const recording = deps.db.$client.prepare("select id from services where region_code = 'ural' and code = 'call-recording'").pluck().get() as number;
    expect(() => switchServiceOn(deps, ural.admin, { lineId, serviceId: recording })).toThrow(/does not allow/);
    const moscowService = deps.db.$client.prepare("select id from services where region_code = 'moscow' and code = 'locator'").pluck().get() as number;
    notFound(() => switchServiceOn(deps, ural.admin, { lineId, serviceId: moscowService }));
  });
});

describe("employees and departments", () => {
  it("refuses the second of two saves made from the same version: changed by someone else meanwhile", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    const { version } = getLineDetails(deps, ural.admin, lineId);
    const { id: sales } = createDepartment(deps, ural.admin, { name: "Продажи" });
    updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: version, employeeName: "  Петров   Пётр Петрович ", departmentId: sales });
    let stale: unknown;
    try {
      updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: version, employeeName: "Сидоров Сидор", departmentId: null });
    } catch (error) {
      stale = error;
    }
    expect(stale).toBeInstanceOf(StaleLineError);
    expect((stale as StaleLineError).currentVersion).toBe(version + 1);
    expect(getLineDetails(deps, ural.admin, lineId)).toMatchObject({ employeeName: "Петров Пётр Петрович", department: { name: "Продажи" } });
  });

  it("are the company's own list: a rename renames on every line, a duplicate name (any case, ё) is refused, another company's department is refused", () => {
    const { deps, ural, other } = usageFixture();
    const [first, second] = ural.lineIds as [number, number];
    const { id } = createDepartment(deps, ural.admin, { name: "Отдел продаж" });
    for (const lineId of [first, second]) {
      updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: getLineDetails(deps, ural.admin, lineId).version, employeeName: "Сотрудник", departmentId: id });
    }
    renameDepartment(deps, ural.admin, { departmentId: id, name: "Коммерческий отдел" });
    expect(getCompanyOverview(deps, ural.admin).lines.map((l) => l.department)).toEqual(["Коммерческий отдел", "Коммерческий отдел"]);
    expect(listDepartments(deps, ural.admin)).toEqual([{ id, name: "Коммерческий отдел", lineCount: 2 }]);
    expect(() => createDepartment(deps, ural.admin, { name: "коммерческий  ОТДЕЛ" })).toThrow(DomainError);
    const { id: foreign } = createDepartment(deps, other.admin, { name: "Склад" });
    expect(() =>
      updateLineEmployee(deps, ural.admin, { lineId: first, expectedVersion: getLineDetails(deps, ural.admin, first).version, employeeName: "X", departmentId: foreign }),
    ).toThrow(DomainError);
    notFound(() => renameDepartment(deps, ural.admin, { departmentId: foreign, name: "Мой склад" }));
    deleteDepartment(deps, ural.admin, { departmentId: id });
    expect(getCompanyOverview(deps, ural.admin).lines.map((l) => l.department)).toEqual([null, null]);
  });
});

describe("tenancy", () => {
  it("finds no line of another company, and changes nothing of it", () => {
    const { deps, ural, other, moscow } = usageFixture();
    const foreign = other.lineIds[0] as number;
    notFound(() => getLineDetails(deps, ural.admin, foreign));
    notFound(() => blockLine(deps, ural.admin, { lineId: foreign, reason: "loss" }));
    notFound(() => switchServiceOn(deps, ural.admin, { lineId: foreign, serviceId: 1 }));
    notFound(() => updateLineEmployee(deps, ural.admin, { lineId: foreign, expectedVersion: 1, employeeName: "X", departmentId: null }));
    // The same company id in another region is not the company.
    notFound(() => getLineDetails(deps, { ...ural.admin, regionCode: "moscow" }, ural.lineIds[0] as number));
    notFound(() => getLineDetails(deps, moscow.admin, ural.lineIds[0] as number));
    expect(getLineDetails(deps, other.admin, foreign).blocks).toEqual([]);
  });

  it("is held by the database too: a line cannot get a tariff of another region", () => {
    const { deps, ural } = usageFixture();
    const moscowTariff = tariffOf(deps, "moscow", "biz-start");
    expect(() => deps.db.update(lines).set({ tariffId: moscowTariff.id }).where(eq(lines.id, ural.lineIds[0] as number)).run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      deps.db.$client.prepare("update lines set company_id = ? where id = ?").run(ural.companyId + 1, ural.lineIds[0] as number),
    ).toThrow(/FOREIGN KEY/);
  });
});
