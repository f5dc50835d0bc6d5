import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/chat/types";
import { recordTransfer } from "../../src/domain/payments/record-transfer";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

// Issue 19, item 4: a returning buyer finds the way back to an unpaid order's QR.
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const buttons = (replies: Reply[]) => replies.flatMap((r) => r.buttons ?? []);
const payButtons = (replies: Reply[]) => buttons(replies).filter((b) => b.label.includes("Thanh toán"));

describe("the buyer's own orders and the way back to the QR", () => {
  it("/orders lists item names, the time placed and a Thanh toán button to the payment page", async () => {
    const { user, order } = await placeTransferOrder(t);
    await user.say("/orders");
    expect(user.text).toContain(`• ${order.code} — 45.000 ₫ — chờ thanh toán (chưa thanh toán)\n   A1 Cơm gà nướng mắc khén (Vừa, Không cay) × 1\n   🕒 Đặt lúc 10:30 23/11`);
    expect(payButtons(user.last)).toEqual([{ label: `💳 Thanh toán ${order.code}`, url: `/pay/${order.pay_token}` }]);
    // The link really is that order's payment page.
    const page = await t.app.request(`/pay/${order.pay_token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(order.code);
  });

  it("greets a returning buyer with the unpaid order, its pay button and 'Đơn của tôi'", async () => {
    const { user, order } = await placeTransferOrder(t);
    await user.say("/start");
    expect(user.text).toContain("Chào mừng bạn quay lại");
    expect(user.text).toContain(`🧾 Đơn ${order.code} đang chờ bạn chuyển khoản 45.000 ₫, giữ hàng đến `);
    expect(payButtons(user.last)).toEqual([{ label: `💳 Thanh toán ${order.code}`, url: `/pay/${order.pay_token}` }]);
    expect(user.buttonLabels).toContain("🧾 Đơn của tôi");
    await user.tap("Đơn của tôi");
    expect(user.text).toContain("Đơn hàng gần đây của bạn:");

    // The page's "resume" with another order in progress: the unpaid order first, then where they were.
    await user.tap("Xem thực đơn");
    await user.send({ action: "resume" });
    expect(user.last[0]?.text).toContain(`Đơn ${order.code} đang chờ bạn chuyển khoản`);
    expect(user.text).toContain("Thực đơn Bếp Nhà Mây");
  });

  it("offers no pay button once the order is paid, nor for cash on delivery", async () => {
    const { user, order } = await placeTransferOrder(t);
    const shop = await t.sqlite.store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
    await recordTransfer(t.sqlite.store, shop, { provider: "manual", providerTxId: "tx-1", amount: order.total, content: order.code, raw: {} }, t.clock.now());
    await user.say("/orders");
    expect(user.text).toContain(`${order.code} — 45.000 ₫`);
    expect(payButtons(user.last)).toEqual([]);
    await user.say("/start");
    expect(user.text).not.toContain("đang chờ bạn chuyển khoản");
    expect(payButtons(user.last)).toEqual([]);

    const cod = await placeTransferOrder(t, { method: "cod" });
    await cod.user.say("/orders");
    expect(cod.user.text).toContain(`${cod.order.code} — 45.000 ₫ — đã xác nhận (trả khi nhận)`);
    expect(payButtons(cod.user.last)).toEqual([]);
  });

  it("a partly paid transfer is greeted with what remains", async () => {
    const { user, order } = await placeTransferOrder(t);
    const shop = await t.sqlite.store.db.selectFrom("shops").selectAll().where("slug", "=", "demo").executeTakeFirstOrThrow();
    await recordTransfer(t.sqlite.store, shop, { provider: "manual", providerTxId: "tx-2", amount: 20_000, content: order.code, raw: {} }, t.clock.now());
    await user.say("/start");
    expect(user.text).toContain(`Đơn ${order.code} đang chờ bạn chuyển khoản 25.000 ₫`);
    expect(payButtons(user.last)).toHaveLength(1);
  });
});

describe("issue 19, item 11 (small ones)", () => {
  it("the menu heads each category once, even for a product added after the others", async () => {
    const db = t.sqlite.store.db;
    const shop = await db.selectFrom("shops").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
    // The catalog editor puts a new product last (sort = max + 1): after "Đồ uống".
    await db
      .insertInto("products")
      .values({ shop_id: shop.id, code: "A9", name: "Măng khô Than Uyên", price: 120_000, unit: "gói", stock: 10, category: "Đặc sản", description: "", sort: 99, created_at: t.clock.now().toISOString() })
      .execute();
    const user = new WebChatUser(t.app);
    await user.open();
    await user.tap("Xem thực đơn");
    const menu = user.text;
    expect(menu.split("— Đặc sản —")).toHaveLength(2);
    expect(menu.split("— Món chính —")).toHaveLength(2);
    expect(menu.indexOf("A9 · Măng khô")).toBeGreaterThan(menu.indexOf("A7 · Lạp xưởng"));
    expect(menu.indexOf("A9 · Măng khô")).toBeLessThan(menu.indexOf("— Đồ uống —"));
    // The buttons follow the same order.
    const codes = user.buttonLabels.map((l) => l.split(" ")[0]);
    expect(codes.indexOf("A9")).toBe(codes.indexOf("A7") + 1);
  });

  it("a wrong schedule on the Vietnamese broadcasts page is explained in Vietnamese", async () => {
    const client = await DashboardClient.asOperator(t);
    await client.get("/dashboard/broadcasts?shop=demo");
    for (const [cron, reason] of [
      ["30 10 * *", "lịch cần đúng 5 trường"],
      ["61 10 * * *", "có trường sai giá trị"],
    ] as const) {
      const res = await client.post("/dashboard/broadcasts?shop=demo", { do: "schedule", kind: "menu", preset: "custom", cron });
      expect(res.status).toBe(400);
      const body = await res.text();
      expect(body).toContain(`Lịch không hợp lệ: ${reason}`);
      expect(body).not.toMatch(/a schedule has|invalid|out of range|illegal/i);
    }
  });

  it("serves a cacheable SVG favicon at /favicon.ico and /favicon.svg", async () => {
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(res.headers.get("cache-control")).toContain("max-age=");
      expect(await res.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });
});
