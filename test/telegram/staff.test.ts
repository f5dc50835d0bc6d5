import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";
import { loginByLink } from "../helpers/login-link";

let w: TelegramWorld;
const OWNER = 9000;
const STRANGER = 9100;
const BUYERS_GROUP = -100_500;
const STAFF_GROUP = -100_600;
const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });

beforeEach(async () => {
  w = await telegramWorld();
  w.fake.addUser({ id: OWNER, firstName: "Mây" });
  w.fake.addUser({ id: STRANGER, firstName: "Lạ" });
  w.fake.addGroup({ id: BUYERS_GROUP, title: "Khách Than Uyên", type: "supergroup", botIsAdmin: true });
  w.fake.addGroup({ id: STAFF_GROUP, title: "Bếp Nhà Mây - nhân viên", type: "supergroup", botIsAdmin: true });
  expect((await api("/staff", { channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" })).status).toBe(201);
});
afterEach(async () => {
  await w.close();
});

const groupSays = async (user: number, group: number, text: string) => {
  await w.post(w.fake.updates.groupText(user, group, text));
  await w.flush();
  return w.fake.sent(group).at(-1)?.text ?? "";
};

describe("Telegram: the seller's side", () => {
  it("links a buyers' group with a one-time code; a stranger or a spent code cannot", async () => {
    expect((await api("/link-codes", { code: "THANUYEN1" })).status).toBe(201);
    expect(await groupSays(STRANGER, BUYERS_GROUP, "/link THANUYEN1")).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    expect(await groupSays(OWNER, BUYERS_GROUP, "/link THANUYEN1")).toContain("Nhóm này đã được liên kết với Bếp Nhà Mây");
    expect(await groupSays(OWNER, STAFF_GROUP, "/link THANUYEN1")).toContain("Mã liên kết không đúng hoặc đã hết hạn");
    const groups = await w.t.sqlite.store.db.selectFrom("shop_groups").select(["chat_id", "linked"]).where("linked", "=", 1).execute();
    expect(groups).toEqual([{ chat_id: String(BUYERS_GROUP), linked: 1 }]);
  });

  it("/link in private gives staff a fresh one-time code that links a group; a buyer asking gets nothing of it", async () => {
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/link");
    const code = /\/link (G[A-Z0-9]{6})/.exec(may.last)?.[1];
    expect(may.last).toContain("dùng một lần, trong 24 giờ");
    expect(code).toBeDefined();
    expect(await groupSays(OWNER, BUYERS_GROUP, `/link ${code}`)).toContain("Nhóm này đã được liên kết với Bếp Nhà Mây");
    const stranger = new TelegramBuyer(w, STRANGER);
    await stranger.say("/link");
    expect(stranger.last).not.toMatch(/G[A-Z0-9]{6}/);
  });

  it("the staff group receives each new order and each payment", async () => {
    expect(await groupSays(OWNER, STAFF_GROUP, "/staffgroup")).toContain("nhóm nhân viên");
    w.fake.addUser({ id: 7001, firstName: "Bình" });
    const binh = new TelegramBuyer(w, 7001);
    await binh.say("A8");
    await binh.say("2");
    await binh.tap("Đặt hàng");
    await binh.tap("Tự đến lấy");
    await binh.say("0912345678");
    await binh.tap("Hôm nay 11:30");
    await binh.tap("Bỏ qua");
    await binh.tap("Xác nhận đặt");
    await binh.tap("Chuyển khoản");
    await w.flush();
    const order = await w.t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    const notice = w.fake.sent(STAFF_GROUP).at(-1)?.text ?? "";
    expect(notice).toContain(`🆕 Đơn mới ${order.code} — 30.000 ₫ (chưa thanh toán)`);
    expect(notice).toContain("• A8 Nước mơ ngâm × 2 = 30.000 ₫");
    expect(notice).toContain("📞 0912345678");

    const paid = await api(`/orders/${order.code}/payments`, { by: "Chị Mây" });
    expect(paid.status).toBe(201);
    await w.flush();
    expect(w.fake.sent(STAFF_GROUP).at(-1)?.text).toBe(`💰 ${order.code}: đã nhận 30.000 ₫, đủ tiền.`);
    expect(binh.last).toContain(`✅ Đã nhận 30.000 ₫ cho đơn ${order.code}`);
  });

  it("stock, sold out and today's orders from chat; non-staff change nothing", async () => {
    const may = new TelegramBuyer(w, OWNER);
    const stranger = new TelegramBuyer(w, STRANGER);
    await stranger.say("/soldout A1");
    expect(stranger.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
    await may.say("/soldout A1");
    expect(may.last).toBe("✅ A1: đã báo hết hàng.");
    await stranger.say("A1");
    expect(stranger.last).toContain("Rất tiếc, Cơm gà nướng mắc khén đã hết hàng.");
    await may.say("/stock A1 abc");
    expect(may.last).toContain("Cách dùng: /stock A1 20");
    await may.say("/stock Z9 3");
    expect(may.last).toBe("Không có món mã Z9.");
    await may.say("/stock a1 7");
    expect(may.last).toBe("✅ A1: còn 7.");
    await may.say("/orders today");
    expect(may.last).toBe("Hôm nay chưa có đơn nào.");
    // For a buyer, /orders is their own orders, never the shop's.
    await stranger.say("/orders");
    expect(stranger.last).toBe("Bạn chưa có đơn hàng nào.");
  });

  it("a photo with a caption adds a product; a bad caption gets the format", async () => {
    await w.post(w.fake.updates.photo(OWNER, OWNER, "A9 Mật ong hoa cà phê 250k hộp"));
    await w.flush();
    expect(w.fake.sent(OWNER).at(-1)?.text).toBe("✅ Đã thêm A9 · Mật ong hoa cà phê — 250.000 ₫/hộp. Gõ /stock A9 <số lượng> để mở bán.");
    const product = await w.t.sqlite.store.db.selectFrom("products").selectAll().where("code", "=", "A9").executeTakeFirstOrThrow();
    expect(product).toMatchObject({ name: "Mật ong hoa cà phê", price: 250_000, unit: "hộp", stock: 0 });
    expect(product.photo_url).toMatch(/^tg:/);
    await w.post(w.fake.updates.photo(OWNER, OWNER, "ảnh đẹp không"));
    await w.flush();
    expect(w.fake.sent(OWNER).at(-1)?.text).toContain("Để thêm món: gửi ảnh kèm chú thích");
    // A stranger's photo is just a message to the shop, never a new product.
    await w.post(w.fake.updates.photo(STRANGER, STRANGER, "B1 Hàng giả 1000 cái"));
    await w.flush();
    expect(await w.t.sqlite.store.db.selectFrom("products").select("code").where("code", "=", "B1").execute()).toEqual([]);
  });

  it("group chatter and commands for other bots get no answer", async () => {
    for (const text of ["alo shop", "ok", "3", "giá A1 bao nhiêu", "/menu@other_bot", "B1 ngon lắm"]) await w.post(w.fake.updates.groupText(STRANGER, BUYERS_GROUP, text));
    await w.flush();
    expect(w.fake.sent(BUYERS_GROUP)).toEqual([]);
  });

  it("/login in private gives a one-time dashboard link; never in a group", async () => {
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/login");
    const url = /\S*\/dashboard\/login\/([\w-]+)/.exec(may.last)?.[0] ?? "";
    expect(url).toMatch(/\/dashboard\/login\/[\w-]{32}$/);
    const path = new URL(url, "http://x").pathname;
    const token = path.split("/").at(-1) ?? "";
    // The link opens a page that asks; its button logs in (a GET alone never does).
    expect((await w.t.app.request(path)).status).toBe(200);
    const first = await loginByLink(w.t.app, token);
    expect(first.status).toBe(303);
    const cookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
    const board = await w.t.app.request("/dashboard", { headers: { cookie } });
    expect(await board.text()).toContain("Chị Mây");
    expect((await loginByLink(w.t.app, token)).status).toBe(401);
    expect(await groupSays(OWNER, BUYERS_GROUP, "/login")).toBe("Gửi /login trong tin nhắn riêng với bot (không gửi trong nhóm).");
    await new TelegramBuyer(w, STRANGER).say("/login");
    expect(w.fake.sent(STRANGER).at(-1)?.text).toBe("Lệnh này chỉ dành cho nhân viên shop.");
  });
});
