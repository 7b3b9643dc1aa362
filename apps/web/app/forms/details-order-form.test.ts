// The call-detail order form's schema: what the page sends, what the action hands the domain.
import { describe, expect, it } from "vitest";
import { detailingOrderFormSchema, parseSelection } from "./details-order-form.ts";
import { check, codesOf } from "./form-test-helpers.ts";

const order = { from: "2026-11-01", to: "2026-11-25", lines: "all", format: "csv", email: " Admin@Vector.example " };

describe("the call-detail order form", () => {
  it("takes the period, the lines, the format, the ZIP tick and the e-mail (trimmed)", () => {
    expect(check(detailingOrderFormSchema, { ...order, zip: "on" })).toEqual({
      ok: true,
      value: { from: "2026-11-01", to: "2026-11-25", lines: "all", format: "csv", zip: "on", email: "Admin@Vector.example" },
    });
  });

  it("asks for the days, a department or a number when that is the choice, a format it offers and an address", () => {
    expect(codesOf(check(detailingOrderFormSchema, { lines: "department", format: "docx", email: "nobody" }))).toEqual({
      from: "required",
      to: "required",
      department: "details.department.choose",
      format: "details.format.choose",
      email: "email.format",
    });
    expect(codesOf(check(detailingOrderFormSchema, { ...order, from: "1.11.2026", lines: "line", line: "  " }))).toEqual({
      from: "details.period.date",
      line: "required",
    });
  });

  it("reads the lines list's selection from its hidden field, and a broken one as an outdated page", () => {
    const ticked = JSON.stringify({ kind: "lines", lineIds: [5, 7] });
    expect(check(detailingOrderFormSchema, { ...order, lines: "selection", selection: ticked }).ok).toBe(true);
    expect(parseSelection(ticked)).toEqual({ kind: "lines", lineIds: [5, 7] });
    expect(parseSelection(JSON.stringify({ kind: "filter", query: { status: "active", departmentId: 3 } }))).toEqual({
      kind: "filter",
      query: { status: "active", departmentId: 3 },
    });
    for (const broken of ["{", JSON.stringify({ kind: "lines", lineIds: [] }), JSON.stringify({ kind: "lines", lineIds: ["1; drop"] })]) {
      expect(codesOf(check(detailingOrderFormSchema, { ...order, lines: "selection", selection: broken }))).toEqual({ selection: "form.expired" });
    }
  });
});
