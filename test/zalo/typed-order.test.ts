import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { zaloWorld, ZaloBuyer, type ZaloWorld } from "../helpers/zalo";

// Orders typed in by staff on Zalo: the same /don as on Telegram, the QR photo to a buyer the bot knows.
let w: ZaloWorld;
const LAN = "6ede9afa66b88fe6d6a9";
const OWNER = "9a9a9a9a9a9a9a9a9a9a";
const STRANGER = "5b5b5b5b5b5b5b5b5b5b";
const plain = (s: string | undefined) => (s ?? "").replace(/\u00a0/g, " ");
const db = () => w.t.sqlite.store.db;
const staffOrders = () => db().selectFrom("orders").selectAll().where("source", "=", "staff").execute();

beforeEach(async () => {
  w = await zaloWorld();
  w.fake.addUser({ id: LAN, name: "Lan" });
  w.fake.addUser({ id: OWNER, name: "Mây" });
  w.fake.addUser({ id: STRANGER, name: "Lạ" });
  const added = await w.t.app.request("/api/shops/demo/staff", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ channel: "zalo", userId: OWNER, name: "Chị Mây", role: "owner" }),
  });
  expect(added.status).toBe(201);
});
afterEach(async () => {
  await w.close();
});

describe("Zalo: /don from a staff chat", () => {
  it("Lan, who ordered through the bot before, gets the summary and the QR photo; staff get the code, total and link", async () => {
    const lan = new ZaloBuyer(w, LAN);
    await lan.say("A8");
    await lan.say("2");
    await lan.choose("Đặt hàng");
    await lan.choose("Tự đến lấy");
    await lan.say("0912345678");
    await lan.choose("Hôm nay 11:30");
    await lan.choose("Bỏ qua");
    await lan.choose("Xác nhận đặt");
    await lan.choose("Chuyển khoản");
    const before = w.fake.sent(LAN).length;

    const may = new ZaloBuyer(w, OWNER);
    await may.say("/don 0912.345.678 A1 2 lớn, A5 1 — thôn 3 Mường Than");
    const [order, ...others] = await staffOrders();
    expect(others).toEqual([]);
    expect(order).toMatchObject({ channel: "zalo", chat_id: LAN, phone: "0912345678", zone_name: "Xã Mường Than", total: 375_000, status: "pending_payment" });

    const toLan = w.fake.sent(LAN).slice(before);
    expect(plain(toLan[0]?.text)).toContain("🧾 Bếp Nhà Mây đã ghi đơn của bạn:\n• A1 Cơm gà nướng mắc khén (Lớn) × 2 = 110.000 ₫");
    const photo = toLan.find((m) => m.method === "sendPhoto");
    expect(photo?.photo).toBe(`https://cho.example.vn/pay/${order?.pay_token}/qr.png`);
    expect(photo?.caption).toContain(`Đơn ${order?.code} đã được ghi nhận!`);

    expect(plain(may.last)).toContain(`✅ Đã tạo đơn ${order?.code} cho 0912345678 — 375.000 ₫`);
    expect(may.last).toContain(`https://cho.example.vn/pay/${order?.pay_token}`);
    // Nothing sent went over Zalo's limits.
    expect(w.fake.calls.every((c) => c.ok)).toBe(true);
  });

  it("a redelivered event makes one order; a stranger's /don is refused; a bad line gets the example", async () => {
    const body = w.fake.updates.privateText(OWNER, "/don 0987654321 A8 2 tự lấy");
    expect(await w.post(body)).toBe(200);
    expect(await w.post(body)).toBe(200);
    await w.flush();
    expect(await staffOrders()).toHaveLength(1);
    expect(plain(w.fake.sent(OWNER).at(-1)?.text)).toContain("gửi khách liên kết thanh toán");

    const stranger = new ZaloBuyer(w, STRANGER);
    await stranger.say("/don 0987654321 A8 2");
    expect(stranger.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    const may = new ZaloBuyer(w, OWNER);
    await may.say("/don A8 2");
    expect(may.last).toContain("Mình chưa thấy số điện thoại");
    expect(may.last).toContain("Ví dụ: /don 0912345678");
    expect(await staffOrders()).toHaveLength(1);
  });
});
