import { describe, expect, it } from "vitest";
import { applicationFormFactory } from "../testing/factories.ts";
import { parseApplicationInput } from "./application-input.ts";

const regions = ["ural", "moscow"];
const parse = (overrides: Record<string, string>) =>
  parseApplicationInput(applicationFormFactory(overrides), regions);

describe("access application input", () => {
  it("accepts numbers in every form people type and stores them in E.164, de-duplicated", () => {
    const result = parse({
      numbers: "8 (912) 345-67-89\n+7 912 345 67 89, 79123456790; 9123456791\n\n",
      contactNumber: "89123456789",
    });
    expect(result.ok && result.value.numbers).toEqual(["+79123456789", "+79123456790", "+79123456791"]);
    expect(result.ok && result.value.contactNumber).toBe("+79123456789");
  });

  it("names every invalid entry in the numbers list", () => {
    const result = parse({ numbers: "+79123456789\n12345\nабв\n+7 495 123-45-67" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.numbers?.code).toBe("numbers.invalid");
    expect(result.fieldErrors.numbers?.params?.values).toBe("12345, абв, +7 495 123-45-67");
  });

  it("adds a contact number missing from the list and asks the user to check", () => {
    const result = parse({ numbers: "+79123456790", contactNumber: "8 912 345 67 89" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.numbers).toEqual({
      code: "numbers.contactAdded",
      params: { value: "+7 912 345-67-89" },
    });
    expect(result.values.numbers).toBe("+7 912 345-67-90\n+7 912 345-67-89");
    // Sending the corrected form again succeeds.
    const again = parse({ numbers: result.values.numbers, contactNumber: "8 912 345 67 89" });
    expect(again.ok).toBe(true);
  });

  it("rejects an invalid contact number, naming it", () => {
    const result = parse({ contactNumber: "+7 (495) 123-45-67" });
    expect(!result.ok && result.fieldErrors.contactNumber).toEqual({
      code: "phone.invalid",
      params: { value: "+7 (495) 123-45-67" },
    });
  });

  it("requires every field and keeps what was typed", () => {
    const result = parseApplicationInput({ submissionKey: "x".repeat(20), companyName: "  ООО   Тест " }, regions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      ["accountNumber", "contactNumber", "email", "numbers", "ownerName", "regionCode", "representativeName"].sort(),
    );
    expect(result.values.companyName).toBe("  ООО   Тест ");
  });

  it("accepts Cyrillic, ё, hyphens, apostrophes and quotes in names", () => {
    const result = parse({
      companyName: '  "Рога и копыта"  ',
      ownerName: "Д'Артаньян-Ёжиков Шарль",
      representativeName: "O'Brien Mary-Kate",
    });
    expect(result.ok && result.value.companyName).toBe('"Рога и копыта"');
    expect(parse({ companyName: "ООО «Ромашка» & Ко (№1)" }).ok).toBe(true);
  });

  it("accepts initials with or without spaces, and a final dot", () => {
    for (const ownerName of ["Иванов И. И.", "Иванов И.И.", "И. И. Иванов", "Smith J.", "Д.'Арк Анна"]) {
      expect(parse({ ownerName }).ok, ownerName).toBe(true);
    }
    for (const ownerName of ["Иванов И..И.", "Иванов - Иван", "Иванов И.!"]) {
      expect(!parse({ ownerName }).ok, ownerName).toBe(true);
    }
  });

  it("says a value is too long, for every field, before reading what is in it", () => {
    const result = parse({
      companyName: "Ромашка ".repeat(100),
      ownerName: "Иванов ".repeat(100),
      accountNumber: "1".repeat(31),
      numbers: "+7 912 345-67-89\n".repeat(400),
      contactNumber: "8".repeat(31),
      email: `${"a".repeat(250)}@example.com`,
      representativeName: "Петров ".repeat(100),
    });
    expect(!result.ok && result.fieldErrors).toMatchObject({
      companyName: { code: "tooLong" },
      ownerName: { code: "tooLong" },
      accountNumber: { code: "tooLong" },
      numbers: { code: "tooLong" },
      contactNumber: { code: "tooLong" },
      email: { code: "tooLong" },
      representativeName: { code: "tooLong" },
    });
  });

  it("rejects markup, digits in names, one-word names and overlong values", () => {
    const fail = (overrides: Record<string, string>, field: string, code: string) => {
      const result = parse(overrides);
      expect(!result.ok && result.fieldErrors[field]?.code).toBe(code);
    };
    fail({ companyName: "<script>alert(1)</script>" }, "companyName", "company.characters");
    fail({ companyName: "Я".repeat(201) }, "companyName", "tooLong");
    fail({ ownerName: "Иванов2 Иван" }, "ownerName", "name.characters");
    fail({ ownerName: "Иванов" }, "ownerName", "name.fullNameNeeded");
    fail({ ownerName: `${"Ж".repeat(100)} ${"Ж".repeat(60)}` }, "ownerName", "tooLong");
    fail({ accountNumber: "12AB" }, "accountNumber", "account.format");
    fail({ email: "not-an-email" }, "email", "email.format");
    fail({ regionCode: "atlantis" }, "regionCode", "region.unknown");
    fail({ numbers: "" }, "numbers", "numbers.required");
  });

  it("caps the number of lines in one application", () => {
    const many = Array.from({ length: 201 }, (_, i) => `+7912${String(10_000_000 + i).slice(1)}`).join("\n");
    const result = parse({ numbers: many, contactNumber: "+79120000000" });
    expect(!result.ok && result.fieldErrors.numbers?.code).toBe("numbers.tooMany");
  });

  it("accepts account numbers typed with spaces or dashes", () => {
    const result = parse({ accountNumber: "100 200-300" });
    expect(result.ok && result.value.accountNumber).toBe("100200300");
  });
});
