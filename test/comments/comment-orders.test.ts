import { afterEach, describe, expect, it } from "vitest";
import { lineOptions } from "../../src/domain/orders/line-text";
import { runLiveJobs } from "../../src/jobs/live-jobs";
import { ADMIN_TOKEN, makeTestApp, WebChatUser } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";
import { zaloWorld, type ZaloWorld } from "../helpers/zalo";

// Issue 17 end to end: comments as buyers type them, through the real webhooks, become the right
// order (options priced, phone and note kept) or one short answer; chatter stays silent.
const GROUP = -100_555;
const OWNER = 9100;

let tg: TelegramWorld | undefined;
let zl: ZaloWorld | undefined;
afterEach(async () => {
  await tg?.close();
  await zl?.close();
  tg = undefined;
  zl = undefined;
});

async function telegramGroup(): Promise<TelegramWorld> {
  const w = await telegramWorld();
  w.fake.addGroup({ id: GROUP, title: "Chợ Than Uyên", type: "supergroup", botIsAdmin: true });
  for (const [id, name] of [[7101, "Bình"], [7102, "Chi"], [7103, "Dung"], [7104, "Én"], [OWNER, "Mây"]] as const) w.fake.addUser({ id, firstName: name });
  return w;
}

/** Chị Mây, the owner, as staff of the demo shop (through the operator API). */
async function makeOwner(w: TelegramWorld): Promise<void> {
  await w.t.app.request("/api/shops/demo/staff", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" }),
  });
}

const linesOf = async (w: { t: { sqlite: { store: { db: TelegramWorld["t"]["sqlite"]["store"]["db"] } } } }) =>
  (await w.t.sqlite.store.db.selectFrom("order_items as i").innerJoin("orders as o", "o.id", "i.order_id").select(["o.code as order", "i.code", "i.qty", "i.options", "i.unit_price", "o.phone", "o.note", "o.status"]).orderBy("i.id").execute()).map((l) => ({ ...l, options: lineOptions(l.options) }));

