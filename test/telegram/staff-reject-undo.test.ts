import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers/test-app";
import { inlineButtons, telegramWorld, TelegramBuyer, type TelegramWorld } from "../helpers/telegram";

// Issue 19, item 2 in chat: a reject tap asks why (nothing preset), the cancel can be undone for
// 30 s, and the buyer hears of it only after that — once.
let w: TelegramWorld;
const OWNER = 9100;
const STAFF_GROUP = -100_700;
const CHI = 7103;

const api = (path: string, body: unknown) =>
  w.t.app.request(`/api/shops/demo${path}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const orderOf = (code: string) => w.t.sqlite.store.db.selectFrom("orders").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
const stockOf = async (code: string) => (await w.t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", code).executeTakeFirstOrThrow()).stock;

beforeEach(async () => {
  w = await telegramWorld();
  for (const [id, name] of [[OWNER, "Mây"], [CHI, "Chi"]] as const) w.fake.addUser({ id, firstName: name });
  w.fake.addGroup({ id: STAFF_GROUP, title: "Nhân viên", type: "supergroup", botIsAdmin: true, members: [OWNER] });
  await api("/staff", { channel: "telegram", userId: String(OWNER), name: "Chị Mây", role: "owner" });
  await w.post(w.fake.updates.groupText(OWNER, STAFF_GROUP, "/staffgroup"));
  await w.flush();
});
afterEach(async () => {
  await w.close();
});

/** Chi's cash order of one A2, picked up; returns its code. */
async function chiOrders(chi: TelegramBuyer): Promise<string> {
  await chi.say("A2");
  await chi.tap("Không thêm");
  await chi.say("1");
  await chi.tap("Đặt hàng");
  await chi.tap("Tự đến lấy");
  await chi.say("0912345678");
  await chi.tap("Hôm nay 11:30");
  await chi.tap("Bỏ qua");
  await chi.tap("Xác nhận đặt");
  await chi.tap("Tiền mặt");
  return (await w.t.sqlite.store.db.selectFrom("orders").select("code").where("chat_id", "=", String(CHI)).orderBy("id", "desc").executeTakeFirstOrThrow()).code;
}

/** Taps a staff button for `code` in the staff group, without letting time pass; returns the bot's newest text there. */
async function staffTaps(code: string, label: string): Promise<string> {
  const msg = w.fake.sent(STAFF_GROUP).filter((m) => inlineButtons(m).some((b) => b.text.includes(label) && b.callback_data?.includes(code))).at(-1);
  const data = inlineButtons(msg).find((b) => b.text.includes(label) && b.callback_data?.includes(code))?.callback_data;
  if (!msg || !data) throw new Error(`no "${label}" button for ${code} in the staff group`);
  expect(await w.post(w.fake.updates.callback(OWNER, msg, data))).toBe(200);
  await w.flush(0, 5);
  return w.fake.sent(STAFF_GROUP).at(-1)?.text ?? "";
}

const cancelNotices = (code: string) => w.fake.sent(CHI).filter((m) => (m.text ?? "").includes(`Đơn ${code} đã bị huỷ`));

describe("rejecting an order from the staff chat", () => {
  it("asks the reason with buttons, offers Hoàn tác, and an undo in time tells the buyer nothing", async () => {
    const chi = new TelegramBuyer(w, CHI);
    const code = await chiOrders(chi);
    const stock = await stockOf("A2");

    const ask = await staffTaps(code, "Từ chối");
    expect(ask).toContain(`Lý do huỷ đơn ${code}?`);
    expect((await orderOf(code)).status).toBe("confirmed");
    // A reason-less cancel button (an old notice, a crafted tap) only asks again.
    const bare = w.fake.sent(STAFF_GROUP).at(-1);
    expect(await w.post(w.fake.updates.callback(OWNER, bare ?? w.fake.sent(STAFF_GROUP)[0]!, `so:${code}:cancel`))).toBe(200);
    await w.flush(0, 5);
    expect((await orderOf(code)).status).toBe("confirmed");

    const done = await staffTaps(code, "Hết hàng");
    expect(done).toContain(`đơn ${code} → đã huỷ`);
    expect(done).toContain("30 giây");
    expect(inlineButtons(w.fake.sent(STAFF_GROUP).at(-1)).map((b) => b.text)).toEqual(["↩️ Hoàn tác"]);
    expect((await orderOf(code)).status).toBe("cancelled");
    expect(await stockOf("A2")).toBe(stock + 1);
    await w.flush(0, 5);
    expect(cancelNotices(code)).toHaveLength(0);

    w.t.clock.advance(25_000);
    expect(await staffTaps(code, "Hoàn tác")).toContain(`đã hoàn tác, đơn ${code} → đã xác nhận`);
    expect((await orderOf(code)).status).toBe("confirmed");
    expect((await orderOf(code)).cancel_reason).toBeNull();
    expect(await stockOf("A2")).toBe(stock);
    // The buyer is never told, however long we wait; the order's buttons are back.
    w.t.clock.advance(600_000);
    await w.flush(1_000);
    expect(cancelNotices(code)).toHaveLength(0);
    expect(inlineButtons(w.fake.sent(STAFF_GROUP).at(-1)).map((b) => b.text)).toContain("✅ Nhận đơn");
  });

  it("after the window the buyer is told once, and Hoàn tác is refused", async () => {
    const chi = new TelegramBuyer(w, CHI);
    const code = await chiOrders(chi);
    await staffTaps(code, "Từ chối");
    await staffTaps(code, "Ngoài vùng giao");
    w.t.clock.advance(29_000);
    await w.flush(0, 5);
    expect(cancelNotices(code)).toHaveLength(0);
    w.t.clock.advance(2_000);
    await w.flush(1_000);
    expect(cancelNotices(code).map((m) => m.text)).toEqual([`❌ Đơn ${code} đã bị huỷ: ngoài khu vực giao.`]);
    expect(await staffTaps(code, "Hoàn tác")).toContain(`Đã quá thời gian hoàn tác đơn ${code}`);
    expect((await orderOf(code)).status).toBe("cancelled");
    await w.flush(1_000);
    expect(cancelNotices(code)).toHaveLength(1);
  });

  it("a typed /cancel with a reason can be undone too", async () => {
    const chi = new TelegramBuyer(w, CHI);
    const code = await chiOrders(chi);
    await w.post(w.fake.updates.groupText(OWNER, STAFF_GROUP, `/cancel ${code} bếp hỏng`));
    await w.flush(0, 5);
    expect(w.fake.sent(STAFF_GROUP).at(-1)?.text).toContain("bếp hỏng");
    expect(await staffTaps(code, "Hoàn tác")).toContain("đã hoàn tác");
    w.t.clock.advance(60_000);
    await w.flush(1_000);
    expect(cancelNotices(code)).toHaveLength(0);
  });
});
