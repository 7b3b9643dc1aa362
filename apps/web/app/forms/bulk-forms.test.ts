import { LINE_SELECTION_IDS_MAX, NUMBER_FILE_MAX_BYTES, NUMBER_TEXT_MAX_CHARS } from "@cabinet/domain";
import { describe, expect, it } from "vitest";
import { BULK_FILE_MAX_BYTES, BULK_LINE_IDS_MAX, BULK_NUMBERS_MAX_CHARS, bulkPreviewFormSchema, switchedServices } from "./bulk-forms.ts";
import { parseForm } from "./form-schema.ts";

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

describe("the bulk change's forms", () => {
  it("hold the domain's limits", () => {
    expect([BULK_LINE_IDS_MAX, BULK_NUMBERS_MAX_CHARS, BULK_FILE_MAX_BYTES]).toEqual([LINE_SELECTION_IDS_MAX, NUMBER_TEXT_MAX_CHARS, NUMBER_FILE_MAX_BYTES]);
  });

  it("take the savings advice's entry: source=lines, repeated lineId, tariffId", () => {
    const submission = parseForm(form([["source", "lines"], ["lineId", "5"], ["lineId", "7"], ["tariffId", "3"]]), bulkPreviewFormSchema);
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value).toMatchObject({ source: "lines", lineId: [5, 7], tariffId: 3, service: [] });
    const one = parseForm(form([["source", "lines"], ["lineId", "5"], ["tariffId", "3"]]), bulkPreviewFormSchema);
    expect(one.status === "success" && one.value.lineId).toEqual([5]);
  });

  it("asks for what the chosen source needs and for something to change, field by field", () => {
    const refused = (fields: [string, string][]) => {
      const submission = parseForm(form(fields), bulkPreviewFormSchema);
      return submission.status === "error" ? submission.error : null;
    };
    expect(refused([["source", "department"], ["service", ""], ["service", ""]])).toEqual({
      departmentId: { code: "bulk.department.required" },
      tariffId: { code: "bulk.target.empty" },
    });
    expect(refused([["source", "numbers"], ["tariffId", "3"]])).toEqual({ numbers: { code: "bulk.numbers.required" } });
    expect(refused([["source", "lines"], ["tariffId", "3"]])).toEqual({ lineId: { code: "bulk.lines.none" } });
    expect(refused([["source", "file"], ["tariffId", "3"]])).toEqual({ file: { code: "bulk.file.required" } });
  });

  it("reads each service's select as on or off, leaving the ones kept", () => {
    expect(switchedServices(["12:on", undefined, "", "4:off", "9:on"])).toEqual({ servicesOn: [12, 9], servicesOff: [4] });
  });
});
