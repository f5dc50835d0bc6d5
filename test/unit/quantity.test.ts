import { describe, it, expect } from "vitest";
import { parseQuantity } from "../../flows/parse/quantity";

describe("parseQuantity", () => {
  it.each([
    ["2", 2],
    ["02", 2],
    [" 7 ", 7],
    ["x2", 2],
    ["X2", 2],
    ["2x", 2],
    ["×2", 2],
    ["*2", 2],
    ["x 3", 3],
    ["2 phần", 2],
    ["2 phan", 2],
    ["hai", 2],
    ["hai phần", 2],
    ["2 hộp", 2],
    ["hai hộp", 2],
    ["một", 1],
    ["mot", 1],
    ["ba", 3],
    ["bốn", 4],
    ["tư", 4],
    ["năm", 5],
    ["chín", 9],
    ["mười", 10],
    ["muoi", 10],
    ["mười một", 11],
    ["mười hai", 12],
    ["muoi hai", 12],
    ["mười lăm", 15],
    ["mười tư", 14],
    ["hai mươi", 20],
    ["hai mươi mốt", 21],
    ["hai mươi tư", 24],
    ["hai mươi lăm", 25],
    ["hai muoi lam", 25],
    ["chín mươi chín", 99],
    ["hai lăm", 25],
    ["ba mốt", 31],
    ["một chục", 10],
    ["chục", 10],
    ["nửa chục", 5],
    ["hai chục", 20],
    ["chục rưỡi", 15],
    ["2 chục", 20],
    ["one", 1],
    ["five", 5],
    ["twelve", 12],
    ["twenty", 20],
    ["dozen", 12],
    ["２", 2],
    ["１２", 12],
    ["2 nha", 2],
    ["2 nhaaa", 2],
    ["hai ạ", 2],
    ["3 nhé", 3],
    ["2 thôi", 2],
    ["cho em 2", 2],
    ["lấy 3", 3],
    ["sl 3", 3],
    ["sl: 3", 3],
    ["số lượng 3", 3],
    ["so luong 3", 3],
    ["cho em 2 phần nha shop", 2],
    ["(2)", 2],
    ["2!", 2],
    ["2 😊", 2],
    ["3kg", 3],
    ["2 cân", 2],
    ["4 cái", 4],
    ["5 chiếc", 5],
    ["2 ly", 2],
    ["2 cốc", 2],
    ["2 túi", 2],
    ["2 gói", 2],
    ["2 hũ", 2],
    ["2 chai", 2],
    ["2 bịch", 2],
    ["2 con", 2],
    ["2 đĩa", 2],
    ["2 tô", 2],
    ["2 bát", 2],
    ["2 bó", 2],
    ["2 lọ", 2],
    ["2 lon", 2],
    ["2 thùng", 2],
    ["2 set", 2],
    ["2 combo", 2],
    ["2 portions", 2],
    ["1 portion", 1],
    ["3 boxes", 3],
    ["3 pcs", 3],
    ["hai suất", 2],
    ["HAI PHẦN", 2],
  ])("reads %j as %d", (text, expected) => {
    expect(parseQuantity(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["hai phần", 2],
    ["mười hai", 12],
    ["hai mươi mốt", 21],
    ["bốn hộp", 4],
    ["cho em ba suất nhé", 3],
    ["số lượng 3", 3],
    ["nửa chục", 5],
  ])("reads the NFD form of %j as %d", (text, expected) => {
    expect(parseQuantity(text.normalize("NFD"))).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "not_a_number"],
    ["😀", "not_a_number"],
    ["lăm", "not_a_number"],
    ["-2", "not_a_number"],
    ["2-3", "not_a_number"],
    ["2 3", "not_a_number"],
    ["hai ba", "not_a_number"],
    ["2 hộp ngon", "not_a_number"],
    ["bao nhiêu", "not_a_number"],
    ["x", "not_a_number"],
    ["0", "zero"],
    ["không", "zero"],
    ["x0", "zero"],
    ["1.5", "not_whole"],
    ["1,5", "not_whole"],
    ["rưỡi", "not_whole"],
    ["một rưỡi", "not_whole"],
    ["1 rưỡi", "not_whole"],
    ["nửa", "not_whole"],
    ["1/2", "not_whole"],
    ["half", "not_whole"],
    ["1000", "too_large"],
    ["100", "too_large"],
    ["hai trăm", "too_large"],
  ])("rejects %j as %s", (text, reason) => {
    expect(parseQuantity(text)).toEqual({ ok: false, reason });
  });

  it.each([
    ["5,000 letters", "a".repeat(5000), "not_a_number"],
    ["5,000 digits", "2".repeat(5000), "too_large"],
    ["5,000 emoji", "😀".repeat(5000), "not_a_number"],
    ["2 then 5,000 spaces", `2${" ".repeat(5000)}`, 2],
  ])("copes with %s", (_label, text, expected) => {
    const result = parseQuantity(text);
    expect(result).toEqual(typeof expected === "number" ? { ok: true, value: expected } : { ok: false, reason: expected });
  });

  it("never returns a negative number", () => {
    for (const text of ["-2", "−2", "– 2", "x-2", "-0"]) {
      const result = parseQuantity(text);
      if (result.ok) expect(result.value).toBeGreaterThan(0);
      else expect(["not_a_number", "zero"]).toContain(result.reason);
    }
  });

  it("respects a custom max", () => {
    expect(parseQuantity("150", { max: 200 })).toEqual({ ok: true, value: 150 });
    expect(parseQuantity("201", { max: 200 })).toEqual({ ok: false, reason: "too_large" });
    expect(parseQuantity("hai trăm", { max: 500 })).toEqual({ ok: true, value: 200 });
    expect(parseQuantity("một trăm linh năm", { max: 500 })).toEqual({ ok: true, value: 105 });
    expect(parseQuantity("5", { max: 3 })).toEqual({ ok: false, reason: "too_large" });
    expect(parseQuantity("9".repeat(400), { max: Infinity })).toEqual({ ok: false, reason: "too_large" });
  });
});
