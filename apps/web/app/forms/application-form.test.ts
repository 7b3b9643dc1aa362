import { describe, expect, it } from "vitest";
import { applicationFormSchema } from "./application-form.ts";
import { inputConstraints } from "./form-schema.ts";
import { check, codesOf } from "./form-test-helpers.ts";

const typed = {
  regionCode: "ural",
  companyName: "  ООО   «Ромашка» ",
  ownerName: "Ёлкина-Д'Арк  Анна Петровна",
  accountNumber: "100 200-300",
  numbers: "8 (912) 345-67-89\n+7 912 345 67 90",
  contactNumber: "+7 912 345-67-89",
  email: " Director@Romashka.example ",
  representativeName: "Петров Пётр Петрович",
  submissionKey: "0b9e7c1e-8f3a-4d2b-9c1a-2f6e5d4c3b2a",
};

describe("the access application form", () => {
  it("tidies what was typed the way the domain stores it; numbers stay as typed for the domain to parse", () => {
    expect(check(applicationFormSchema, typed)).toEqual({
      ok: true,
      value: {
        ...typed,
        companyName: "ООО «Ромашка»",
        ownerName: "Ёлкина-Д'Арк Анна Петровна",
        accountNumber: "100200300",
        email: "director@romashka.example",
      },
    });
  });

  it("answers with the domain's own codes", () => {
    const result = check(applicationFormSchema, { ...typed, ownerName: "Иванов", accountNumber: "12AB", email: "nobody", companyName: "!!" });
    expect(codesOf(result)).toEqual({
      ownerName: "name.fullNameNeeded",
      accountNumber: "account.format",
      email: "email.format",
      companyName: "company.characters",
    });
  });

  it("asks for every field, the region and the numbers in their own words", () => {
    expect(codesOf(check(applicationFormSchema, { submissionKey: typed.submissionKey }))).toEqual({
      regionCode: "region.required",
      companyName: "required",
      ownerName: "required",
      accountNumber: "required",
      numbers: "numbers.required",
      contactNumber: "required",
      email: "required",
      representativeName: "required",
    });
  });

  it("answers every over-long field with a field message naming its limit, whatever else is wrong with it", () => {
    const over = {
      regionCode: "u".repeat(41),
      companyName: "Ромашка ".repeat(26), // 208 characters: over 200 even before the spaces are squashed
      ownerName: `${"А. ".repeat(50)}!`, // 151 characters of the pattern-hostile kind
      accountNumber: "1".repeat(31),
      numbers: "+7 912 345-67-89\n".repeat(400),
      contactNumber: "8".repeat(31),
      email: `${"a".repeat(250)}@b.ru`,
      representativeName: "Я".repeat(151),
      submissionKey: typed.submissionKey,
    };
    const result = check(applicationFormSchema, over);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      regionCode: { code: "field.tooLong", params: { max: "40" } },
      companyName: { code: "field.tooLong", params: { max: "200" } },
      ownerName: { code: "field.tooLong", params: { max: "150" } },
      accountNumber: { code: "field.tooLong", params: { max: "30" } },
      numbers: { code: "field.tooLong", params: { max: "6000" } },
      contactNumber: { code: "field.tooLong", params: { max: "30" } },
      email: { code: "field.tooLong", params: { max: "254" } },
      representativeName: { code: "field.tooLong", params: { max: "150" } },
    });
  });

  it("treats a missing or forged form key as an outdated page", () => {
    expect(codesOf(check(applicationFormSchema, { ...typed, submissionKey: "" }))).toEqual({ submissionKey: "form.expired" });
    expect(codesOf(check(applicationFormSchema, { ...typed, submissionKey: "k".repeat(65) }))).toEqual({ submissionKey: "form.expired" });
    expect(codesOf(check(applicationFormSchema, { ...typed, submissionKey: "<script>" }))).toEqual({ submissionKey: "form.expired" });
  });

  it("gives every input its limit from the domain's limits", () => {
    expect(inputConstraints(applicationFormSchema)).toEqual({
      regionCode: { required: true, maxLength: 40 },
      companyName: { required: true, maxLength: 200 },
      ownerName: { required: true, maxLength: 150 },
      accountNumber: { required: true, maxLength: 30 },
      numbers: { required: true, maxLength: 6000 },
      contactNumber: { required: true, maxLength: 30 },
      email: { required: true, maxLength: 254 },
      representativeName: { required: true, maxLength: 150 },
      submissionKey: { required: true, maxLength: 64 },
    });
  });
});
