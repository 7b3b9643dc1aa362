import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { findApplicationByVerificationCode, getApplicationPdfForOffice, verifyUploadedPdf } from "./application-review.ts";
import { officeFixture, submit } from "./office-test-fixtures.ts";

describe("verifying a printed or uploaded form", () => {
  it("finds the application by its code however it is typed, in the staff's region only", async () => {
    const { deps, staff, moscowStaff } = await officeFixture();
    const app = await submit(deps);
    const typed = ` ${app.verificationCode.replace(/-/g, " ").toLowerCase()} `;
    expect(findApplicationByVerificationCode(deps, staff, typed)).toMatchObject({ id: app.id, reference: app.reference });
    expect(findApplicationByVerificationCode(deps, moscowStaff, app.verificationCode)).toBeUndefined();
    expect(findApplicationByVerificationCode(deps, staff, "not-a-code")).toBeUndefined();
  });

  it("recognises the issued PDF, an altered copy and a file it never issued", async () => {
    const { deps, staff, moscowStaff } = await officeFixture();
    const app = await submit(deps);
    const { bytes, filename } = getApplicationPdfForOffice(deps, staff, app.id);
    expect(filename).toBe(`zayavlenie-${app.reference}.pdf`);
    const altered = new Uint8Array(bytes);
    const at = altered.length - 10;
    altered[at] = (altered[at] ?? 0) ^ 1;

    expect(verifyUploadedPdf(deps, staff, { bytes })).toEqual({
      result: "match",
      application: { id: app.id, reference: app.reference, companyName: app.companyName },
    });
    expect(verifyUploadedPdf(deps, staff, { bytes: altered, code: app.verificationCode })).toMatchObject({
      result: "altered",
      application: { id: app.id },
    });
    expect(verifyUploadedPdf(deps, staff, { bytes: altered })).toEqual({ result: "unknown" });
    // Another region's office learns nothing about Ural's forms.
    expect(verifyUploadedPdf(deps, moscowStaff, { bytes, code: app.verificationCode })).toEqual({ result: "unknown" });
    expect(() => getApplicationPdfForOffice(deps, moscowStaff, app.id)).toThrow(DomainError);
  });
});
