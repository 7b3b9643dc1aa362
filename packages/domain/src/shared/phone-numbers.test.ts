import { describe, expect, it } from "vitest";
import { csvPhoneNumber, formatMsisdn, parseMsisdn } from "./phone-numbers.ts";

describe("numbers in CSV cells", () => {
  it("writes Russian numbers the national way, which Excel keeps as text and our imports read back", () => {
    expect(csvPhoneNumber("+79123456789")).toBe("8 912 345-67-89");
    expect(parseMsisdn(csvPhoneNumber("+79123456789"))).toEqual({ ok: true, msisdn: "+79123456789" });
    expect(formatMsisdn("+79123456789")).toBe("+7 912 345-67-89");
  });

  it("keeps any other value that Excel would run as a formula text, and short codes as they are", () => {
    expect(csvPhoneNumber("+442071234567")).toBe("'+442071234567");
    expect(csvPhoneNumber("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvPhoneNumber("0611")).toBe("0611");
    expect(csvPhoneNumber("internet")).toBe("internet");
  });
});
