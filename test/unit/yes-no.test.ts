import { describe, it, expect } from "vitest";
import { parseYesNo } from "../../flows/parse/yes-no";

const YES = [
  "có", "co", "Có", "ok", "OK", "oke", "okie", "okay", "okkk", "ừ", "u", "uh", "ừm", "đúng", "dung", "đúng rồi",
  "dung roi", "yes", "Yes", "y", "đồng ý", "dong y", "xác nhận", "xac nhan", "được", "duoc", "đc", "dc", "chuẩn",
  "👍", "👍 ạ", "👌 nha shop", "✅", "👍🏻", "có ạ", "ok nha", "ok shop", "dạ có", "vâng", "vâng ạ", "ok ok", "có 😊", "được rồi ạ", "ＯＫ",
  "  có  ", "Ok!", "đúng rồi shop ơi", "correct", "yesss", "okeee", "Có ạ!!!",
];
const NO = [
  "không", "khong", "Không", "ko", "k", "hông", "no", "NO", "n", "thôi", "không cần", "khong can", "sai", "❌", "👎",
  "không ạ", "ko nha", "dạ không", "thôi ạ", "không đúng", "ko ko", "không cần đâu", "sai rồi", "khong 👎", "khôngggg", "nooo",
];
const UNCLEAR = [
  "", "   ", "có không", "ok thôi", "maybe", "2", "gà nướng", "😀", "❤️", "👍 👎", "có ❌", "không 👍", "a",
  "có lẽ", "để em xem",
];

describe("parseYesNo", () => {
  it.each(YES)("reads %j as yes", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: true });
  });

  it.each(NO)("reads %j as no", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: false });
  });

  it.each(UNCLEAR)("finds %j unclear", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: false, reason: "unclear" });
  });

  it.each([
    ["2,000 oks", "ok ".repeat(2000)],
    ["5,000 emoji", "👍".repeat(5000)],
    ["5,000 letters", "k".repeat(5000)],
  ])("finds %s unclear", (_label, text) => {
    expect(parseYesNo(text)).toEqual({ ok: false, reason: "unclear" });
  });

  it.each([
    ["có ạ", true],
    ["đúng rồi", true],
    ["đồng ý", true],
    ["xác nhận", true],
    ["được", true],
    ["không ạ", false],
    ["không cần", false],
    ["hông", false],
    ["thôi", false],
  ])("reads the NFD form of %j", (text, expected) => {
    expect(parseYesNo(text.normalize("NFD"))).toEqual({ ok: true, value: expected });
  });
});
