import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { StaleLineError } from "./company-lines.ts";
import { listDepartments, renameDepartment } from "./departments.ts";
import { updateLineEmployee } from "./employees.ts";
import { blockLine, unblockLine } from "./line-blocks.ts";
import { getLineDetails } from "./line-details.ts";
import { LINE_HISTORY_PAGE_SIZE, listLineHistory } from "./line-history.ts";
import { listLineServices, switchServiceOn } from "./line-services.ts";
import { usageFixture } from "../usage/usage-test-fixtures.ts";

const versionOf = (deps: Parameters<typeof getLineDetails>[0], actor: Parameters<typeof getLineDetails>[1], lineId: number) =>
  getLineDetails(deps, actor, lineId).version;

describe("a line's history", () => {
  it("lists the line's own changes newest first, with today's names of the departments and services they name", () => {
    const { deps, ural } = usageFixture();
    const [lineId, otherLine] = ural.lineIds as [number, number];
    const voicemail = listLineServices(deps, ural.admin, lineId).find((s) => s.code === "voicemail");
    if (!voicemail) throw new Error("voicemail not offered");
    switchServiceOn(deps, ural.admin, { lineId, serviceId: voicemail.id });
    blockLine(deps, ural.admin, { lineId, reason: "loss" });
    updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: versionOf(deps, ural.admin, lineId), employeeName: "Иванова Анна", departmentId: null, newDepartmentName: "Склад" });
    blockLine(deps, ural.admin, { lineId: otherLine, reason: "voluntary" });
    const [department] = listDepartments(deps, ural.admin);
    if (!department) throw new Error("no department made");
    renameDepartment(deps, ural.admin, { departmentId: department.id, name: "Склад № 2" });

    const history = listLineHistory(deps, ural.admin, { lineId });
    expect(history.events.map((e) => e.action)).toEqual(["line.employee_changed", "line.blocked", "line.service_on"]);
    expect(history.events[0]?.after).toMatchObject({ employeeName: "Иванова Анна", departmentId: department.id });
    expect(history.departmentNames[department.id]).toBe("Склад № 2");
    expect(history.serviceNames.voicemail?.ru).toBeTruthy();
    expect(history.hasMore).toBe(false);
  });

  it("comes a page at a time", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    for (let i = 0; i < LINE_HISTORY_PAGE_SIZE / 2 + 1; i++) {
      blockLine(deps, ural.admin, { lineId, reason: "voluntary" });
      unblockLine(deps, ural.admin, { lineId, reason: "voluntary" });
    }
    const first = listLineHistory(deps, ural.admin, { lineId });
    expect(first.events).toHaveLength(LINE_HISTORY_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    const second = listLineHistory(deps, ural.admin, { lineId, page: 2 });
    // The oldest two: the first block and its lifting, newest first.
    expect(second.events.map((e) => e.action)).toEqual(["line.unblocked", "line.blocked"]);
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.events, ...second.events].map((e) => e.id)).size).toBe(LINE_HISTORY_PAGE_SIZE + 2);
  });

  it("of another company's line is not found", () => {
    const { deps, ural, other } = usageFixture();
    blockLine(deps, other.admin, { lineId: other.lineIds[0] as number, reason: "loss" });
    expect(() => listLineHistory(deps, ural.admin, { lineId: other.lineIds[0] as number })).toThrow(DomainError);
  });
});

describe("a department typed in while editing a line", () => {
  it("is the company's department of that name (any case), or a new one, audited", () => {
    const { deps, ural } = usageFixture();
    const [first, second] = ural.lineIds as [number, number];
    updateLineEmployee(deps, ural.admin, { lineId: first, expectedVersion: versionOf(deps, ural.admin, first), employeeName: "А", departmentId: null, newDepartmentName: "  Бухгалтерия " });
    updateLineEmployee(deps, ural.admin, { lineId: second, expectedVersion: versionOf(deps, ural.admin, second), employeeName: "Б", departmentId: null, newDepartmentName: "БУХГАЛТЕРИЯ" });
    expect(listDepartments(deps, ural.admin)).toEqual([expect.objectContaining({ name: "Бухгалтерия", lineCount: 2 })]);
    expect(getLineDetails(deps, ural.admin, second).department?.name).toBe("Бухгалтерия");
  });

  it("is not created by a save refused as changed meanwhile", () => {
    const { deps, ural } = usageFixture();
    const lineId = ural.lineIds[0] as number;
    const seen = versionOf(deps, ural.admin, lineId);
    blockLine(deps, ural.admin, { lineId, reason: "voluntary" });
    expect(() => updateLineEmployee(deps, ural.admin, { lineId, expectedVersion: seen, employeeName: "В", departmentId: null, newDepartmentName: "Новый отдел" })).toThrow(StaleLineError);
    expect(listDepartments(deps, ural.admin)).toEqual([]);
  });
});
