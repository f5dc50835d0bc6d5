import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDailySummaries } from "../../src/jobs/daily-summary";
import { ADMIN_TOKEN, MONDAY_1030, WebChatUser } from "../helpers/test-app";
import { inlineButtons, telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
const OWNER = 9000;
const HELPER = 9001;
const SHIPPER = 9002;
const STAFF_GROUP = -100_600;
const AN = 7001;
const BINH = 7002;
const CHI = 7003;

const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const order = (code: string) => w.t.sqlite.store.db.selectFrom("orders").selectAll().where("code", "=", code).executeTakeFirstOrThrow();

beforeEach(async () => {
  w = await telegramWorld({ env: { SEPAY_API_KEY: "test_sepay_api_key_123" } });
  for (const [id, name] of [[OWNER, "Mây"], [HELPER, "Hoa"], [SHIPPER, "Tú"], [AN, "An"], [BINH, "Bình"], [CHI, "Chi"]] as const) w.fake.addUser({ id, firstName: name });
  w.fake.addGroup({ id: STAFF_GROUP, title: "Nhân viên", type: "supergroup", botIsAdmin: true, members: [OWNER, HELPER, SHIPPER] });
  await api("/staff", { channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" });
  await api("/staff", { channel: "telegram", userId: String(HELPER), name: "Hoa", role: "staff" });
  await api("/staff", { channel: "telegram", userId: String(SHIPPER), name: "Anh Tú", role: "shipper" });
  await w.t.sqlite.store.db.updateTable("staff").set({ phone: "0977000111" }).where("user_id", "=", String(SHIPPER)).execute();
  await w.post(w.fake.updates.groupText(OWNER, STAFF_GROUP, "/staffgroup"));
  await w.flush();
});
afterEach(async () => {
  await w.close();
});

/** A Telegram buyer's pick-up order of one item, paid as asked; returns its code. */
async function telegramOrder(buyer: TelegramBuyer, typed: string[], pay: "Tiền mặt" | "Chuyển khoản", delivery?: { zone: string; address: string }) {
  for (const text of typed) await buyer.say(text);
  await buyer.tap("Đặt hàng");
  if (delivery) {
    await buyer.tap("Giao tận nơi");
    await buyer.tap(delivery.zone);
    await buyer.say(delivery.address);
  } else {
    await buyer.tap("Tự đến lấy");
  }
  await buyer.say("0912345678");
  await buyer.tap("Hôm nay 11:30");
  await buyer.tap("Bỏ qua");
  await buyer.tap("Xác nhận đặt");
  await buyer.tap(pay);
  const latest = await w.t.sqlite.store.db.selectFrom("orders").select("code").where("chat_id", "=", String(buyer.id)).orderBy("id", "desc").executeTakeFirstOrThrow();
  expect(buyer.texts.join("\n")).toContain(`Đơn ${latest.code} đã được ghi nhận!`);
  return latest.code;
}

/** Taps a staff button under the newest staff-group message about `code`. */
async function staffTaps(staffId: number, code: string, label: string) {
  const msg = w.fake.sent(STAFF_GROUP).filter((m) => inlineButtons(m).some((b) => b.text.includes(label) && b.callback_data?.includes(code))).at(-1);
  const data = inlineButtons(msg).find((b) => b.text.includes(label) && b.callback_data?.includes(code))?.callback_data;
  if (!msg || !data) throw new Error(`no "${label}" button for ${code} in the staff group`);
  await w.post(w.fake.updates.callback(staffId, msg, data));
  await w.flush();
  return w.fake.sent(STAFF_GROUP).at(-1)?.text ?? "";
}

describe("a full day at Bếp Nhà Mây", () => {
  it("orders in, accepted, paid, delivered, one cancelled; the 21:00 summary is right to the đồng", async () => {
    // Yesterday's order must not count today.
    w.t.clock.set(new Date(MONDAY_1030.getTime() - 24 * 3_600_000));
    const yesterday = new WebChatUser(w.t.app);
    await yesterday.say("A8");
    await yesterday.say("5");
    await yesterday.tap("Đặt hàng");
    await yesterday.tap("Tự đến lấy");
    await yesterday.say("0912345678");
    await yesterday.tap("Hôm nay 11:30");
    await yesterday.tap("Bỏ qua");
    await yesterday.tap("Xác nhận đặt");
    await yesterday.tap("Tiền mặt");
    w.t.clock.set(MONDAY_1030);

    const an = new TelegramBuyer(w, AN);
    const binh = new TelegramBuyer(w, BINH);
    const chi = new TelegramBuyer(w, CHI);
    // 1. An: 2 × A1 (Vừa, không cay) delivered to Mường Than, cash: 90.000 + 15.000.
    await an.say("A1");
    await an.tap("Vừa");
    await an.tap("Không cay");
    const c1 = await telegramOrder(an, ["2"], "Tiền mặt", { zone: "Xã Mường Than", address: "Bản Nà Khương, nhà số 5" });
    // 2. Bình: A5 picked up, by transfer; paid through SePay.
    const c2 = await telegramOrder(binh, ["A5", "1"], "Chuyển khoản");
    // 3. A web chat buyer: 2 × A8, cash.
    const web = new WebChatUser(w.t.app);
    await web.say("A8");
    await web.say("2");
    await web.tap("Đặt hàng");
    await web.tap("Tự đến lấy");
    await web.say("0912345678");
    await web.tap("Hôm nay 11:30");
    await web.tap("Bỏ qua");
    await web.tap("Xác nhận đặt");
    await web.tap("Tiền mặt");
    const c3 = /CC[A-Z2-9]{6}/.exec(web.text)?.[0] ?? "";
    // 4. Chi: A6 by transfer, never paid.
    const c4 = await telegramOrder(chi, ["A6", "1"], "Chuyển khoản");
    // 5. Chi again: A2, cash; the shop will cancel it.
    await chi.say("A2");
    await chi.tap("Không thêm");
    const c5 = await telegramOrder(chi, ["1"], "Tiền mặt");
    expect(new Set([c1, c2, c3, c4, c5]).size).toBe(5);
    for (const c of [c1, c2, c4, c5]) expect(w.fake.sent(STAFF_GROUP).some((m) => m.text?.includes(`🆕 Đơn mới ${c}`))).toBe(true);

    // Bình pays by transfer.
    const pay = await w.t.app.request("/webhooks/sepay/demo", {
      method: "POST",
      headers: { authorization: "Apikey test_sepay_api_key_123" },
      body: JSON.stringify({ id: 1, transferType: "in", transferAmount: 250_000, content: `${c2} chuyen khoan`, accountNumber: "0011001932418" }),
    });
    expect(pay.status).toBe(200);
    await w.flush();

    // Two staff tap "accept" on An's order at the same moment: one wins, the other is told who did.
    const notice1 = w.fake.sent(STAFF_GROUP).find((m) => m.text?.includes(`🆕 Đơn mới ${c1}`));
    const accept1 = inlineButtons(notice1).find((b) => b.text.includes("Nhận đơn"))?.callback_data ?? "";
    await Promise.all([w.post(w.fake.updates.callback(OWNER, notice1 as never, accept1)), w.post(w.fake.updates.callback(HELPER, notice1 as never, accept1))]);
    await w.flush();
    const answers = w.fake.sent(STAFF_GROUP).slice(-2).map((m) => m.text ?? "");
    expect(answers.filter((a) => a.includes(`đơn ${c1} → đang chuẩn bị`))).toHaveLength(1);
    expect(answers.filter((a) => a.includes(`Đơn ${c1} đã được`) && a.includes("xử lý"))).toHaveLength(1);
    expect(an.texts.join("\n")).toContain(`👩‍🍳 Shop đã nhận đơn ${c1} và đang chuẩn bị.`);

    // A buyer who taps a staff button changes nothing.
    await w.post(w.fake.updates.callback(AN, notice1 as never, accept1.replace("accept", "deliver")));
    await w.flush();
    expect((await order(c1)).status).toBe("preparing");

    // An's order goes out with the shipper, who marks it delivered himself.
    expect(await staffTaps(OWNER, c1, "Giao hàng")).toContain(`Ai giao đơn ${c1}?`);
    expect(await staffTaps(OWNER, c1, "Anh Tú")).toContain(`đơn ${c1} → đang giao`);
    expect(an.last).toBe(`🛵 Đơn ${c1} đang trên đường giao. Shipper: Anh Tú – 0977000111.`);
    const tu = new TelegramBuyer(w, SHIPPER);
    await tu.say(`/done ${c2}`);
    expect(tu.last).toBe("Đơn này không giao cho bạn.");
    await tu.say("/orders");
    expect(tu.texts.join("\n")).toContain(`${c1} · Bản Nà Khương, nhà số 5`);
    await tu.tap("Đã giao");
    expect((await order(c1)).status).toBe("delivered");
    expect(an.last).toBe(`✅ Đơn ${c1} đã giao xong. Cảm ơn bạn đã ủng hộ shop!`);

    // Bình's (paid) and the web buyer's orders are prepared and picked up.
    for (const c of [c2, c3]) {
      await api(`/orders/${c}/status`, { action: "accept" });
      await api(`/orders/${c}/status`, { action: "deliver" });
    }
    await w.flush();
    const pushed = (await (await w.t.app.request(`/api/webchat/demo/messages?session=${web.session}&after=0`)).json()) as { messages: { text: string }[] };
    expect(pushed.messages.map((m) => m.text)).toEqual([`👩‍🍳 Shop đã nhận đơn ${c3} và đang chuẩn bị.`, `✅ Đơn ${c3} đã giao xong. Cảm ơn bạn đã ủng hộ shop!`]);

    // An illegal jump is refused: a delivered order cannot be accepted again.
    expect((await api(`/orders/${c3}/status`, { action: "accept" })).status).toBe(409);

    // Chi's A2 is rejected (out of stock): stock comes back, Chi is told why.
    const a2Before = (await w.t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", "A2").executeTakeFirstOrThrow()).stock;
    await staffTaps(HELPER, c5, "Từ chối");
    expect(await staffTaps(HELPER, c5, "Hết hàng")).toContain(`đơn ${c5} → đã huỷ`);
    // The buyer is told once the 30-second undo window has passed.
    expect(chi.last).not.toBe(`❌ Đơn ${c5} đã bị huỷ: hết hàng.`);
    w.t.clock.advance(31_000);
    await w.flush();
    expect(chi.last).toBe(`❌ Đơn ${c5} đã bị huỷ: hết hàng.`);
    const a2After = (await w.t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", "A2").executeTakeFirstOrThrow()).stock;
    expect(a2After).toBe(a2Before + 1);

    // 20:59: no summary yet. 21:00: one, right to the đồng. Again: nothing more.
    w.t.clock.set(new Date("2026-11-23T13:59:00.000Z"));
    expect(await runDailySummaries(w.t.sqlite.store, w.t.clock.now())).toBe(0);
    w.t.clock.set(new Date("2026-11-23T14:00:00.000Z"));
    expect(await runDailySummaries(w.t.sqlite.store, w.t.clock.now())).toBe(1);
    expect(await runDailySummaries(w.t.sqlite.store, w.t.clock.now())).toBe(0);
    await w.flush();
    expect(w.fake.sent(STAFF_GROUP).at(-1)?.text).toBe(
      [
        "📊 Tổng kết ngày 2026-11-23",
        "Đơn: 5 (đã giao 3, huỷ 1)",
        "Doanh thu đã thu: 385.000 ₫ / giá trị đơn: 565.000 ₫",
        "Chưa thu: 1 đơn, 180.000 ₫",
        "Bán chạy:",
        "1. A1 Cơm gà nướng mắc khén (Vừa, Không cay) × 2",
        "2. A8 Nước mơ ngâm × 2",
        "3. A5 Mật ong hoa bạc hà × 1",
        "4. A6 Chè Shan Tuyết cổ thụ × 1",
      ].join("\n"),
    );
    // Buyers see only their own orders.
    await chi.say("/orders");
    expect(chi.last).toContain(c4);
    expect(chi.last).not.toContain(c1);
    await chi.say(`/start`);
    await w.post(w.fake.updates.callback(CHI, w.fake.sent(CHI).at(-1) as never, `reorder:${c1}`));
    await w.flush();
    // Someone else's order code gives nothing to copy.
    expect(chi.texts.join("\n")).not.toContain("• A1 Cơm gà nướng mắc khén");
    expect(chi.texts.join("\n")).toContain("Không thấy đơn này trong các đơn của bạn.");
  });
});
