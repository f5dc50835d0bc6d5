import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/chat/types";
import { claimInboundEvent, releaseUnfinishedInboundClaims } from "../../src/domain/chat/inbound-events";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";

// Issue 18 item 8: killed right after the buyer chose how to pay, the server had changed the order
// (draft → pending_payment) but not yet written the conversation's state, so the resent message
// found the chat still at the payment step, an order no longer a draft, and answered "Đơn này đã
// hết thời gian giữ hàng" while the order was placed and holding stock; when the kill came before
// the staff notice, the staff were never told. crash-restart.test.ts kills a real server at random
// moments; here the crash point is made exactly, then the message is delivered again as the browser
// does after a restart (same id; the dead run's claim on it was released at start).

const STAFF_CHAT = "-1009876543210";
const EXPIRED = "hết thời gian giữ hàng";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  // Staff notices go to a staff group, so the new-order notice lands in the outbox.
  await t.sqlite.store.db.updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("slug", "=", "demo").execute();
});
afterEach(async () => {
  await t.close();
});

const db = () => t.sqlite.store.db;
const stockOf = async (code: string) => (await db().selectFrom("products").select("stock").where("code", "=", code).executeTakeFirstOrThrow()).stock;
const staffNotices = async () => (await db().selectFrom("outbox").select(["payload", "dedupe_key"]).where("chat_id", "=", STAFF_CHAT).execute()).map((r) => ({ key: r.dedupe_key, text: (JSON.parse(r.payload) as Reply).text }));

/** One A1 (Vừa, không cay) for pick-up, confirmed: the chat waits at the payment step, the draft order holds the stock. */
async function atPaymentStep(): Promise<{ user: WebChatUser; orderId: number; code: string }> {
  const user = new WebChatUser(t.app);
  await user.open();
  await user.say("A1");
  await user.tap("Vừa");
  await user.tap("Không cay");
  await user.say("1");
  await user.tap("Đặt hàng");
  await user.tap("Tự đến lấy");
  await user.say("0912345678");
  await user.tap("Hôm nay 11:30");
  await user.tap("Bỏ qua");
  await user.tap("Xác nhận đặt");
  expect(user.text).toContain("Bạn thanh toán thế nào?");
  const order = await db().selectFrom("orders").select(["id", "code", "status"]).executeTakeFirstOrThrow();
  expect(order.status).toBe("draft");
  return { user, orderId: order.id, code: order.code };
}

/** The conversation row as it is now, and a way to put it back: the state write that never happened. */
async function conversationSnapshot(session: string) {
  const row = await db().selectFrom("conversations").select(["id", "state", "version", "expires_at", "updated_at"]).where("chat_id", "=", session).executeTakeFirstOrThrow();
  return async () => {
    await db().updateTable("conversations").set({ state: row.state, version: row.version, expires_at: row.expires_at, updated_at: row.updated_at }).where("id", "=", row.id).execute();
  };
}

/** What a restart does to the message the dead run had claimed but not answered: forgets the claim. */
async function restartForgetsClaim(session: string, id: string) {
  await db().deleteFrom("inbound_events").where("event_id", "=", `${session}:${id}`).execute();
  await claimInboundEvent(t.sqlite.store, "webchat", "demo", `${session}:${id}`, t.clock.now());
  expect(await releaseUnfinishedInboundClaims(t.sqlite.store)).toBe(1);
}