describe("comment orders on Telegram", () => {
  it("names, options with their price, units, phone and note become the right order; the group and the buyer see the options", async () => {
    tg = await telegramGroup();
    const w = tg;
    await w.post(w.fake.updates.groupText(7101, GROUP, "chốt cơm gà lớn cay nhiều 2 phần"));
    await w.post(w.fake.updates.groupText(7102, GROUP, "bun cha 2 bat sdt 0912 345 678 giao xóm 2 Mường Than"));
    await w.post(w.fake.updates.groupText(7103, GROUP, "A2 thêm chả x1, lạp xưởng nhiều nạc 1kg"));
    await w.flush();
    const lines = await linesOf(w);
    expect(lines.map(({ code, qty, options, unit_price }) => ({ code, qty, options, unit_price }))).toEqual([
      { code: "A1", qty: 2, options: ["Lớn", "Cay nhiều"], unit_price: 55_000 },
      { code: "A2", qty: 2, options: [], unit_price: 40_000 },
      { code: "A2", qty: 1, options: ["Thêm chả"], unit_price: 55_000 },
      { code: "A7", qty: 1, options: ["Nhiều nạc"], unit_price: 240_000 },
    ]);
    expect(lines[1]).toMatchObject({ phone: "0912345678", note: "giao xóm 2 Mường Than", status: "draft" });
    const group = w.fake.sent(GROUP).map((m) => m.text).join("\n");
    expect(group).toContain("Bình: A1 (Lớn, Cay nhiều)×2");
    expect(group).toContain("Dung: A2 (Thêm chả)×1, A7 (Nhiều nạc)×1");

    // Bình finishes in private: the summary keeps the options and their price.
    const payload = /start=(o_[A-Za-z0-9_-]+)/.exec(w.fake.sent(GROUP).find((m) => m.text?.includes("Bình"))?.text ?? "")?.[1] ?? "";
    const binh = new TelegramBuyer(w, 7101);
    await binh.say(`/start ${payload}`);
    await binh.tap("Tự đến lấy");
    await binh.say("0987654321");
    await binh.tap("Hôm nay 11:30");
    await binh.tap("Bỏ qua");
    expect(binh.last).toContain("A1 Cơm gà nướng mắc khén (Lớn, Cay nhiều) × 2 = 110.000 ₫");
    await binh.tap("Xác nhận đặt");
    await binh.tap("Tiền mặt");

    // The kitchen reads the same line, options included, in /orders today.
    await makeOwner(w);
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/orders today");
    expect(may.last).toContain("A1 Cơm gà nướng mắc khén (Lớn, Cay nhiều) × 2");
  });

  it("a comment that tries to order but cannot be read gets one short answer; chatter gets none", async () => {
    tg = await telegramGroup();
    const w = tg;
    for (const [user, text] of [
      [7101, "chốt A1 2 3"],
      [7102, "chốt K9 x2"],
      [7103, "A1 còn không shop"],
      [7104, "đã ck 250k nha"],
      [7103, "mật ong ngon quá"],
    ] as const) {
      expect(await w.post(w.fake.updates.groupText(user, GROUP, text))).toBe(200);
    }
    await w.flush();
    expect(await linesOf(w)).toEqual([]);
    const group = w.fake.sent(GROUP).map((m) => m.text ?? "");
    // The two answers are merged into the group's acknowledgements; nothing for the chatter.
    const all = group.join("\n");
    expect(all).toContain("Bình: Mình thấy 2 số lượng cho A1, bạn lấy mấy? Gõ ví dụ: A1 2");
    expect(all).toContain("Chi: Shop không có mã K9 — gõ ví dụ: A1 2");
    expect(all).not.toContain("Dung");
    expect(all).not.toContain("Én");
  });

  it("a buyer who has started the bot gets the answer privately, and the group stays quiet", async () => {
    tg = await telegramGroup();
    const w = tg;
    const binh = new TelegramBuyer(w, 7101);
    await binh.say("/start");
    await w.post(w.fake.updates.groupText(7101, GROUP, "lấy A5 vài hũ"));
    await w.flush();
    expect(w.fake.sent(GROUP)).toEqual([]);
    expect(w.fake.sent(7101).at(-1)?.text).toBe("Mình chưa rõ số lượng A5 — gõ ví dụ: A5 2");
  });

  it("corrections and 'mỗi thứ' are read as the buyer meant", async () => {
    tg = await telegramGroup();
    const w = tg;
    await w.post(w.fake.updates.groupText(7101, GROUP, "A2 2 à nhầm 1"));
    await w.post(w.fake.updates.groupText(7102, GROUP, "lấy A5 A6 mỗi loại 2"));
    await w.post(w.fake.updates.groupText(7103, GROUP, "lays A8 3 ly"));
    await w.flush();
    expect((await linesOf(w)).map((l) => `${l.code}:${l.qty}`)).toEqual(["A2:1", "A5:2", "A6:2", "A8:3"]);
  });
});

