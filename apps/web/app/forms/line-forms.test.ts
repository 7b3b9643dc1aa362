import { describe, expect, it } from "vitest";
import { check, codesOf } from "./form-test-helpers.ts";
import { blockFormSchema, employeeFormSchema, serviceSwitchFormSchema, unblockFormSchema } from "./line-forms.ts";

describe("the line page's forms", () => {
  it("a block for loss needs the tick; a voluntary block does not; the limit's block is not the administrator's", () => {
    expect(codesOf(check(blockFormSchema, { intent: "block", version: "3", reason: "loss" }))).toEqual({ confirmLoss: "line.block.confirmNeeded" });
    expect(check(blockFormSchema, { intent: "block", version: "3", reason: "loss", confirmLoss: "yes" })).toEqual({
      ok: true,
      value: { intent: "block", version: 3, reason: "loss", confirmLoss: "yes" },
    });
    expect(check(blockFormSchema, { intent: "block", version: "3", reason: "voluntary" }).ok).toBe(true);
    expect(codesOf(check(unblockFormSchema, { intent: "unblock", version: "3", reason: "limit" }))).toEqual({ reason: "form.expired" });
  });

  it("every form carries the version the administrator saw: missing or not a number means the page is outdated", () => {
    expect(codesOf(check(serviceSwitchFormSchema, { intent: "service", serviceId: "5", switchTo: "on" }))).toEqual({ version: "form.expired" });
    expect(codesOf(check(serviceSwitchFormSchema, { intent: "service", version: "x", serviceId: "5", switchTo: "maybe" }))).toEqual({
      version: "form.expired",
      switchTo: "form.expired",
    });
  });

  it("the employee's name and a new department are tidied and limited; empty means none", () => {
    expect(check(employeeFormSchema, { intent: "employee", version: "1", employeeName: "  Иванова   Анна ", departmentId: "", newDepartmentName: " Склад " })).toEqual({
      ok: true,
      value: { intent: "employee", version: 1, employeeName: "Иванова Анна", newDepartmentName: "Склад" },
    });
    expect(codesOf(check(employeeFormSchema, { intent: "employee", version: "1", employeeName: "Я".repeat(201), newDepartmentName: "О".repeat(101) }))).toEqual({
      employeeName: "field.tooLong",
      newDepartmentName: "field.tooLong",
    });
  });
});
