import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";
import { drainOutbox } from "../../src/domain/outbox/dispatch";

// Orders typed in by staff (issue 22): `/don <phone> <items> — <address>` in a staff chat.
let w: TelegramWorld;
const OWNER = 9000;
const STRANGER = 9100;
const BINH = 7001;
const LINE = "/don 0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than";
const PUBLIC = "https://cho.example.vn";

const db = () => w.t.sqlite.store.db;
/** Money is shown with a no-break space before ₫; the expectations here are typed with a plain one. */
const plain = (s: string | undefined) => (s ?? "").replace(/\u00a0/g, " ");
const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const stockOf = async (code: string) => (await db().selectFrom("products").select("stock").where("code", "=", code).executeTakeFirstOrThrow()).stock;
// Orders typed in that hold their stock (an out-of-stock attempt leaves a cancelled one, as comments do).
const staffOrders = () => db().selectFrom("orders").selectAll().where("source", "=", "staff").where("status", "!=", "cancelled").orderBy("id").execute();

beforeEach(async () => {
  w = await telegramWorld({ env: { PUBLIC_URL: PUBLIC } });
  w.fake.addUser({ id: OWNER, firstName: "Mây" });
  w.fake.addUser({ id: STRANGER, firstName: "Lạ" });
  w.fake.addUser({ id: BINH, firstName: "Bình" });
  expect((await api("/staff", { channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" })).status).toBe(201);
});
afterEach(async () => {
  await w.close();
});

/** Bình orders once through the bot, giving his phone: from then on the shop can write to him. */
async function binhOrdersOnce(): Promise<TelegramBuyer> {
  const binh = new TelegramBuyer(w, BINH);
  await binh.say("A8");
  await binh.say("2");
  await binh.tap("Đặt hàng");
  await binh.tap("Tự đến lấy");
  await binh.say("0912 345 678");
  await binh.tap("Hôm nay 11:30");
  await binh.tap("Bỏ qua");
  await binh.tap("Xác nhận đặt");
  await binh.tap("Chuyển khoản");
  return binh;
}

describe("Telegram: /don, an order typed in by staff", () => {
  it("makes the buyer's order (lines, options, zone and fee, stock held) and sends the known buyer their QR", async () => {
    const binh = await binhOrdersOnce();
    const binhBefore = binh.texts.length;
    const may = new TelegramBuyer(w, OWNER);
    const [a1, a5] = [await stockOf("A1"), await stockOf("A5")];
    await may.say(LINE);

    const [order, ...others] = await staffOrders();
    expect(others).toEqual([]);
    const buyer = await db().selectFrom("buyers").selectAll().where("channel", "=", "telegram").where("user_id", "=", String(BINH)).executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      source: "staff",
      buyer_id: buyer.id,
      channel: "telegram",
      chat_id: String(BINH),
      phone: "0912345678",
      fulfilment: "delivery",
      zone_name: "Xã Mường Than",
      address: "thôn 3 Mường Than",
      subtotal: 2 * 55_000 + 250_000,
      delivery_fee: 15_000,
      total: 375_000,
      status: "pending_payment",
      payment_method: "vietqr",
      payment_status: "unpaid",
    });
    const items = await db().selectFrom("order_items").select(["code", "qty", "options", "unit_price", "line_total"]).where("order_id", "=", order?.id ?? 0).orderBy("line_no").execute();
    expect(items).toEqual([
      { code: "A1", qty: 2, options: JSON.stringify(["Lớn"]), unit_price: 55_000, line_total: 110_000 },
      { code: "A5", qty: 1, options: "[]", unit_price: 250_000, line_total: 250_000 },
    ]);
    expect([await stockOf("A1"), await stockOf("A5")]).toEqual([a1 - 2, a5 - 1]);

    // The buyer: what was written down, then the guided flow's own ending (the QR photo, the details).
    const toBinh = w.fake.sent(BINH).slice(binhBefore);
    expect(plain(toBinh[0]?.text)).toContain("🧾 Bếp Nhà Mây đã ghi đơn của bạn:");
    expect(plain(toBinh[0]?.text)).toContain("A1 Cơm gà nướng mắc khén (Lớn) × 2 = 110.000 ₫");
    const photo = toBinh.find((m) => m.method === "sendPhoto");
    expect(plain(photo?.caption)).toContain(`Đơn ${order?.code} đã được ghi nhận!`);
    expect(plain(photo?.caption)).toContain("375.000 ₫");

    // The staff member: code, total, lines, where it goes, and the pay link.
    const reply = plain(may.last);
    expect(reply).toContain(`✅ Đã tạo đơn ${order?.code} cho 0912345678 — 375.000 ₫`);
    expect(reply).toContain("🚚 Giao: thôn 3 Mường Than (Xã Mường Than, phí 15.000 ₫)");
    expect(reply).toContain("📨 Đã nhắn đơn và mã QR cho khách qua bot.");
    expect(reply).toContain(`${PUBLIC}/pay/${order?.pay_token}`);
  });

  it("a buyer the bot cannot write to: a phone-only buyer, and the pay link for staff to forward", async () => {
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/don +84 98.765.4321 A8 3 tự lấy");
    const [order] = await staffOrders();
    expect(order).toMatchObject({ phone: "0987654321", fulfilment: "pickup", total: 45_000, channel: "phone", status: "pending_payment" });
    const buyer = await db().selectFrom("buyers").selectAll().where("id", "=", order?.buyer_id ?? 0).executeTakeFirstOrThrow();
    expect(buyer).toMatchObject({ channel: "phone", user_id: "0987654321" });
    expect(plain(may.last)).toContain("🏪 Khách tự đến lấy.");
    expect(plain(may.last)).toContain(`🔗 Bot chưa nhắn được cho khách này: gửi khách liên kết thanh toán (có mã QR): ${PUBLIC}/pay/${order?.pay_token}`);
    expect((await w.t.app.request(`/pay/${order?.pay_token}`)).status).toBe(200);

    // The same phone next time is the same buyer; "cod" makes it cash, confirmed at once.
    await may.say("/don 0987654321 A8 1 cod");
    const second = (await staffOrders()).find((o) => o.id !== order?.id);
    expect(second).toMatchObject({ buyer_id: order?.buyer_id, status: "confirmed", payment_method: "cod" });
    expect(may.last).toContain("💵 Thu tiền mặt khi giao.");

    // Paid later: the buyer's notice has no chat to go to; it waits unsent and never keeps the
    // dispatcher awake (a "due now" it cannot send would spin the Node entry's outbox loop).
    expect((await api(`/orders/${order?.code}/payments`, { by: "Chị Mây" })).status).toBe(201);
    const wait = await drainOutbox(w.t.sqlite.store, w.senders, w.t.logger, () => w.t.clock.now());
    expect(wait).toBe(Infinity);
    expect((await db().selectFrom("orders").select("payment_status").where("id", "=", order?.id ?? 0).executeTakeFirstOrThrow()).payment_status).toBe("paid");
  });

  it("a redelivered update makes no second order", async () => {
    const update = w.fake.updates.privateText(OWNER, LINE);
    expect(await w.post(update)).toBe(200);
    expect(await w.post(update)).toBe(200);
    await w.flush();
    expect(await staffOrders()).toHaveLength(1);
  });

  it("non-staff are refused like other staff commands, and nothing is made", async () => {
    const stranger = new TelegramBuyer(w, STRANGER);
    await stranger.say(LINE);
    expect(stranger.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    // A shipper delivers; entering orders is for owners and staff.
    w.fake.addUser({ id: 9200, firstName: "Tùng" });
    expect((await api("/staff", { channel: "telegram", userId: "9200", name: "Anh Tùng", role: "shipper" })).status).toBe(201);
    const shipper = new TelegramBuyer(w, 9200);
    await shipper.say(LINE);
    expect(shipper.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    expect(await staffOrders()).toEqual([]);
  });

  it("bad lines each get a short answer with the example, never silence", async () => {
    const may = new TelegramBuyer(w, OWNER);
    const answers: Record<string, string> = {
      "/don": "Mình chưa thấy số điện thoại",
      "/don hai phần": "Mình chưa thấy số điện thoại",
      "/don 😀😀😀": "Mình chưa thấy số điện thoại",
      "/don 0912345678": "Mình chưa đọc được món nào",
      "/don 0912345678 hai phần": "Mình chưa đọc được món nào",
      "/don 0912345678 🍚🍚": "Mình chưa đọc được món nào",
      "/don 0912345678 Z9 2": "Shop không có mã Z9",
      [`/don 0912345678 ${"A1 2, ".repeat(700)}`]: "Dòng này dài quá",
    };
    for (const [line, answer] of Object.entries(answers)) {
      await may.say(line);
      expect(may.last, line).toContain(answer);
      expect(may.last, line).toContain("Ví dụ: /don 0912345678");
    }
    await may.say("/don 0912345678 A4 5 — thị trấn Than Uyên");
    expect(may.last).toBe("A4 Lẩu cá tầm (4 người) chỉ còn 3 nồi, đơn chưa được tạo.");
    await may.say("/don 0912345678 A1 1 — bản Mù, Sìn Hồ");
    expect(may.last).toContain("Shop giao: Thị trấn Than Uyên, Xã Mường Than, Xã Phúc Than");
    expect(await staffOrders()).toEqual([]);
    // The out-of-stock attempt gave back what it held.
    expect(await stockOf("A4")).toBe(3);
  });

  it("in the staff group it works; in a buyers' group the phone and pay link are never posted", async () => {
    const [buyers, staffGroup] = [-100_500, -100_600];
    w.fake.addGroup({ id: buyers, title: "Khách Than Uyên", type: "supergroup", botIsAdmin: true });
    w.fake.addGroup({ id: staffGroup, title: "Bếp Nhà Mây - nhân viên", type: "supergroup", botIsAdmin: true });
    const inGroup = async (group: number, text: string) => {
      await w.post(w.fake.updates.groupText(OWNER, group, text));
      await w.flush();
      return plain(w.fake.sent(group).at(-1)?.text);
    };
    expect(await inGroup(buyers, LINE)).toBe("Gõ /don trong tin nhắn riêng với bot hoặc trong nhóm nhân viên: đơn có số điện thoại và liên kết thanh toán của khách.");
    expect(await staffOrders()).toEqual([]);
    await inGroup(staffGroup, "/staffgroup");
    const [answer, order] = [await inGroup(staffGroup, LINE), (await staffOrders())[0]];
    expect(answer).toContain(`✅ Đã tạo đơn ${order?.code} cho 0912345678 — 375.000 ₫`);
  });

  it("/help for staff lists /don; a buyer's /help stays the buyers' help", async () => {
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/help");
    expect(may.last).toContain("/don 0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than");
    const stranger = new TelegramBuyer(w, STRANGER);
    await stranger.say("/help");
    expect(stranger.last).not.toContain("/don");
    expect(stranger.last).toContain("Cách đặt hàng");
  });
});