describe("a crash at the payment step (issue 18 item 8)", () => {
  it("killed after the order's change, before the staff notice and the chat's state: the resend gives the payment instructions and tells the staff once", async () => {
    const { user, orderId, code } = await atPaymentStep();
    const payChoice = user.action("Chuyển khoản");
    expect(await stockOf("A1")).toBe(49);

    // The run that died: only the order's own UPDATE reached the database.
    const at = t.clock.now();
    await db()
      .updateTable("orders")
      .set({ status: "pending_payment", payment_method: "vietqr", payment_status: "unpaid", expires_at: new Date(at.getTime() + 45 * 60_000).toISOString(), updated_at: at.toISOString() })
      .where("id", "=", orderId)
      .execute();
    await restartForgetsClaim(user.session ?? "", "pay-choice");

    await user.send({ action: payChoice, id: "pay-choice" });
    expect(user.text).not.toContain(EXPIRED);
    expect(user.text).toContain(`Vui lòng chuyển khoản 45.000 ₫ với nội dung: ${code}`);
    expect(user.last.flatMap((r) => r.buttons ?? []).some((b) => b.url?.startsWith("/pay/"))).toBe(true);
    expect(await staffNotices()).toEqual([{ key: `order:${orderId}:new:staff:telegram:${STAFF_CHAT}`, text: expect.stringContaining(`🆕 Đơn mới ${code}`) as string }]);

    // The phone sends it once more (its answer was lost too): the same answer, still one notice.
    await user.send({ action: payChoice, id: "pay-choice" });
    expect(user.text).toContain(`Vui lòng chuyển khoản 45.000 ₫ với nội dung: ${code}`);
    expect(await staffNotices()).toHaveLength(1);
    expect(await stockOf("A1")).toBe(49);
    expect(await db().selectFrom("orders").select(["status", "payment_method"]).where("id", "=", orderId).executeTakeFirstOrThrow()).toEqual({ status: "pending_payment", payment_method: "vietqr" });
  });

  it("killed after the order's change and its staff notice, before the chat's state: the resent choice gives the instructions, no second notice", async () => {
    const { user, orderId, code } = await atPaymentStep();
    const restoreConversation = await conversationSnapshot(user.session ?? "");

    // The whole payment choice runs, then the process dies before the conversation's state and the answer are stored.
    const payChoice = user.action("Chuyển khoản");
    await user.send({ action: payChoice, id: "pay-choice" });
    expect(await staffNotices()).toHaveLength(1);
    await restoreConversation();
    await restartForgetsClaim(user.session ?? "", "pay-choice");

    await user.send({ action: payChoice, id: "pay-choice" });
    expect(user.text).not.toContain(EXPIRED);
    expect(user.text).toContain(`Vui lòng chuyển khoản 45.000 ₫ với nội dung: ${code}`);
    expect(await staffNotices()).toHaveLength(1);
    expect((await staffNotices())[0]?.key).toBe(`order:${orderId}:new:staff:telegram:${STAFF_CHAT}`);
  });

  it.each([
    ["a typed payment choice", "chuyển khoản"],
    ["a question", "alo shop ơi?"],
    ["an empty message", ""],
  ])("after the same crash, %s at that step also gets the instructions, and the staff are told once", async (_label, text) => {
    const { user, orderId, code } = await atPaymentStep();
    const at = t.clock.now();
    await db().updateTable("orders").set({ status: "pending_payment", payment_method: "vietqr", updated_at: at.toISOString() }).where("id", "=", orderId).execute();

    await user.say(text);
    expect(user.text).not.toContain(EXPIRED);
    expect(user.text).toContain(`Vui lòng chuyển khoản 45.000 ₫ với nội dung: ${code}`);
    await user.say(text);
    expect(await staffNotices()).toHaveLength(1);
  });

  it("cash on delivery: the resend confirms the order as cash on delivery, one notice with the staff's buttons", async () => {
    const { user, orderId, code } = await atPaymentStep();
    const payChoice = user.action("Tiền mặt");
    await db().updateTable("orders").set({ status: "confirmed", payment_method: "cod", payment_status: "cod", expires_at: null }).where("id", "=", orderId).execute();
    await restartForgetsClaim(user.session ?? "", "cod-choice");

    await user.send({ action: payChoice, id: "cod-choice" });
    expect(user.text).toContain(`Bạn trả 45.000 ₫ tiền mặt khi nhận hàng`);
    expect(user.text).toContain(code);
    const [notice] = await db().selectFrom("outbox").select("payload").where("chat_id", "=", STAFF_CHAT).execute();
    const reply = JSON.parse(notice?.payload ?? "{}") as Reply;
    expect(reply.text).toContain("trả khi nhận");
    expect(reply.buttons?.map((b) => b.label)).toEqual(["✅ Nhận đơn", "✖️ Từ chối"]);
    expect(await staffNotices()).toHaveLength(1);
  });

  it("without a crash the staff notice is queued in the same batch as the status change, once", async () => {
    const { user, orderId } = await atPaymentStep();
    await user.tap("Chuyển khoản");
    const order = await db().selectFrom("orders").select(["status", "updated_at"]).where("id", "=", orderId).executeTakeFirstOrThrow();
    const notices = await db().selectFrom("outbox").select(["created_at", "dedupe_key"]).where("chat_id", "=", STAFF_CHAT).execute();
    expect(order.status).toBe("pending_payment");
    expect(notices).toEqual([{ created_at: order.updated_at, dedupe_key: `order:${orderId}:new:staff:telegram:${STAFF_CHAT}` }]);
  });

  // A real expiry still says so: the draft was cancelled by its timeout before the buyer chose.
  it("a draft that really expired before the choice is still answered as expired", async () => {
    const { user, orderId } = await atPaymentStep();
    await db().updateTable("orders").set({ status: "cancelled", cancel_reason: "expired" }).where("id", "=", orderId).execute();
    await user.tap("Chuyển khoản");
    expect(user.text).toContain(EXPIRED);
    expect(await staffNotices()).toHaveLength(0);
  });
});
