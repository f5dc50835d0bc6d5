import { describe, it, expect } from "vitest";
import { findVietnamesePhone, parseVietnamesePhone } from "../../flows/parse/phone";

describe("parseVietnamesePhone", () => {
  it.each([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["0912.345.678", "0912345678"],
    ["0912-345-678", "0912345678"],
    ["(091) 234 5678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["+84912345678", "0912345678"],
    ["(+84) 912 345 678", "0912345678"],
    ["+84 (0) 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["0084912345678", "0912345678"],
    ["0084 912 345 678", "0912345678"],
    ["０９１２３４５６７８", "0912345678"],
    ["０９１２　３４５　６７８", "0912345678"],
    ["sđt 0912 345 678 nha", "0912345678"],
    ["Số điện thoại của em là 0387.654.321 ạ", "0387654321"],
    ["0356789012", "0356789012"],
    ["0561234567", "0561234567"],
    ["0701234567", "0701234567"],
    ["0812345678", "0812345678"],
    ["0987654321", "0987654321"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseVietnamesePhone(text)).toEqual({ ok: true, value: expected });
  });

  it("reads NFD text around the number", () => {
    expect(parseVietnamesePhone("số điện thoại 0912 345 678 nhé".normalize("NFD"))).toEqual({ ok: true, value: "0912345678" });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["02438251234", "not_mobile"],
    ["024 3825 1234", "not_mobile"],
    ["+84 24 3825 1234", "not_mobile"],
    ["028.3829.1234", "not_mobile"],
    ["091234567", "invalid"],
    ["09123456789", "invalid"],
    ["0112345678", "invalid"],
    ["0412345678", "invalid"],
    ["0612345678", "invalid"],
    ["01212345678", "invalid"],
    ["+1 415 555 0100", "invalid"],
    ["+86 912 345 678", "invalid"],
    ["12345", "invalid"],
    ["abc", "invalid"],
    ["hai phần", "invalid"],
    ["😀", "invalid"],
  ])("rejects %j as %s", (text, reason) => {
    expect(parseVietnamesePhone(text)).toEqual({ ok: false, reason });
  });

  it.each([
    ["5,000 digits", "1".repeat(5000), "invalid"],
    ["2,500 spaced digits", "1 ".repeat(2500), "invalid"],
    ["5,000 emoji", "😀".repeat(5000), "invalid"],
  ])("rejects %s", (_label, text, reason) => {
    expect(parseVietnamesePhone(text)).toEqual({ ok: false, reason });
  });

  it("finds the number after 5,000 characters of chatter", () => {
    expect(parseVietnamesePhone(`${"chào shop ".repeat(500)}0912345678`)).toEqual({ ok: true, value: "0912345678" });
  });
});

describe("findVietnamesePhone", () => {
  it.each([
    ["chốt B1 x2 sđt 0912345678 giao chiều nay", "0912345678"],
    ["ib em 0912 345 678 nha", "0912345678"],
    ["Liên hệ: +84 987 654 321 (Zalo)", "0987654321"],
    ["B1 2 0912345678", "0912345678"],
    ["gọi 0912.345.678 hoặc 0987654321", "0912345678"],
    ["ｓđｔ ０９１２３４５６７８", "0912345678"],
    ["sdt0912345678", "0912345678"],
    ["liên hệ 0912345678".normalize("NFD"), "0912345678"],
  ])("finds the mobile in %j", (text, expected) => {
    expect(findVietnamesePhone(text)).toBe(expected);
  });

  it.each([
    "chốt B1 x2",
    "giá 1.250.000 đồng",
    "mã đơn DH20240912345678",
    "số bàn 024 3825 1234",
    "09123456789",
    "",
  ])("finds nothing in %j", (text) => {
    expect(findVietnamesePhone(text)).toBeNull();
  });

  it.each([
    ["2,000 emoji", "😀".repeat(2000)],
    ["3,000 spaced zeros", "0 ".repeat(3000)],
    ["5,000 digits", "9".repeat(5000)],
  ])("finds nothing in %s", (_label, text) => {
    expect(findVietnamesePhone(text)).toBeNull();
  });
});
