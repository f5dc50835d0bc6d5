import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { ZALO_BOT_ID, ZALO_BOT_NAME, zaloWorld, ZaloBuyer, type ZaloWorld } from "../helpers/zalo";

let w: ZaloWorld;
const LAN = "6ede9afa66b88fe6d6a9";
const OWNER = "9a9a9a9a9a9a9a9a9a9a";
const GROUP = "g2b1f09e4a7d3e55b180";

beforeEach(async () => {
  w = await zaloWorld();
  w.fake.addUser({ id: LAN, name: "Lan" });
  w.fake.addUser({ id: OWNER, name: "Mây" });
  w.fake.addGroup({ id: GROUP, name: "Chợ Than Uyên", members: [LAN, OWNER] });
});
afterEach(async () => {
  await w.close();
});

const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("Zalo: the same shop, without buttons", () => {
  it("a private guided order with numbered choices, ending with the VietQR photo and the payment link", async () => {
    const lan = new ZaloBuyer(w, LAN);
    await lan.say("xin chào");
    await lan.say("/start");
    expect(lan.last).toContain("1. 📋 Xem thực đơn");
    expect(lan.last).toContain("Trả lời bằng số");
    await lan.choose("Xem thực đơn");
    expect(lan.last).toContain("📋 Thực đơn Bếp Nhà Mây:");
    await lan.choose("A1 ·");
    await lan.choose("Lớn");
    await lan.choose("Cay vừa");
    await lan.say("hai");
    expect(lan.last).toContain("• A1 Cơm gà nướng mắc khén (Lớn, Cay vừa) × 2 = 110.000 ₫");
    await lan.choose("Đặt hàng");
    await lan.choose("Giao tận nơi");
    await lan.choose("Xã Mường Than");
    await lan.say("Bản Nà Khương, nhà số 5");
    expect(lan.last).toContain("Số điện thoại");
    await lan.say("0912 345 678");
    await lan.choose("Hôm nay 11:30");
    await lan.choose("Bỏ qua");
    expect(lan.last).toContain("Tổng cộng: 125.000 ₫");
    await lan.choose("Xác nhận đặt");
    await lan.choose("Chuyển khoản");
    const order = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ channel: "zalo", chat_id: LAN, status: "pending_payment", total: 125_000 });
    const photo = w.fake.sent(LAN).find((m) => m.method === "sendPhoto");
    expect(photo?.photo).toBe(`https://cho.example.vn/pay/${order.pay_token}/qr.png`);
    expect(photo?.caption).toContain(`Đơn ${order.code} đã được ghi nhận!`);
    expect(lan.last).toContain(`🔗 💳 Mở trang thanh toán: https://cho.example.vn/pay/${order.pay_token}`);
    // Zalo limits: nothing over 2,000 characters was sent.
    expect(w.fake.calls.every((c) => c.ok)).toBe(true);
  });

  it("a forged webhook is 401 and a redelivered event changes nothing", async () => {
    const body = w.fake.updates.privateText(LAN, "/menu");
    expect(await w.post(body, "forged-secret")).toBe(401);
    expect(await w.post(body, "")).toBe(401);
    expect(await w.t.sqlite.store.db.selectFrom("inbound_events").select("event_id").execute()).toEqual([]);
    expect(await w.post(body)).toBe(200);
    expect(await w.post(body)).toBe(200);
    expect(await w.post((body as { result: object }).result)).toBe(200); // the bare form of the same event
    await w.flush();
    expect(w.fake.sent(LAN)).toHaveLength(1);
    expect((await w.t.app.request(`/webhooks/zalo/${ZALO_BOT_ID}`, { method: "POST", headers: { "x-bot-api-secret-token": "zalo-webhook-secret" }, body: "{nope" })).status).toBe(400);
  });

  it("a group comment order (mentioning the bot) finished in private with the order code", async () => {
    const comment = w.fake.updates.groupText(LAN, GROUP, "chốt A5 x2 nha shop", { mentionBot: true });
    expect(w.fake.groupWouldReach(comment)).toBe(true);
    expect(w.fake.groupWouldReach(w.fake.updates.groupText(LAN, GROUP, "chốt A5 x2"))).toBe(false);
    expect(await w.post(comment)).toBe(200);
    await w.flush();
    const ack = w.fake.sent(GROUP).at(-1)?.text ?? "";
    expect(ack).toMatch(/✅ Lan: A5×2 — giữ hàng 30 phút\. Nhắn riêng cho shop mã CC[A-Z2-9]{6} để hoàn tất\./);
    const code = /CC[A-Z2-9]{6}/.exec(ack)?.[0] ?? "";
    // Zalo may give the same person another id in private: the code is the claim.
    const privateId = "7f7f7f7f7f7f7f7f7f7f";
    w.fake.addUser({ id: privateId, name: "Lan" });
    const lan = new ZaloBuyer(w, privateId);
    await lan.say(code);
    expect(lan.last).toContain("Bạn muốn nhận hàng thế nào?");
    await lan.choose("Tự đến lấy");
    await lan.say("0912345678");
    await lan.choose("Hôm nay 11:30");
    await lan.choose("Bỏ qua");
    await lan.choose("Xác nhận đặt");
    await lan.choose("Tiền mặt");
    const order = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ code, status: "confirmed", total: 500_000, chat_id: privateId });
    // The code has been used: typing it again from another account opens nothing.
    const other = new ZaloBuyer(w, "8e8e8e8e8e8e8e8e8e8e");
    w.fake.addUser({ id: "8e8e8e8e8e8e8e8e8e8e", name: "Khác" });
    await other.say(code);
    expect(other.last).toContain("Liên kết này là của một đơn khác");
  });

  it("a comment that mentions the bot by the name the buyer's app shows (not getMe's account name) is an order", async () => {
    // getMe gives the account name; members see and type another name.
    await w.t.sqlite.store.db.updateTable("bots").set({ username: "bep_nha_may_bot" }).where("channel", "=", "zalo").execute();
    for (const [i, name] of ["Bot Bếp Nhà Mây", "Bếp Mây Than Uyên 2", "Bếp".normalize("NFD")].entries()) {
      expect(await w.post(w.fake.updates.groupText(LAN, GROUP, `chốt ${["A1", "A2", "A4"][i]} x2`, { mentionBot: true, mentionAs: name }))).toBe(200);
    }
    await w.flush();
    const lines = await w.t.sqlite.store.db.selectFrom("order_items as i").innerJoin("orders as o", "o.id", "i.order_id").select(["i.code", "i.qty", "o.status"]).orderBy("i.id").execute();
    expect(lines).toEqual([
      { code: "A1", qty: 2, status: "draft" },
      { code: "A2", qty: 2, status: "draft" },
      { code: "A4", qty: 2, status: "draft" },
    ]);
  });

  it("a broadcast to a linked Zalo group, and a reply to the post orders that item", async () => {
    await api("/staff", { channel: "zalo", userId: OWNER, name: "Chị Mây", role: "owner" });
    await api("/link-codes", { code: "ZALO1" });
    await w.post(w.fake.updates.groupText(OWNER, GROUP, "/link ZALO1", { mentionBot: true }));
    await w.flush();
    expect(w.fake.sent(GROUP).at(-1)?.text).toContain("Nhóm này đã được liên kết với Bếp Nhà Mây");
    const may = new ZaloBuyer(w, OWNER);
    await may.say("/post A6");
    await w.flush();
    const post = w.fake.sent(GROUP).at(-1)?.text ?? "";
    expect(post).toContain("A6 · Chè Shan Tuyết cổ thụ — 180.000 ₫/gói");
    expect(post).toContain("👉 Trả lời tin này: “chốt 2” để đặt.");
    expect(may.texts.join("\n")).toContain("📣");
    await w.post(w.fake.updates.groupText(LAN, GROUP, "chốt 2", { quoteBot: true }));
    await w.flush();
    const items = await w.t.sqlite.store.db.selectFrom("order_items").select(["code", "qty"]).execute();
    expect(items).toEqual([{ code: "A6", qty: 2 }]);
  });

  it("retries Zalo's 429 and 403 and network failures; gives up on a refusal", async () => {
    w.fake.inject({ method: "sendMessage", times: 2, fault: { kind: "429" } });
    w.fake.inject({ method: "sendMessage", times: 1, fault: { kind: "403" } });
    w.fake.inject({ method: "sendMessage", times: 1, fault: { kind: "http-500" } });
    const lan = new ZaloBuyer(w, LAN);
    await lan.say("/help");
    expect(lan.last).toContain("Cách đặt hàng");
    const rows = await w.t.sqlite.store.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    expect(rows).toEqual([{ status: "sent", attempts: 5 }]);
    // A chat that does not exist is a refusal: recorded as failed, not retried.
    await w.t.sqlite.store.db
      .insertInto("outbox")
      .values({ channel: "zalo", bot_id: ZALO_BOT_ID, chat_id: "nobody", payload: JSON.stringify({ text: "x" }), dedupe_key: "k", next_attempt_at: w.t.clock.now().toISOString(), created_at: "x" })
      .execute();
    await w.flush();
    const failed = await w.t.sqlite.store.db.selectFrom("outbox").select(["status", "attempts", "last_error"]).where("dedupe_key", "=", "k").executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.last_error).not.toContain("zaloFakeToken");
    expect(ZALO_BOT_NAME).toBe("Bot Bếp Nhà Mây");
  });
});
