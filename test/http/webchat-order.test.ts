import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const stockOf = async (code: string) =>
  (await t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", code).executeTakeFirstOrThrow()).stock;

/** Walks a buyer from an empty chat to the summary with one A1 (Lớn, cay vừa) × 2 and one A5. */
async function fillCartAndCheckout(user: WebChatUser) {
  await user.open();
  await user.tap("Xem thực đơn");
  expect(user.text).toContain("A1 · Cơm gà nướng mắc khén — 45.000 ₫/phần");
  await user.tap("A1 ·");
  expect(user.text).toContain("Chọn cỡ phần cho Cơm gà nướng mắc khén");
  await user.tap("Lớn");
  expect(user.text).toContain("Chọn độ cay");
  await user.say("cay vua");
  expect(user.text).toContain("Bạn lấy mấy phần Cơm gà nướng mắc khén");
  await user.say("hai phần");
  expect(user.text).toContain("Đã thêm 2 phần Cơm gà nướng mắc khén vào giỏ.");
  expect(user.text).toContain("• A1 Cơm gà nướng mắc khén (Lớn, Cay vừa) × 2 = 110.000 ₫");
  await user.tap("Thêm món");
  await user.say("mat ong hoa bac ha");
  expect(user.text).toContain("OCOP 4 sao");
  await user.tap("1");
  expect(user.text).toContain("Tạm tính: 360.000 ₫");
  await user.tap("Đặt hàng");
}

describe("guided order in the web chat", () => {
  it("takes a delivery order end to end, reserves stock and writes the rows", async () => {
    const user = new WebChatUser(t.app);
    await fillCartAndCheckout(user);
    expect(user.text).toContain("Bạn muốn nhận hàng thế nào?");
    await user.tap("Giao tận nơi");
    expect(user.buttonLabels.join("|")).toContain("Xã Mường Than · 15.000 ₫ · từ 80.000 ₫");
    await user.tap("Xã Mường Than");
    await user.say("Bản Nà Khương, nhà số 5, gần trường tiểu học");
    await user.say("0912 345 678");
    expect(user.text).toContain("Bạn muốn nhận lúc nào?");
    // 10:30 now and 30 minutes' lead: the 10:30 slot is gone, 11:30 is first.
    expect(user.buttonLabels[0]).toBe("Hôm nay 11:30–12:30");
    await user.tap("Hôm nay 11:30");
    await user.say("ít cay giúp em");
    expect(user.text).toContain("Phí giao (Xã Mường Than): 15.000 ₫");
    expect(user.text).toContain("Tổng cộng: 375.000 ₫");
    expect(user.text).toContain("📍 Giao đến: Bản Nà Khương, nhà số 5, gần trường tiểu học");
    expect(user.text).toContain("📞 0912345678");
    expect(user.text).toContain("🕒 23/11 11:30–12:30");
    expect(user.text).toContain("📝 ít cay giúp em");

    await user.tap("Xác nhận đặt");
    expect(user.text).toMatch(/Đơn CC[A-Z2-9]{6} đã giữ hàng cho bạn/);
    expect(await stockOf("A1")).toBe(48);
    expect(await stockOf("A5")).toBe(19);

    await user.tap("Chuyển khoản");
    expect(user.text).toContain("Vui lòng chuyển khoản 375.000 ₫ với nội dung: CC");
    const payButton = user.last.flatMap((r) => r.buttons ?? []).find((b) => b.url);
    expect(payButton?.url).toMatch(/^\/pay\/[A-Za-z0-9_-]{22}$/);

    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      status: "pending_payment",
      payment_status: "unpaid",
      payment_method: "vietqr",
      fulfilment: "delivery",
      zone_name: "Xã Mường Than",
      subtotal: 360_000,
      delivery_fee: 15_000,
      total: 375_000,
      phone: "0912345678",
      slot: "23/11 11:30–12:30",
      note: "ít cay giúp em",
      service_date: "2026-11-23",
      channel: "webchat",
    });
    expect(order.code).toMatch(/^CC[A-Z2-9]{6}$/);
    const items = await t.sqlite.store.db.selectFrom("order_items").selectAll().orderBy("line_no").execute();
    expect(items.map((i) => [i.code, i.qty, i.unit_price, i.line_total, JSON.parse(i.options)])).toEqual([
      ["A1", 2, 55_000, 110_000, ["Lớn", "Cay vừa"]],
      ["A5", 1, 250_000, 250_000, []],
    ]);
    const held = await t.sqlite.store.db.selectFrom("stock_reservations").select(["qty", "status"]).execute();
    expect(held).toEqual([
      { qty: 2, status: "held" },
      { qty: 1, status: "held" },
    ]);

    // The operator API shows it, in the contract's shape.
    const res = await t.app.request("/api/shops/demo/orders?date=2026-11-23", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const [listed] = (await res.json()) as Record<string, unknown>[];
    expect(listed).toMatchObject({
      code: order.code,
      status: "pending_payment",
      paymentStatus: "unpaid",
      channel: "webchat",
      subtotal: 360_000,
      deliveryFee: 15_000,
      total: 375_000,
      fulfilment: "delivery",
      zone: "Xã Mường Than",
      payment: { method: "vietqr", memo: order.code, paidAmount: 0 },
      buyer: { channel: "webchat", userId: user.session },
    });
    const one = await t.app.request(`/api/shops/demo/orders/${order.code.toLowerCase()}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(((await one.json()) as { items: unknown[] }).items).toEqual([
      { code: "A1", name: "Cơm gà nướng mắc khén", options: ["Lớn", "Cay vừa"], qty: 2, unitPrice: 55_000, lineTotal: 110_000 },
      { code: "A5", name: "Mật ong hoa bạc hà", options: [], qty: 1, unitPrice: 250_000, lineTotal: 250_000 },
    ]);

    // The payment page shows the amount and the memo; a made-up token is 404.
    const page = await t.app.request(payButton?.url ?? "");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("375.000 ₫");
    expect(html).toContain(order.code);
    expect(html).toContain("0011001932418");
    expect((await t.app.request("/pay/AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  });

  it("takes a pick-up order paid cash on delivery", async () => {
    const user = new WebChatUser(t.app);
    await fillCartAndCheckout(user);
    await user.tap("Tự đến lấy");
    expect(user.text).toContain("Số điện thoại");
    await user.say("+84 912 000 111");
    await user.tap("Hôm nay 11:30");
    await user.tap("Bỏ qua");
    expect(user.text).toContain("Nhận tại shop: miễn phí giao");
    expect(user.text).toContain("Tổng cộng: 360.000 ₫");
    await user.say("ok");
    await user.tap("Tiền mặt");
    expect(user.text).toContain("Bạn trả 360.000 ₫ tiền mặt khi nhận hàng");
    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: "confirmed", payment_status: "cod", payment_method: "cod", fulfilment: "pickup", delivery_fee: 0, phone: "0912000111", note: null });
  });

  it("offers a returning buyer the last address, phone and the same order again", async () => {
    const user = new WebChatUser(t.app);
    await fillCartAndCheckout(user);
    await user.tap("Giao tận nơi");
    await user.tap("Thị trấn Than Uyên");
    await user.say("Tổ 3, khu 5, thị trấn");
    await user.say("0987654321");
    await user.tap("Hôm nay 11:30");
    await user.tap("Bỏ qua");
    await user.tap("Xác nhận đặt");
    await user.tap("Tiền mặt");

    await user.say("/start");
    expect(user.text).toContain("Chào mừng bạn quay lại");
    await user.tap("Đặt lại đơn trước");
    expect(user.text).toContain("• A1 Cơm gà nướng mắc khén (Lớn, Cay vừa) × 2 = 110.000 ₫");
    expect(user.text).toContain("• A5 Mật ong hoa bạc hà × 1 = 250.000 ₫");
    await user.tap("Đặt hàng");
    await user.tap("Giao tận nơi");
    await user.tap("Thị trấn Than Uyên");
    expect(user.buttonLabels).toContain("↩️ Tổ 3, khu 5, thị trấn");
    await user.tap("Tổ 3, khu 5");
    expect(user.buttonLabels).toContain("↩️ 0987654321");
    await user.tap("0987654321");
    expect(user.text).toContain("Bạn muốn nhận lúc nào?");

    await user.say("/orders");
    expect(user.text).toMatch(/CC[A-Z2-9]{6} — 370\.000 ₫ — đã xác nhận \(trả khi nhận\)/);
  });

  it("enforces a zone's minimum order and lets the buyer add more or pick up", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.say("A8");
    await user.say("1");
    await user.tap("Đặt hàng");
    await user.tap("Giao tận nơi");
    await user.tap("Xã Phúc Than");
    expect(user.text).toContain("Đơn giao đến Xã Phúc Than tối thiểu 150.000 ₫; giỏ của bạn mới 15.000 ₫ (thiếu 135.000 ₫).");
    expect(user.buttonLabels).toEqual(expect.arrayContaining(["➕ Thêm món", "🏪 Tự đến lấy"]));
    await user.tap("Tự đến lấy");
    expect(user.text).toContain("Số điện thoại");
  });

  it("goes back a step and cancels from anywhere, releasing a held draft", async () => {
    const user = new WebChatUser(t.app);
    await fillCartAndCheckout(user);
    await user.tap("Giao tận nơi");
    await user.tap("Thị trấn Than Uyên");
    await user.say("quay lại");
    expect(user.text).toContain("Bạn ở xã/phường nào?");
    await user.tap("Quay lại");
    expect(user.text).toContain("Bạn muốn nhận hàng thế nào?");
    await user.tap("Tự đến lấy");
    await user.say("0912345678");
    await user.tap("Hôm nay 11:30");
    await user.tap("Bỏ qua");
    await user.tap("Xác nhận đặt");
    expect(await stockOf("A1")).toBe(48);
    await user.say("huỷ");
    expect(user.text).toContain("Đã huỷ đơn đang đặt.");
    expect(await stockOf("A1")).toBe(50);
    const order = await t.sqlite.store.db.selectFrom("orders").select(["status", "cancel_reason"]).executeTakeFirstOrThrow();
    expect(order).toEqual({ status: "cancelled", cancel_reason: "buyer_cancelled" });
  });

  it("answers a stale button from an earlier order and shows the current step", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.say("A8");
    const oldQty = user.action("2");
    await user.say("huỷ");
    await user.say("A2");
    await user.send({ action: oldQty });
    expect(user.text).toContain("Nút này thuộc một lượt đặt trước đó");
    expect(user.text).toContain("Chọn thêm cho Bún chả cá sông Đà");
  });

  it("refuses sold-out items and items outside their hours, offering alternatives", async () => {
    await t.sqlite.store.db.updateTable("products").set({ stock: 0 }).where("code", "=", "A4").execute();
    const user = new WebChatUser(t.app);
    await user.open();
    await user.say("A4");
    expect(user.text).toContain("Rất tiếc, Lẩu cá tầm (4 người) đã hết hàng.");
    expect(user.text).toContain("Bạn có thể chọn món khác:");
    expect(user.buttonLabels.some((l) => l.startsWith("A1 ·"))).toBe(true);
    await user.say("xoi ngu sac");
    expect(user.text).toContain("Xôi ngũ sắc chỉ bán từ 06:00 đến 10:30.");
    t.clock.set(new Date("2026-11-23T01:00:00.000Z")); // 08:00 in Hà Nội
    await user.say("A3");
    expect(user.text).toContain("Bạn lấy mấy phần Xôi ngũ sắc");
  });

  it("does not let a buyer add more than the stock left", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.say("A4");
    await user.say("5");
    expect(user.text).toContain("Lẩu cá tầm (4 người) chỉ còn 3 nồi.");
    await user.say("3");
    expect(user.text).toContain("Đã thêm 3 nồi");
  });

  it("speaks English after /lang en", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.say("/lang en");
    expect(user.text).toBe("Switched to English.");
    await user.say("menu");
    expect(user.text).toContain("📋 Bếp Nhà Mây menu:");
    await user.say("A8");
    expect(user.text).toContain("How many ly of Nước mơ ngâm?");
  });
});

describe("a buyer who only types (no buttons, as on Zalo)", () => {
  it("orders with words and numbers alone", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    for (const [typed, expected] of [
      ["nuoc mo", "Bạn lấy mấy ly Nước mơ ngâm?"],
      ["hai ly", "• A8 Nước mơ ngâm × 2 = 30.000 ₫"],
      ["đặt hàng", "Bạn muốn nhận hàng thế nào?"],
      ["tự lấy", "Số điện thoại"],
      ["sđt 0912.345.678 nha", "Bạn muốn nhận lúc nào?"],
      ["1", "Bạn có ghi chú gì cho shop không?"],
      ["không", "Tổng cộng: 30.000 ₫"],
      ["ok", "Bạn thanh toán thế nào?"],
      ["chuyển khoản", "Vui lòng chuyển khoản 30.000 ₫ với nội dung: CC"],
    ] as const) {
      await user.say(typed);
      expect(user.text, `after typing "${typed}"`).toContain(expected);
    }
  });
});

describe("a double tap on slow 3G", () => {
  it("a second tap on 'Chuyển khoản' gets one short line, never the whole menu over the QR", async () => {
    const t = await makeTestApp();
    try {
      const user = new WebChatUser(t.app);
      await user.open();
      await user.say("A8");
      await user.say("1");
      await user.pickUpFromCart();
      await user.tap("Xác nhận đặt");
      const transfer = user.action("Chuyển khoản");
      await user.send({ action: transfer });
      expect(user.text).toContain("Số tài khoản");
      await user.send({ action: transfer });
      expect(user.last).toHaveLength(1);
      expect(user.text).toBe("Nút này thuộc một lượt đặt trước đó, không còn dùng nữa. Đơn đã đặt vẫn giữ nguyên.");
      expect(user.text).not.toContain("Thực đơn");
      const orders = await t.sqlite.store.db.selectFrom("orders").select("id").execute();
      expect(orders).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
