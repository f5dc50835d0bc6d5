import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";
import { dong, setDemoPickup, startCarriers, type Carriers } from "./ship-helpers";

let t: TestApp;
let carriers: Carriers;
beforeEach(async () => {
  carriers = await startCarriers();
  t = await makeTestApp({ env: carriers.env });
  await setDemoPickup(t.sqlite.store);
});
afterEach(async () => {
  await t.close();
  await carriers.close();
});

/** One A1 (Lớn, cay vừa) in the cart, at the zone question. */
async function toZone(user: WebChatUser) {
  await user.open();
  await user.tap("Xem thực đơn");
  await user.tap("A1 ·");
  await user.tap("Lớn");
  await user.say("cay vua");
  await user.say("1");
  await user.tap("Đặt hàng");
  await user.tap("Giao tận nơi");
}

const order = () => t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();

describe("a buyer beyond the shop's zones, in the web chat", () => {
  it("types the place without diacritics, picks among the old and new Mường Than, sees the quoted fees and orders", async () => {
    const user = new WebChatUser(t.app);
    await toZone(user);
    expect(user.buttonLabels).toContain("📦 Nơi khác (gửi qua GHN/GHTK)");
    await user.tap("Nơi khác");
    expect(user.text).toContain("Bạn ở tỉnh/thành nào?");
    expect(user.buttonLabels).toEqual(expect.arrayContaining(["Hà Nội", "Hồ Chí Minh"]));

    await user.say("lia chau");
    expect(user.text).toContain("Mình chưa tìm thấy tỉnh/thành “lia chau”");
    await user.say("lai chau");
    expect(user.text).toContain("Bạn ở xã/phường nào của Tỉnh Lai Châu?");

    await user.say("muong tahn");
    expect(user.text).toContain("gõ lại tên xã/phường");
    expect(user.buttonLabels).toContain("Xã Mường Than");
    await user.say("muong than");
    expect(user.text).toContain("Tên này ứng với vài xã/phường");
    expect(user.buttonLabels.slice(0, 2)).toEqual(["Xã Mường Than (tên mới)", "Xã Than Uyên (gồm Xã Mường Than cũ)"]);
    await user.tap("Xã Mường Than (tên mới)");
    expect(user.text).toContain("Bạn ở thôn/bản/xóm/ấp/tổ nào của Xã Mường Than?");

    await user.say("😀😀");
    expect(user.text).toContain("Bạn gõ tên thôn/bản/xóm/ấp/tổ giúp mình");
    await user.say("ban Na Khuong");
    expect(user.text).toContain("Số nhà, tên đường");
    await user.say("so 5");

    expect(user.text).toContain("📍 So 5, Ban Na Khuong, Xã Mường Than, Tỉnh Lai Châu");
    const labels = user.buttonLabels.filter((l) => l.startsWith("GHN") || l.startsWith("GHTK"));
    expect(labels).toHaveLength(2);
    const ghn = labels.find((l) => l.startsWith("GHN")) ?? "";
    expect(ghn).toMatch(/^GHN — [\d.]+\s₫, giao dự kiến (thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật) \d\d\/\d\d$/);
    const fee = dong(ghn);
    expect(fee).toBeGreaterThan(0);
    expect(fee).not.toBe(25_000);
    // Asked once, outside the database (the run that needed it was rolled back and run again).
    expect(carriers.ghn.calls.filter((c) => c.path.endsWith("/v2/shipping-order/fee"))).toHaveLength(1);

    await user.tap("GHN —");
    expect(user.text).toContain("Số điện thoại");
    await user.say("0912345678");
    // A carrier comes when it comes: no delivery window, straight to the note.
    expect(user.text).toContain("Bỏ qua");
    await user.tap("Bỏ qua");
    expect(user.text).toContain(`Phí ship GHN: ${ghn.split(" — ")[1]?.split(",")[0]}`);
    expect(user.text).toContain("📍 Giao đến: So 5, Ban Na Khuong, Xã Mường Than, Tỉnh Lai Châu");
    expect(user.text).toContain("🚚 Giao dự kiến:");
    await user.tap("Xác nhận đặt");

    const o = await order();
    expect(o).toMatchObject({
      fulfilment: "delivery",
      zone_id: null,
      zone_name: "GHN",
      address: "So 5, Ban Na Khuong, Xã Mường Than, Tỉnh Lai Châu",
      ship_province_code: "12",
      ship_commune_code: "03618",
      ship_hamlet: "Ban Na Khuong",
      ship_street: "So 5",
      ship_carrier: "ghn",
      ship_fee_paid_by: "buyer",
      ship_quoted_fee: fee,
      ship_quote_fallback: 0,
      delivery_fee: fee,
      total: o.subtotal + fee,
    });
    expect(o.ship_expected_delivery).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Next time the same place is one tap away, quoted afresh.
    await user.tap("Chuyển khoản");
    const again = user;
    await again.say("/menu");
    await again.tap("A1 ·");
    await again.tap("Lớn");
    await again.say("cay vua");
    await again.say("1");
    await again.tap("Đặt hàng");
    await again.tap("Giao tận nơi");
    await again.tap("Nơi khác");
    await again.tap("So 5, Ban Na Khuong");
    expect(again.text).toContain("📍 So 5, Ban Na Khuong, Xã Mường Than, Tỉnh Lai Châu");
    expect(again.buttonLabels.some((l) => l.startsWith("GHN —"))).toBe(true);
    expect(carriers.ghn.calls.filter((c) => c.path.endsWith("/v2/shipping-order/fee"))).toHaveLength(2);
  });

  it("goes back step by step, and takes 'không có' for the hamlet and skips the street", async () => {
    const user = new WebChatUser(t.app);
    await toZone(user);
    await user.say("lai chau"); // a province typed at the zone question goes straight to the commune
    expect(user.text).toContain("Bạn ở xã/phường nào của Tỉnh Lai Châu?");
    await user.say("xa Pha Mu");
    expect(user.text).toContain("Xã Pha Mu (cũ) nay thuộc Xã Mường Kim.");
    await user.tap("Quay lại");
    expect(user.text).toContain("Bạn ở xã/phường nào của Tỉnh Lai Châu?");
    await user.say("😀🎉");
    expect(user.text).toContain("gõ lại tên xã/phường");
    await user.say("quay lại");
    expect(user.buttonLabels).toContain("📦 Nơi khác (gửi qua GHN/GHTK)");
    await user.tap("Nơi khác");
    await user.say("ư".repeat(5000));
    expect(user.text).toContain("Bạn gõ lại tên tỉnh nhé");
    expect(user.text.length).toBeLessThan(600);
    await user.say("Lai Châu");
    await user.say("Than Uyen");
    expect(user.buttonLabels).toEqual(expect.arrayContaining(["Xã Than Uyên (tên mới)", "Xã Mường Kim", "Xã Khoen On"]));
    await user.say("3");
    expect(user.text).toMatch(/thôn\/bản\/xóm\/ấp\/tổ nào của Xã/);
    await user.say("không có");
    await user.tap("Bỏ qua");
    expect(user.buttonLabels.some((l) => l.startsWith("GHTK —"))).toBe(true);
    const ghtkCall = carriers.ghtk.calls.find((c) => c.path.includes("/services/shipment/fee"));
    expect(ghtkCall).toBeDefined();
    expect(JSON.stringify(ghtkCall)).toContain("Khác");
  });

  it("falls back to the shop's flat fee with a note when a carrier fails, never a stuck buyer", async () => {
    carriers.ghn.faults.inject({ kind: "http", status: 503 }, { times: 10 });
    const user = new WebChatUser(t.app);
    await toZone(user);
    await user.tap("Nơi khác");
    await user.tap("Hà Nội");
    await user.say("p. Cong Vi");
    expect(user.text).toContain("Tên này ứng với vài xã/phường");
    expect(user.buttonLabels).toEqual(expect.arrayContaining(["Phường Ngọc Hà (một phần Phường Cống Vị cũ)", "Phường Giảng Võ (một phần Phường Cống Vị cũ)"]));
    await user.tap("Phường Giảng Võ");
    await user.say("Tổ 5");
    await user.say("x".repeat(5000));
    const ghn = user.buttonLabels.find((l) => l.startsWith("GHN")) ?? "";
    expect(ghn).toMatch(/^GHN — 25\.000\s₫$/);
    expect(user.text).toContain("GHN");
    await user.tap("GHN");
    await user.say("0912345678");
    await user.tap("Bỏ qua");
    await user.tap("Xác nhận đặt");
    const o = await order();
    expect(o).toMatchObject({ ship_carrier: "ghn", ship_quote_fallback: 1, delivery_fee: 25_000, ship_commune_code: "00025" });
    expect(o.ship_street?.length).toBe(150);
  });
});

describe("where no run holds the database (D1: no atomic unit)", () => {
  it("asks the carriers directly, once, and the buyer sees the same fees", async () => {
    const d1Like = await makeTestApp({ env: carriers.env });
    try {
      await setDemoPickup(d1Like.sqlite.store);
      const { atomic: _atomic, ...store } = d1Like.sqlite.store;
      const app = await makeTestApp({ env: carriers.env, deps: { store } });
      const user = new WebChatUser(app.app);
      await toZone(user);
      await user.tap("Nơi khác");
      await user.say("lai chau");
      await user.say("muong kim");
      await user.say("Thôn 3");
      const before = carriers.ghn.calls.length;
      await user.tap("Bỏ qua");
      expect(user.buttonLabels.some((l) => l.startsWith("GHN —"))).toBe(true);
      expect(carriers.ghn.calls.slice(before).filter((c) => c.path.endsWith("/v2/shipping-order/fee"))).toHaveLength(1);
      await app.close();
    } finally {
      await d1Like.close();
    }
  });
});