describe("a correction in a later comment", () => {
  it("'thôi lấy 1 thôi' changes the buyer's last comment order and gives the stock back; without one, the bot asks", async () => {
    tg = await telegramGroup();
    const w = tg;
    const stock = async () => (await w.t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", "A2").executeTakeFirstOrThrow()).stock;
    const before = await stock();
    await w.post(w.fake.updates.groupText(7101, GROUP, "chốt A2 3"));
    await w.post(w.fake.updates.groupText(7101, GROUP, "thôi lấy 1 thôi"));
    await w.post(w.fake.updates.groupText(7102, GROUP, "sửa lại 2"));
    await w.flush();
    const lines = await linesOf(w);
    expect(lines.map((l) => `${l.code}:${l.qty}`)).toEqual(["A2:1"]);
    expect(await stock()).toBe(before - 1);
    const order = await w.t.sqlite.store.db.selectFrom("orders").select(["subtotal"]).executeTakeFirstOrThrow();
    expect(order.subtotal).toBe(40_000);
    const group = w.fake.sent(GROUP).map((m) => m.text).join("\n");
    expect(group).toContain("✏️ Bình: đã sửa thành A2×1.");
    expect(group).toContain("Chi: Bạn muốn sửa món nào? Gõ mã và số lượng mới, ví dụ: A1 1");
  });

  it("in a live, the hold and the live's count follow the correction", async () => {
    tg = await telegramGroup();
    const w = tg;
    await makeOwner(w);
    await w.post(w.fake.updates.groupText(OWNER, GROUP, "/live start A5:10"));
    await w.post(w.fake.updates.groupText(7101, GROUP, "A5 3"));
    await w.post(w.fake.updates.groupText(7101, GROUP, "à nhầm, 1 thôi"));
    const item = await w.t.sqlite.store.db.selectFrom("live_items").select("taken").executeTakeFirstOrThrow();
    expect(item.taken).toBe(1);
    expect((await linesOf(w)).map((l) => `${l.code}:${l.qty}`)).toEqual(["A5:1"]);
  });
});

describe("comment orders on Zalo", () => {
  it("a mention by the app's name, then a name with an option and a phone, makes the order", async () => {
    zl = await zaloWorld();
    const w = zl;
    const group = "g2b1f09e4a7d3e55b180";
    w.fake.addUser({ id: "u-lan", name: "Lan" });
    w.fake.addGroup({ id: group, name: "Chợ Than Uyên", members: ["u-lan"] });
    await w.t.sqlite.store.db.updateTable("bots").set({ username: "bep_nha_may_bot" }).where("channel", "=", "zalo").execute();
    await w.post(w.fake.updates.groupText("u-lan", group, "cho c 2 phần cơm gà không cay nha, sđt 0912345678", { mentionBot: true, mentionAs: "Bot Bếp Nhà Mây" }));
    await w.flush();
    const lines = await linesOf(w);
    expect(lines.map(({ code, qty, options, phone }) => ({ code, qty, options, phone }))).toEqual([{ code: "A1", qty: 2, options: ["Không cay"], phone: "0912345678" }]);
    expect(w.fake.sent(group).at(-1)?.text).toContain("Lan: A1 (Không cay)×2");
  });
});

describe("comment orders during a live", () => {
  it("options are held and shown, an unreadable comment is answered in the live's message, chatter is not", async () => {
    tg = await telegramGroup();
    const w = tg;
    await makeOwner(w);
    await w.post(w.fake.updates.groupText(OWNER, GROUP, "/live start A1:20 A5:10"));
    await w.post(w.fake.updates.groupText(7101, GROUP, "A1 1 lớn 1 vừa"));
    await w.post(w.fake.updates.groupText(7102, GROUP, "mật ong 2 hũ giao chiều nay"));
    await w.post(w.fake.updates.groupText(7103, GROUP, "chốt A1 x"));
    await w.post(w.fake.updates.groupText(7104, GROUP, "A5 còn không ạ"));
    await runLiveJobs(w.t.sqlite.store, w.t.clock.now());
    await w.flush();
    const lines = await linesOf(w);
    expect(lines.map(({ code, qty, options, unit_price }) => ({ code, qty, options, unit_price }))).toEqual([
      { code: "A1", qty: 1, options: ["Lớn"], unit_price: 55_000 },
      { code: "A1", qty: 1, options: ["Vừa"], unit_price: 45_000 },
      { code: "A5", qty: 2, options: [], unit_price: 250_000 },
    ]);
    expect(lines[2]?.note).toBe("giao chiều nay");
    const summary = w.fake.sent(GROUP).at(-1)?.text ?? "";
    expect(summary).toContain("Bình: A1 (Lớn)×1, A1 (Vừa)×1");
    expect(summary).toContain("❓ Dung: Mình chưa rõ số lượng A1 — gõ ví dụ: A1 2");
    expect(summary).not.toContain("Én");
  });
});

describe("a whole order typed in the web chat", () => {
  it("'cho mình 2 suất cơm gà' asks only what is missing, then puts two in the cart", async () => {
    const t = await makeTestApp();
    try {
      const buyer = new WebChatUser(t.app);
      await buyer.open();
      await buyer.say("cho mình 2 suất cơm gà");
      expect(buyer.text).toContain("Chọn cỡ phần cho Cơm gà nướng mắc khén");
      await buyer.tap("Lớn");
      expect(buyer.text).toContain("Chọn độ cay cho Cơm gà nướng mắc khén");
      await buyer.tap("Cay nhiều");
      // The quantity was said: not asked again.
      expect(buyer.text).toContain("Đã thêm 2 phần Cơm gà nướng mắc khén vào giỏ.");
      expect(buyer.text).toContain("A1 Cơm gà nướng mắc khén (Lớn, Cay nhiều) × 2 = 110.000 ₫");

      const other = new WebChatUser(t.app);
      await other.open();
      await other.say("A1 vừa không cay 1, nước mơ 3 ly");
      expect(other.text).toContain("A1 Cơm gà nướng mắc khén (Vừa, Không cay) × 1 = 45.000 ₫");
      expect(other.text).toContain("A8 Nước mơ ngâm × 3 = 45.000 ₫");
      await other.say("chốt K9 x2");
      expect(other.text).toContain("Shop không có mã K9 — gõ ví dụ: A1 2");
    } finally {
      await t.close();
    }
  });
});
