import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runLiveJobs } from "../../src/jobs/live-jobs";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

let w: TelegramWorld;
const GROUP = -100_950;
const OWNER = 9000;
const AN = 7001;

beforeEach(async () => {
  w = await telegramWorld();
  w.fake.addGroup({ id: GROUP, title: "Live", type: "supergroup", botIsAdmin: true });
  w.fake.addUser({ id: OWNER, firstName: "Mây" });
  w.fake.addUser({ id: AN, firstName: "An", username: "an_lc" });
  await w.t.app.request("/api/shops/demo/staff", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" }),
  });
});
afterEach(async () => {
  await w.close();
});

const say = async (user: number, text: string) => {
  await w.post(w.fake.updates.groupText(user, GROUP, text));
};
const heldOf = async (code: string) => {
  const rows = await w.t.sqlite.store.db
    .selectFrom("stock_reservations as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .select("r.qty")
    .where("p.code", "=", code)
    .where("r.status", "=", "held")
    .execute();
  return rows.reduce((s, r) => s + r.qty, 0);
};

describe("live sessions: the rules", () => {
  it("merges a buyer's comments into one order: adds, removes, and counts a quick repeat once", async () => {
    await say(OWNER, "/live start A1:10:3 A5:5");
    await say(AN, "chốt A5 1");
    await say(AN, "A5 2");
    expect(await heldOf("A5")).toBe(3);
    await say(AN, "A5 2"); // the same words within seconds: a double tap
    expect(await heldOf("A5")).toBe(3);
    w.t.clock.advance(15_000);
    await say(AN, "A5 2"); // later, the same words mean more
    expect(await heldOf("A5")).toBe(5);
    await say(AN, "chốt A1 x2");
    await say(AN, "A1 2"); // over the per-buyer cap of 3: refused, the first 2 kept
    expect(await heldOf("A1")).toBe(2);
    await say(AN, "huỷ A5");
    expect(await heldOf("A5")).toBe(0);
    const orders = await w.t.sqlite.store.db.selectFrom("orders").select(["subtotal", "status"]).execute();
    expect(orders).toEqual([{ subtotal: 90_000, status: "draft" }]);
    // Nothing was said in the group for each comment; one summary shows it all.
    await runLiveJobs(w.t.sqlite.store, w.t.clock.now());
    await w.flush();
    const texts = w.fake.sent(GROUP).map((m) => m.text ?? "");
    expect(texts[0]).toContain("🔴 Bắt đầu live!");
    expect(texts[1]).toContain("• @an_lc: A1×2");
    expect(texts[1]).toContain("Còn lại: A1 8 · A5 5");
    expect(texts[1]).toContain("https://t.me/bep_nha_may_bot?start=l_1");
    expect(texts[1]).toContain("Chưa nhắn cho bot (bấm link trên để hoàn tất): @an_lc");
    expect(texts).toHaveLength(2);
  });

  it("finishes a live order in private from the one group link, and only one's own", async () => {
    w.fake.addUser({ id: 7002, firstName: "Bình" });
    await say(OWNER, "/live start A8:10");
    await say(AN, "chốt A8 x2");
    const binh = new TelegramBuyer(w, 7002);
    await binh.say("/start l_1");
    expect(binh.last).toContain("Liên kết này là của một đơn khác");
    const an = new TelegramBuyer(w, AN);
    await an.say("/start l_1");
    expect(an.last).toContain("Bạn muốn nhận hàng thế nào?");
    await an.tap("Tự đến lấy");
    await an.say("0912345678");
    await an.tap("Hôm nay 11:30");
    await an.tap("Bỏ qua");
    expect(an.last).toContain("• A8 Nước mơ ngâm × 2 = 30.000 ₫");
    await an.tap("Xác nhận đặt");
    await an.tap("Tiền mặt");
    // After checking out, more comments do not reopen the order.
    await say(AN, "A8 1");
    await w.flush();
    expect(an.last).toContain("đã chốt xong");
    expect(await heldOf("A8")).toBe(2);
  });

  it("a released hold goes to the next buyer waiting, who is told privately", async () => {
    w.fake.addUser({ id: 7002, firstName: "Bình" });
    const binh = new TelegramBuyer(w, 7002);
    await binh.say("/start");
    await say(OWNER, "/live start A4:2");
    await say(AN, "chốt A4 2");
    await say(7002, "chốt A4 1");
    expect(await heldOf("A4")).toBe(2);
    await w.flush();
    expect(binh.last).toContain("A4 đã hết suất trong live");
    await say(AN, "huỷ A4");
    await runLiveJobs(w.t.sqlite.store, w.t.clock.now());
    await w.flush();
    expect(await heldOf("A4")).toBe(1);
    expect(binh.last).toContain("🎉 Đến lượt bạn! Shop giữ A4×1 cho bạn 15 phút.");
  });

  it("ends with a capture window, then stops taking comments; 'live only' shops ignore comments outside lives", async () => {
    await say(OWNER, "/live start A8:10");
    await say(OWNER, "/live end");
    await w.flush();
    expect(w.fake.sent(GROUP).at(-1)?.text).toMatch(/Đã kết thúc live\. Vẫn nhận chốt đến \d\d:\d\d\./);
    await say(AN, "chốt A8 1");
    expect(await heldOf("A8")).toBe(1);
    w.t.clock.advance(31 * 60_000);
    await runLiveJobs(w.t.sqlite.store, w.t.clock.now());
    await w.t.sqlite.store.db.updateTable("shops").set({ comments_outside_live: "live_only" }).execute();
    await say(AN, "chốt A8 1 nữa");
    await say(AN, "chốt A5 1");
    expect(await heldOf("A8")).toBe(1);
    expect(await heldOf("A5")).toBe(0);
  });

  it("/live shows the staff the board", async () => {
    await say(OWNER, "/live start A1:10 A5:5");
    await say(AN, "chốt A1 x2");
    const may = new TelegramBuyer(w, OWNER);
    await may.say("/live");
    expect(may.last).toBe(["📺 Live #1: 0 đơn", "A1: đã chốt 0 · đang giữ 2 · còn 8", "A5: đã chốt 0 · đang giữ 0 · còn 5", "Giá trị: 0 ₫ · đã thu: 0 ₫ · chưa thu: 0 ₫"].join("\n"));
    const stranger = new TelegramBuyer(w, AN);
    await stranger.say("/live");
    expect(stranger.last).toBe("Lệnh này chỉ dành cho nhân viên shop.");
  });
});
