import { describe, expect, it } from "vitest";
import { parseRoubles, roublesInput } from "./roubles-input.ts";

describe("roubles as people type them", () => {
  it.each([
    ["5000", 500_000],
    ["5 000", 500_000],
    ["5\u00A0000,50\u00A0₽", 500_050],
    ["1\u202F234\u202F567,8", 123_456_780],
    ["1500.75 руб.", 150_075],
    ["1500,75 р.", 150_075],
    ["  300 RUB ", 30_000],
    ["0,01", 1],
    ["0", 0],
    ["12,5", 1_250],
  ])("%s → %i kopecks", (typed, kopecks) => {
    expect(parseRoubles(typed)).toEqual({ ok: true, kopecks });
  });

  it.each(["", " ", "-100", "1,000", "1.000", "5 00", "50 000 00", "5,000.50", "1e5", "0x10", "5000,505", "абв", "5000 $", "1".repeat(13), `${"1".repeat(40)}`, ",5", "5,"])(
    "refuses %j",
    (typed) => {
      expect(parseRoubles(typed)).toEqual({ ok: false });
    },
  );

  it("writes kopecks back the way they are typed, and reads them again", () => {
    for (const kopecks of [0, 1, 10, 99, 100, 500_050, 123_456_789]) {
      expect(parseRoubles(roublesInput(kopecks))).toEqual({ ok: true, kopecks });
    }
    expect(roublesInput(500_050)).toBe("5000,50");
  });
});
