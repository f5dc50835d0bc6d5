import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lineOptions, orderLineText } from "../../src/domain/orders/line-text";
import { runDailySummaries } from "../../src/jobs/daily-summary";
import type { Reply } from "../../src/chat/types";
import { DashboardClient } from "../helpers/dashboard";
import { ADMIN_TOKEN, makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

// Issue 17 item 2: an order line shows its chosen options wherever a person sees the line.
const A1_LINE = "A1 Cơm gà nướng mắc khén (Lớn, Cay vừa) × 2";
const A1_PRICED = `${A1_LINE} = 110.000 ₫`;
const STAFF_CHAT = "-1001234567890";

describe("orderLineText", () => {
  it("writes code, name, options and quantity one way, from a row or a cart line", () => {
    expect(orderLineText({ code: "A1", name: "Cơm gà nướng", options: '["Lớn","Cay nhiều"]', qty: 2 })).toBe("A1 Cơm gà nướng (Lớn, Cay nhiều) × 2");
    expect(orderLineText({ code: "A1", name: "Cơm gà nướng", options: ["Lớn", "Cay nhiều"], qty: 2 }, 110_000)).toBe("A1 Cơm gà nướng (Lớn, Cay nhiều) × 2 = 110.000 ₫");
    expect(orderLineText({ code: "A8", name: "Nước mơ ngâm", options: "[]", qty: 1 })).toBe("A8 Nước mơ ngâm × 1");
    expect(orderLineText({ code: "A8", name: "Nước mơ ngâm", options: null, qty: 3 }, 45_000)).toBe("A8 Nước mơ ngâm × 3 = 45.000 ₫");
  });

  it("reads an unreadable options column as no options rather than failing", () => {
    expect(lineOptions("not json")).toEqual([]);
    expect(lineOptions('{"a":1}')).toEqual([]);
    expect(lineOptions('["Lớn", 2, null]')).toEqual(["Lớn", "2"]);
  });
});

describe("an order with options, everywhere its lines are shown", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
    // Staff notices go to a staff group, so the new-order notice lands in the outbox.
    await t.sqlite.store.db.updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("slug", "=", "demo").execute();
  });
  afterEach(async () => {
    await t.close();
  });

  const outboxTo = async (chatId: string) =>
    (await t.sqlite.store.db.selectFrom("outbox").select("payload").where("chat_id", "=", chatId).orderBy("id").execute()).map((r) => (JSON.parse(r.payload) as Reply).text);

  /** A1 Lớn, cay vừa × 2 and A5 × 1, delivered, with a note, paid by transfer; returns the pay page's path. */
  async function placeOrder(user: WebChatUser): Promise<string> {
    await user.open();
    await user.say("A1");
    await user.tap("Lớn");
    await user.tap("Cay vừa");
    await user.say("2");
    // The buyer's cart.
    expect(user.text).toContain(`• ${A1_PRICED}`);
    await user.tap("Thêm món");
    await user.say("A5");
    await user.say("1");
    await user.tap("Đặt hàng");
    await user.tap("Giao tận nơi");
    await user.tap("Xã Mường Than");
    await user.say("Bản Nà Khương, nhà số 5");
    await user.say("0912345678");
    await user.tap("Hôm nay 11:30");
    await user.say("ít cơm, nhiều rau");
    // The summary before confirming.
    expect(user.text).toContain("🧾 Kiểm tra lại đơn hàng:");
    expect(user.text).toContain(`• ${A1_PRICED}`);
    expect(user.text).toContain("• A5 Mật ong hoa bạc hà × 1 = 250.000 ₫");
    await user.tap("Xác nhận đặt");
    await user.tap("Chuyển khoản");
    const pay = user.last.flatMap((r) => r.buttons ?? []).find((b) => b.url)?.url;
    expect(pay).toMatch(/^\/pay\//);
    return pay ?? "";
  }

  it("shows the options in the staff notice, the dashboard, the pay page, the API, /orders and the day's summary", async () => {
    const user = new WebChatUser(t.app);
    const payPath = await placeOrder(user);
    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    const stored = await t.sqlite.store.db.selectFrom("order_items").select(["code", "options"]).orderBy("line_no").execute();
    expect(stored.map((i) => [i.code, JSON.parse(i.options)])).toEqual([
      ["A1", ["Lớn", "Cay vừa"]],
      ["A5", []],
    ]);

    // The staff notice (the one with the Accept/Reject buttons): every line with its options, and the buyer's note.
    const notice = (await outboxTo(STAFF_CHAT)).find((text) => text.includes(`🆕 Đơn mới ${order.code}`)) ?? "";
    expect(notice).toContain(`• ${A1_PRICED}`);
    expect(notice).toContain("• A5 Mật ong hoa bạc hà × 1 = 250.000 ₫");
    expect(notice).toContain("📝 ít cơm, nhiều rau");

    // The dashboard's orders board: the card lists the line with its options, and the note.
    const dashboard = await DashboardClient.asOperator(t);
    const board = await dashboard.get("/dashboard?shop=demo&date=2026-11-23");
    expect(board.status).toBe(200);
    const card = board.html.slice(board.html.indexOf(`data-code="${order.code}"`));
    expect(card).toContain(`<li>${A1_LINE}</li>`);
    expect(card).toContain("<li>A5 Mật ong hoa bạc hà × 1</li>");
    expect(card).toContain("📝 ít cơm, nhiều rau");

    // The buyer's payment page.
    const page = await t.app.request(payPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<li>${A1_PRICED}</li>`);
    expect(html).toContain("<li>A5 Mật ong hoa bạc hà × 1 = 250.000 ₫</li>");

    // The orders API, one order and the day's list: options per line as CONTRACT.md says.
    const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    const one = (await (await t.app.request(`/api/shops/demo/orders/${order.code}`, auth)).json()) as { items: { code: string; options: string[] }[]; note: string };
    expect(one.items.map((i) => [i.code, i.options])).toEqual([
      ["A1", ["Lớn", "Cay vừa"]],
      ["A5", []],
    ]);
    expect(one.note).toBe("ít cơm, nhiều rau");
    const day = (await (await t.app.request("/api/shops/demo/orders?date=2026-11-23", auth)).json()) as { items: { options: string[] }[] }[];
    expect(day[0]?.items[0]?.options).toEqual(["Lớn", "Cay vừa"]);

    // The buyer's /orders: each order and, under it, its lines with their options.
    await user.say("/orders");
    expect(user.text).toMatch(new RegExp(`• ${order.code} — 375\\.000 ₫ — chờ thanh toán \\(chưa thanh toán\\)\\n {3}${A1_LINE.replace(/[()]/g, "\\$&")}\\n {3}A5 Mật ong hoa bạc hà × 1`));

    // The end-of-day summary's best sellers: one line per product and choice of options.
    t.clock.set(new Date("2026-11-23T14:00:00.000Z"));
    expect(await runDailySummaries(t.sqlite.store, t.clock.now())).toBe(1);
    const summary = (await outboxTo(STAFF_CHAT)).find((text) => text.startsWith("📊")) ?? "";
    expect(summary).toContain(`Bán chạy:\n1. ${A1_LINE}\n2. A5 Mật ong hoa bạc hà × 1`);
  });

  it("keeps two choices of one product apart in the day's summary", async () => {
    for (const size of ["Lớn", "Vừa"]) {
      const user = new WebChatUser(t.app);
      await user.open();
      await user.say("A1");
      await user.tap(size);
      await user.tap("Không cay");
      await user.say(size === "Lớn" ? "3" : "1");
      await user.tap("Đặt hàng");
      await user.tap("Tự đến lấy");
      await user.say("0912345678");
      await user.tap("Hôm nay 11:30");
      await user.tap("Bỏ qua");
      await user.tap("Xác nhận đặt");
      await user.tap("Tiền mặt");
    }
    t.clock.set(new Date("2026-11-23T14:00:00.000Z"));
    expect(await runDailySummaries(t.sqlite.store, t.clock.now())).toBe(1);
    const summary = (await outboxTo(STAFF_CHAT)).find((text) => text.startsWith("📊")) ?? "";
    expect(summary).toContain("Bán chạy:\n1. A1 Cơm gà nướng mắc khén (Lớn, Không cay) × 3\n2. A1 Cơm gà nướng mắc khén (Vừa, Không cay) × 1");
  });
});
