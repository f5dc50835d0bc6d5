import { describe, it, expect } from "vitest";
import { formatVnd, parseVndAmount } from "../../src/domain/money";

describe("formatVnd", () => {
  it.each([
    [45000, "45.000 ₫"],
    [0, "0 ₫"],
    [-0, "0 ₫"],
    [1250000, "1.250.000 ₫"],
    [-15000, "-15.000 ₫"],
    [999, "999 ₫"],
    [1000, "1.000 ₫"],
    [100000, "100.000 ₫"],
    [1000000000, "1.000.000.000 ₫"],
    [Number.MAX_SAFE_INTEGER, "9.007.199.254.740.991 ₫"],
  ])("formats %d as %j", (amount, expected) => {
    expect(formatVnd(amount)).toBe(expected);
  });

  it("uses a no-break space before ₫, so the amount never breaks across lines", () => {
    expect(formatVnd(45000).charCodeAt(6)).toBe(0xa0);
  });

  it.each([1.5, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1])("throws RangeError for %d", (amount) => {
    expect(() => formatVnd(amount)).toThrow(RangeError);
  });
});

describe("parseVndAmount", () => {
  it.each([
    ["45000", 45000],
    ["45.000", 45000],
    ["45,000", 45000],
    ["45k", 45000],
    ["45K", 45000],
    ["45 k", 45000],
    ["45 nghìn", 45000],
    ["45 ngàn", 45000],
    ["45 nghin", 45000],
    ["45 nghìn đồng", 45000],
    ["1tr", 1000000],
    ["1,2tr", 1200000],
    ["1.5 triệu", 1500000],
    ["1 triệu 200", 1200000],
    ["1 triệu 200 nghìn", 1200000],
    ["1tr2", 1200000],
    ["1tr25", 1250000],
    ["2k5", 2500],
    ["1 củ", 1000000],
    ["250.000đ", 250000],
    ["250000 vnd", 250000],
    ["250.000 ₫", 250000],
    ["250.000 VNĐ", 250000],
    ["VND 250,000", 250000],
    ["₫250.000", 250000],
    ["1.250.000", 1250000],
    ["1 250 000", 1250000],
    ["１２０ｋ", 120000],
    ["0", 0],
    ["1 tỷ", 1000000000],
    ["1000000000", 1000000000],
    ["45.5k", 45500],
  ])("reads %j as %d", (text, expected) => {
    expect(parseVndAmount(text)).toEqual({ ok: true, value: expected });
  });

  it("reads NFD input like NFC", () => {
    expect(parseVndAmount("1.5 triệu".normalize("NFD"))).toEqual({ ok: true, value: 1500000 });
    expect(parseVndAmount("45 nghìn đồng".normalize("NFD"))).toEqual({ ok: true, value: 45000 });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "invalid"],
    ["đ", "invalid"],
    ["-45000", "invalid"],
    ["45.5", "invalid"],
    ["45kg", "invalid"],
    ["45.00.0", "invalid"],
    ["45 20", "invalid"],
    ["200 1tr", "invalid"],
    ["1k 2tr", "invalid"],
    ["😀", "invalid"],
    ["hai phần", "invalid"],
    ["1.000.000.001", "too_large"],
    ["2 tỷ", "too_large"],
    ["1001tr", "too_large"],
  ])("rejects %j as %s", (text, reason) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, reason });
  });

  it.each([
    ["40 nines", "9".repeat(40), "too_large"],
    ["5,000 nines", "9".repeat(5000), "invalid"],
    ["5,000 emoji", "😀".repeat(5000), "invalid"],
    ["5,000 spaces", " ".repeat(5000), "empty"],
  ])("rejects %s", (_label, text, reason) => {
    expect(parseVndAmount(text)).toEqual({ ok: false, reason });
  });
});
