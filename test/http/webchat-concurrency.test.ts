import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

/** A buyer with one A8 in the cart, picked up, at the summary, ready to confirm. */
async function buyerAtSummary(): Promise<WebChatUser> {
  const user = new WebChatUser(t.app);
  await user.open();
  await user.say("A8");
  await user.say("1");
  await user.tap("Đặt hàng");
  await user.tap("Tự đến lấy");
  await user.say("0912345678");
  await user.tap("Hôm nay 11:30");
  await user.tap("Bỏ qua");
  expect(user.text).toContain("Xác nhận đặt");
  return user;
}

describe("concurrent confirms", () => {
  it("50 buyers confirming at once for an item with stock 10: exactly 10 reserved, 40 clear refusals", async () => {
    const buyers = await Promise.all(Array.from({ length: 50 }, () => buyerAtSummary()));
    // Stock drops to 10 after everyone filled their cart: the race is at confirm, where stock is taken.
    await t.sqlite.store.db.updateTable("products").set({ stock: 10 }).where("code", "=", "A8").execute();

    await Promise.all(buyers.map((b) => b.tap("Xác nhận đặt")));

    const won = buyers.filter((b) => /Đơn CC[A-Z2-9]{6} đã giữ hàng cho bạn/.test(b.text));
    const refused = buyers.filter((b) => b.text.includes("Rất tiếc, Nước mơ ngâm vừa hết hàng."));
    expect(won).toHaveLength(10);
    expect(refused).toHaveLength(40);

    const db = t.sqlite.store.db;
    const stock = await db.selectFrom("products").select("stock").where("code", "=", "A8").executeTakeFirstOrThrow();
    expect(stock.stock).toBe(0);
    const held = await db.selectFrom("stock_reservations").select((eb) => eb.fn.sum<number>("qty").as("qty")).where("status", "=", "held").executeTakeFirstOrThrow();
    expect(Number(held.qty)).toBe(10);
    const drafts = await db.selectFrom("orders").select("id").where("status", "=", "draft").execute();
    expect(drafts).toHaveLength(10);
    const cancelled = await db.selectFrom("orders").select("cancel_reason").where("status", "=", "cancelled").execute();
    expect(cancelled).toHaveLength(40);
  });

  it("two confirms of the same conversation at once make one order", async () => {
    const user = await buyerAtSummary();
    const action = user.action("Xác nhận đặt");
    const [a, b] = await Promise.all([user.send({ action, id: "x1" }), user.send({ action, id: "x2" })]);
    const orders = await t.sqlite.store.db.selectFrom("orders").select(["id", "status"]).execute();
    expect(orders).toEqual([{ id: orders[0]?.id, status: "draft" }]);
    const stock = await t.sqlite.store.db.selectFrom("products").select("stock").where("code", "=", "A8").executeTakeFirstOrThrow();
    expect(stock.stock).toBe(59);
    // One of the two sees the payment choice; the other is told to choose how to pay (it lost the race).
    const texts = [a, b].map((x) => x.replies.map((r) => r.text).join("\n"));
    expect(texts.filter((x) => /đã giữ hàng cho bạn/.test(x)).length).toBeGreaterThanOrEqual(1);
  });

  it("a resent message id returns the first answer and changes nothing", async () => {
    const user = await buyerAtSummary();
    const action = user.action("Xác nhận đặt");
    const first = await user.send({ action, id: "same" });
    const again = await user.send({ action, id: "same" });
    expect(again).toEqual(first);
    const orders = await t.sqlite.store.db.selectFrom("orders").select("id").execute();
    expect(orders).toHaveLength(1);
    // Sent at the same moment (a double tap on 3G): still one answer, one order.
    const pay = user.action("Tiền mặt");
    const both = await Promise.all([user.send({ action: pay, id: "dup" }), user.send({ action: pay, id: "dup" })]);
    expect(both[1]).toEqual(both[0]);
    const confirmed = await t.sqlite.store.db.selectFrom("orders").select("status").execute();
    expect(confirmed).toEqual([{ status: "confirmed" }]);
  });

  it("never hands one browser's session to another that happens to reuse a message id", async () => {
    const post = (body: object) =>
      t.app.request("/api/webchat/demo/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const a = (await (await post({ id: "1" })).json()) as { session: string };
    const b = (await (await post({ id: "1" })).json()) as { session: string };
    expect(a.session).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b.session).not.toBe(a.session);
  });
});
