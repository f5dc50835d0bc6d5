import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BOT_ID, inlineButtons, telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
const AN = 5001;
beforeEach(async () => {
  w = await telegramWorld();
  w.fake.addUser({ id: AN, firstName: "An", username: "an_lai_chau" });
});
afterEach(async () => {
  await w.close();
});

describe("Telegram: a private order", () => {
  it("goes from /start to a VietQR payment with buttons, the contact button and an uploaded QR", async () => {
    const an = new TelegramBuyer(w, AN);
    await an.say("/start");
    expect(an.last).toContain("Chào bạn! Đây là Bếp Nhà Mây.");
    await an.tap("Xem thực đơn");
    expect(an.last).toContain("📋 Thực đơn Bếp Nhà Mây:");
    await an.tap("A1 ·");
    await an.tap("Lớn");
    await an.tap("Cay vừa");
    await an.say("2");
    expect(an.last).toContain("• A1 Cơm gà nướng mắc khén (Lớn, Cay vừa) × 2 = 110.000 ₫");
    await an.tap("Đặt hàng");
    await an.tap("Giao tận nơi");
    await an.tap("Xã Mường Than");
    const phoneAsk = await an.say("Bản Nà Khương, nhà số 5");
    // The phone step offers Telegram's share-contact keyboard (private chats only).
    const keyboard = phoneAsk.map((m) => m.replyMarkup as { keyboard?: { text: string; request_contact?: boolean }[][] }).find((k) => k?.keyboard);
    expect(keyboard?.keyboard?.[0]?.[0]).toMatchObject({ request_contact: true });
    await an.shareContact("+84 912 345 678");
    expect(an.last).toContain("Bạn muốn nhận lúc nào?");
    await an.tap("Hôm nay 11:30");
    await an.tap("Bỏ qua");
    expect(an.last).toContain("Tổng cộng: 125.000 ₫");
    await an.tap("Xác nhận đặt");
    const paid = await an.tap("Chuyển khoản");

    const photo = paid.find((m) => m.method === "sendPhoto");
    expect(photo?.caption).toMatch(/Đơn CC[A-Z2-9]{6} đã được ghi nhận/);
    const upload = w.fake.callsTo("sendPhoto").at(-1)?.files[0];
    expect(Array.from(upload?.bytes.slice(0, 4) ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(an.last).toContain("Số tài khoản: 0011001932418");

    const order = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ channel: "telegram", bot_id: BOT_ID, chat_id: String(AN), status: "pending_payment", total: 125_000, phone: "0912345678" });
    // Every tap was answered at once, so no spinner is left turning.
    expect(w.fake.callbackAnswers.length).toBe(w.fake.callsTo("answerCallbackQuery").length);
    expect(w.fake.callbackAnswers.length).toBeGreaterThanOrEqual(10);
  });

  it("refuses someone else's contact card and takes a typed number", async () => {
    const an = new TelegramBuyer(w, AN);
    await an.say("A8");
    await an.say("1");
    await an.tap("Đặt hàng");
    await an.tap("Tự đến lấy");
    await an.shareContact("0987654321", false);
    expect(an.texts.join("\n")).toContain("Đây là số của người khác");
    await an.say("0912 345 678");
    expect(an.last).toContain("Bạn muốn nhận lúc nào?");
  });

  it("a repeated update changes nothing and gets no second reply", async () => {
    const update = w.fake.updates.privateText(AN, "/menu");
    expect(await w.post(update)).toBe(200);
    expect(await w.post(update)).toBe(200);
    await w.flush();
    expect(w.fake.sent(AN)).toHaveLength(1);
  });

  it("a forged or missing secret is 401 and nothing happens; an unknown bot is 404", async () => {
    const update = w.fake.updates.privateText(AN, "/menu");
    expect(await w.post(update, "wrong")).toBe(401);
    expect(await w.post(update, "")).toBe(401);
    const events = await w.t.sqlite.store.db.selectFrom("inbound_events").select("event_id").execute();
    expect(events).toEqual([]);
    const res = await w.t.app.request("/webhooks/telegram/999", { method: "POST", body: JSON.stringify(update) });
    expect(res.status).toBe(404);
    const bad = await w.t.app.request(`/webhooks/telegram/${BOT_ID}`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": "test-webhook-secret" }, body: "{nope" });
    expect(bad.status).toBe(400);
    await w.flush();
    expect(w.fake.sent(AN)).toEqual([]);
  });

  it("buttons stay within Telegram's 64-byte callback data", async () => {
    const an = new TelegramBuyer(w, AN);
    await an.say("A1");
    for (const m of w.fake.sent(AN)) for (const b of inlineButtons(m)) if (b.callback_data) expect(new TextEncoder().encode(b.callback_data).length).toBeLessThanOrEqual(64);
    expect(w.fake.calls.filter((c) => c.status >= 400)).toEqual([]);
  });
});
