import { afterEach, describe, expect, it } from "vitest";
import { BOT_USERNAME, telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
afterEach(async () => {
  await w?.close();
});

const GROUP = -100_777;
const stockOf = async (code: string) => (await w.t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", code).executeTakeFirstOrThrow()).stock;

describe("Telegram: order by comment", () => {
  it("a comment reserves stock at once, the group gets a short reply with a private link, and the buyer finishes in private", async () => {
    w = await telegramWorld();
    w.fake.addGroup({ id: GROUP, title: "Chợ Than Uyên", type: "supergroup", botIsAdmin: true });
    w.fake.addUser({ id: 7001, firstName: "Bình" });
    w.fake.addUser({ id: 7002, firstName: "Chi" });

    expect(await w.post(w.fake.updates.groupText(7001, GROUP, "chốt A5 x2 nha shop"))).toBe(200);
    expect(await w.post(w.fake.updates.groupText(7002, GROUP, "mật ong này ngon không shop?"))).toBe(200);
    await w.flush();
    expect(await stockOf("A5")).toBe(18);
    const group = w.fake.sent(GROUP);
    expect(group).toHaveLength(1);
    expect(group[0]?.text).toMatch(new RegExp(`✅ Bình: A5×2 — giữ hàng 30 phút\\. Hoàn tất đơn: https://t\\.me/${BOT_USERNAME}\\?start=o_[A-Za-z0-9_-]+`));
    const payload = /start=(o_[A-Za-z0-9_-]+)/.exec(group[0]?.text ?? "")?.[1] ?? "";
    const draft = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ status: "draft", subtotal: 500_000, channel: "telegram" });

    // Someone else who opens the forwarded link gets nothing.
    const chi = new TelegramBuyer(w, 7002);
    await chi.say(`/start ${payload}`);
    expect(chi.last).toContain("Liên kết này là của một đơn khác");

    const binh = new TelegramBuyer(w, 7001);
    await binh.say(`/start ${payload}`);
    expect(binh.last).toContain("Bạn muốn nhận hàng thế nào?");
    await binh.tap("Tự đến lấy");
    await binh.say("0912345678");
    await binh.tap("Hôm nay 11:30");
    await binh.tap("Bỏ qua");
    expect(binh.last).toContain("• A5 Mật ong hoa bạc hà × 2 = 500.000 ₫");
    await binh.tap("Xác nhận đặt");
    await binh.tap("Tiền mặt");
    expect(binh.last).toContain(`Đơn ${draft.code} đã được ghi nhận!`);
    const done = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(done).toMatchObject({ id: draft.id, status: "confirmed", payment_status: "cod", phone: "0912345678", chat_id: "7001" });
    expect(await stockOf("A5")).toBe(18);
    const orders = await w.t.sqlite.store.db.selectFrom("orders").select("id").execute();
    expect(orders).toHaveLength(1);
  });

  it("sold out: the group is told, the buyer joins the waiting list, and hears first when stock returns", async () => {
    w = await telegramWorld();
    w.fake.addGroup({ id: GROUP, title: "Chợ", type: "supergroup", botIsAdmin: true });
    w.fake.addUser({ id: 7001, firstName: "Bình" });
    w.fake.addUser({ id: 9000, firstName: "Mây" });
    await w.t.sqlite.store.db.updateTable("products").set({ stock: 0 }).where("code", "=", "A4").execute();
    await w.post(w.fake.updates.groupText(7001, GROUP, "chot a4 1"));
    await w.flush();
    const reply = w.fake.sent(GROUP)[0]?.text ?? "";
    expect(reply).toContain("❌ Bình: A4 Lẩu cá tầm (4 người) đã hết.");
    const wait = /start=(w_A4)/.exec(reply)?.[1];
    expect(wait).toBe("w_A4");
    const binh = new TelegramBuyer(w, 7001);
    await binh.say(`/start ${wait}`);
    expect(binh.last).toContain("Đã ghi tên bạn vào danh sách chờ A4");

    const may = new TelegramBuyer(w, 9000);
    await may.say("/stock A4 2");
    expect(may.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    expect(await stockOf("A4")).toBe(0);
    await w.t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9000", name: "Mây", role: "owner", created_at: "x" }).execute();
    await may.say("/stock A4 2");
    expect(may.last).toContain("✅ A4: còn 2.");
    expect(may.last).toContain("Đã báo 1 khách đang chờ.");
    await w.flush();
    expect(binh.last).toContain("🔔 A4 · Lẩu cá tầm (4 người) đã có hàng trở lại!");
  });

  it("500 comments from 300 buyers for 100 units: exactly 100 reserved, every comment answered once, the group not flooded", async () => {
    w = await telegramWorld({
      enforceLimits: true,
      limits: { perGroup: { max: 20, windowMs: 60_000 }, perChat: { max: 1, windowMs: 1_000 }, perBot: { max: 30, windowMs: 1_000 } },
    });
    w.fake.addGroup({ id: GROUP, title: "Live mật ong", type: "supergroup", botIsAdmin: true });
    await w.t.sqlite.store.db.updateTable("products").set({ stock: 100 }).where("code", "=", "A5").execute();
    for (let u = 0; u < 300; u++) w.fake.addUser({ id: 10_000 + u, firstName: `Khách ${u}` });
    const forms = ["chốt A5 x1", "chot a5 1", "#A5 1", "A5 1", "lấy A5 một hộp"];
    const updates = Array.from({ length: 500 }, (_, i) => w.fake.updates.groupText(10_000 + (i % 300), GROUP, forms[i % forms.length] ?? "A5 1"));
    const statuses = await Promise.all(updates.map((u) => w.post(u)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    // A webhook resent by Telegram adds nothing.
    expect(await w.post(updates[0] as never)).toBe(200);

    expect(await stockOf("A5")).toBe(0);
    const held = await w.t.sqlite.store.db.selectFrom("stock_reservations").select((eb) => eb.fn.sum<number>("qty").as("q")).where("status", "=", "held").executeTakeFirstOrThrow();
    expect(Number(held.q)).toBe(100);

    // Deliver as time passes (3 s a round): Telegram's 20-per-minute group limit holds.
    await w.flush(3_000, 400);
    const messages = w.fake.sent(GROUP);
    const lines = messages.flatMap((m) => (m.text ?? "").split("\n"));
    expect(lines.filter((l) => l.startsWith("✅"))).toHaveLength(100);
    expect(lines.filter((l) => l.startsWith("❌"))).toHaveLength(400);
    const perComment = await w.t.sqlite.store.db.selectFrom("outbox").select(["dedupe_key", "status"]).execute();
    expect(perComment).toHaveLength(500); // exactly one queued answer per comment, none repeated
    expect(perComment.every((r) => r.status === "sent")).toBe(true);
    expect(messages.length).toBeLessThanOrEqual(20);
    expect(w.fake.limitHits.group).toBe(0);
  });
});
