import { describe, expect, it } from "vitest";
import { splitTypedOrderLine } from "../../flows/parse/typed-order-line";
import { zoneInAddress } from "../../src/domain/delivery/zone-in-address";

const split = (line: string) => splitTypedOrderLine(line);

describe("the typed-in order line: phone, items, address", () => {
  it("splits the issue's example at the em dash", () => {
    expect(split("0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than")).toEqual({
      ok: true,
      value: { phone: "0912345678", items: "A1 2 lớn, A5 1", address: "thôn 3 Mường Than", pickup: false },
    });
  });

  it("reads the phone with spaces, dots or +84, and never takes an item's digits", () => {
    for (const typed of ["0912 345 678", "0912.345.678", "+84 912 345 678", "+84912345678", "84 912 345 678", "(+84) 912-345-678"]) {
      const r = split(`${typed} A1 2`);
      expect(r, typed).toEqual({ ok: true, value: { phone: "0912345678", items: "A1 2", pickup: false } });
    }
    // "2" after the number is a quantity, not part of the phone.
    expect(split("0912345678 2 A1")).toMatchObject({ ok: true, value: { phone: "0912345678", items: "2 A1" } });
  });

  it("an en dash, or a hyphen with spaces, also starts the address; a hyphen inside an address does not", () => {
    expect(split("0912345678 A8 3 – 12 đường 19-5 Than Uyên")).toMatchObject({ ok: true, value: { items: "A8 3", address: "12 đường 19-5 Than Uyên" } });
    expect(split("0912345678 A8 3 - bản Mường Than")).toMatchObject({ ok: true, value: { items: "A8 3", address: "bản Mường Than" } });
  });

  it("takes out payment and pick-up words, before or after the dash", () => {
    expect(split("0912345678 A8 3 cod")).toMatchObject({ ok: true, value: { items: "A8 3", payment: "cod", pickup: false } });
    expect(split("0912345678 A8 3 — thôn 3 Mường Than, tiền mặt")).toMatchObject({ ok: true, value: { address: "thôn 3 Mường Than", payment: "cod" } });
    expect(split("0912345678 A8 3 — tự lấy")).toEqual({ ok: true, value: { phone: "0912345678", items: "A8 3", pickup: true } });
    expect(split("0912345678 A8 3 lấy tại quán chuyển khoản")).toMatchObject({ ok: true, value: { items: "A8 3", pickup: true, payment: "vietqr" } });
  });

  it("a phone elsewhere in the items is still found", () => {
    expect(split("A1 2 sđt 0912345678")).toMatchObject({ ok: true, value: { phone: "0912345678", items: "A1 2 sđt 0912345678" } });
  });

  it("says why a line is no order, never throws", () => {
    expect(split("")).toEqual({ ok: false, reason: "empty" });
    expect(split("   ")).toEqual({ ok: false, reason: "empty" });
    expect(split("hai phần")).toEqual({ ok: false, reason: "no_phone" });
    expect(split("😀😀")).toEqual({ ok: false, reason: "no_phone" });
    expect(split("0241234567 A1 2")).toEqual({ ok: false, reason: "no_phone" });
    expect(split("0912345678")).toEqual({ ok: false, reason: "no_items" });
    expect(split("0912345678 🍚 — thôn 3")).toEqual({ ok: false, reason: "no_items" });
    expect(split("0912345678 cod")).toEqual({ ok: false, reason: "no_items" });
    expect(split(`0912345678 ${"A1 ".repeat(2000)}`)).toEqual({ ok: false, reason: "too_long" });
  });
});

describe("the delivery zone an address names", () => {
  const zones = [{ name: "Thị trấn Than Uyên" }, { name: "Xã Mường Than" }, { name: "Xã Phúc Than" }];
  it("matches folded, without the administrative word, as whole words", () => {
    expect(zoneInAddress(zones, "thôn 3 Mường Than")?.name).toBe("Xã Mường Than");
    expect(zoneInAddress(zones, "ban na khuong, xa muong than")?.name).toBe("Xã Mường Than");
    expect(zoneInAddress(zones, "12 đường 19/5, TT Than Uyên")?.name).toBe("Thị trấn Than Uyên");
    expect(zoneInAddress(zones, "Phúc Than")?.name).toBe("Xã Phúc Than");
  });
  it("finds none where no zone is named", () => {
    expect(zoneInAddress(zones, "bản Mù, Sìn Hồ")).toBeUndefined();
    expect(zoneInAddress(zones, "Than")).toBeUndefined();
    expect(zoneInAddress(zones, "Mườngthan")).toBeUndefined();
  });
});
