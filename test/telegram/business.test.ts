import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SentMessage } from "../fakes/telegram-api";
import { BOT_ID, inlineButtons, telegramWorld, type TelegramWorld } from "../helpers/telegram";

// Telegram Business: a seller with Telegram Premium connects the shop's bot to their own account
// (Settings → Telegram Business → Chatbots); buyers who write to the seller get the same guided
// order, answered on the seller's behalf (business_connection_id on every send).
let w: TelegramWorld;
const SELLER = 9001;
const BUYER = 9101;

beforeEach(async () => {
  w = await telegramWorld();
  // The seller has started the bot (they run the shop through it); the buyer never has.
  w.fake.addUser({ id: SELLER, firstName: "Mây", startedBot: true });
  w.fake.addUser({ id: BUYER, firstName: "Hùng" });
});
afterEach(async () => {
  await w.close();
});

/** A buyer writing to the seller's own account. */
class BusinessBuyer {
  constructor(
    readonly connectionId: string,
    readonly id: number,
  ) {}
  /** What the bot sent into the seller's chat with this buyer. */
  get sent(): SentMessage[] {
    return w.fake.sent(this.id).filter((m) => m.businessConnectionId === this.connectionId);
  }
  get last(): string {
    const m = this.sent.at(-1);
    return m?.text ?? m?.caption ?? "";
  }
  async send(update: Update): Promise<SentMessage[]> {
    const before = this.sent.length;
    expect(await w.post(update)).toBe(200);
    await w.flush(1_000);
    return this.sent.slice(before);
  }
  say(text: string) {
    return this.send(w.fake.updates.businessText(this.connectionId, this.id, text));
  }
  async tap(label: string) {
    const target = this.sent.filter((m) => inlineButtons(m).some((b) => b.text.includes(label) && b.callback_data)).at(-1);
    const data = inlineButtons(target).find((b) => b.text.includes(label))?.callback_data;
    if (!target || !data) throw new Error(`no button "${label}" in this chat`);
    return this.send(w.fake.updates.callback(this.id, target, data));
  }
}

async function connect(opts: { canReply?: boolean; legacyCanReply?: boolean; enabled?: boolean } = {}): Promise<string> {
  const update = w.fake.updates.businessConnection(SELLER, opts);
  expect(await w.post(update)).toBe(200);
  await w.flush();
  return (update as { business_connection: { id: string } }).business_connection.id;
}

describe("Telegram Business", () => {
  it("a connection is recorded and the seller is told, in their chat with the bot, what it will do", async () => {
    const id = await connect();
    const row = await w.t.sqlite.store.db.selectFrom("business_connections").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id, bot_id: BOT_ID, shop_id: 1, owner_user_id: String(SELLER), enabled: 1, can_reply: 1 });
    const told = w.fake.sent(SELLER);
    expect(told).toHaveLength(1);
    expect(told[0]?.businessConnectionId).toBeUndefined();
    expect(told[0]?.text).toContain("Đã kết nối Telegram Business cho Bếp Nhà Mây");
  });

  it("a buyer who never started the bot orders by writing to the seller, up to the VietQR payment, all on the seller's behalf", async () => {
    const hung = new BusinessBuyer(await connect(), BUYER);
    await hung.say("/start");
    expect(hung.last).toContain("Chào bạn! Đây là Bếp Nhà Mây.");
    await hung.tap("Xem thực đơn");
    expect(hung.last).toContain("📋 Thực đơn Bếp Nhà Mây:");
    await hung.tap("A1 ·");
    await hung.tap("Lớn");
    await hung.tap("Cay vừa");
    await hung.say("2");
    expect(hung.last).toContain("• A1 Cơm gà nướng mắc khén (Lớn, Cay vừa) × 2 = 110.000");
    await hung.tap("Đặt hàng");
    await hung.tap("Tự đến lấy");
    await hung.say("0912 345 678");
    expect(hung.last).toContain("Bạn muốn nhận lúc nào?");
    await hung.tap("Hôm nay 11:30");
    await hung.tap("Bỏ qua");
    await hung.tap("Xác nhận đặt");
    const paid = await hung.tap("Chuyển khoản");
    expect(paid.find((m) => m.method === "sendPhoto")?.caption).toMatch(/Đơn CC[A-Z2-9]{6} đã được ghi nhận/);

    const order = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ channel: "telegram-business", bot_id: hung.connectionId, chat_id: String(BUYER), status: "pending_payment", phone: "0912345678" });
    // Every answer went into the seller's chat, on their behalf; none into a bot chat the buyer never opened.
    const sends = w.fake.calls.filter((c) => ["sendMessage", "sendPhoto"].includes(c.method) && c.chatId === BUYER);
    expect(sends.length).toBeGreaterThanOrEqual(8);
    expect(sends.every((c) => c.params.business_connection_id === hung.connectionId && c.status === 200)).toBe(true);
    expect(w.fake.sent(BUYER).every((m) => m.businessConnectionId === hung.connectionId)).toBe(true);
    // Taps were answered, so no spinner is left turning.
    expect(w.fake.callbackAnswers.length).toBeGreaterThanOrEqual(8);
  });

  it("a redelivered business message is answered once", async () => {
    const id = await connect();
    const update = w.fake.updates.businessText(id, BUYER, "/menu");
    expect(await w.post(update)).toBe(200);
    expect(await w.post(update)).toBe(200);
    await w.flush();
    expect(w.fake.sent(BUYER)).toHaveLength(1);
  });

  it("when the seller writes to a buyer themselves, the bot keeps quiet with that buyer for 30 minutes", async () => {
    const hung = new BusinessBuyer(await connect(), BUYER);
    expect(await w.post(w.fake.updates.businessText(hung.connectionId, SELLER, "Chào anh, em đây", { chat: BUYER }))).toBe(200);
    expect(await hung.say("/menu")).toEqual([]);
    w.t.clock.advance(31 * 60_000);
    expect((await hung.say("/menu")).length).toBe(1);
    expect(hung.last).toContain("Thực đơn");
  });

  it("without the right to reply (or turned off) the bot answers nobody, and the seller is told how to allow it", async () => {
    const id = await connect({ canReply: false });
    expect(w.fake.sent(SELLER).at(-1)?.text).toContain("chưa có quyền trả lời tin nhắn");
    expect(await new BusinessBuyer(id, BUYER).say("/menu")).toEqual([]);
    // An older Bot API says it with can_reply: allowed now.
    await connect({ legacyCanReply: true });
    expect(await new BusinessBuyer(id, BUYER).say("/menu")).toHaveLength(1);
    await connect({ enabled: false });
    expect(w.fake.sent(SELLER).at(-1)?.text).toContain("Đã ngắt Telegram Business");
    expect(await new BusinessBuyer(id, BUYER).say("/menu")).toEqual([]);
    const row = await w.t.sqlite.store.db.selectFrom("business_connections").select(["enabled", "can_reply"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ enabled: 0, can_reply: 1 });
  });

  it("a business message for a connection the server never heard of is acknowledged and changes nothing", async () => {
    const update = { update_id: 990_001, business_message: { message_id: 1, date: 1, chat: { id: BUYER, type: "private", first_name: "Hùng" }, from: { id: BUYER, is_bot: false, first_name: "Hùng" }, text: "/menu", business_connection_id: "nope" } } as unknown as Update;
    expect(await w.post(update)).toBe(200);
    await w.flush();
    expect(w.fake.sent(BUYER)).toHaveLength(0);
    expect(await w.t.sqlite.store.db.selectFrom("outbox").select("id").execute()).toHaveLength(0);
  });
});
