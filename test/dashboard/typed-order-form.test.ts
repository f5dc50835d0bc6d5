import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webchatSender } from "../../bots/webchat/sender";
import { dispatchOutbox } from "../../src/domain/outbox/dispatch";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// The orders board's typed-in order form, in-process: one order per form token, its outcome for
// the account that sent it only, refusals in words, and no form for shippers.
let t: TestApp;
let dash: DashboardClient;
const LINE = "0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than";

beforeEach(async () => {
  t = await makeTestApp({ env: { PUBLIC_URL: "https://cho.example.vn" } });
  dash = await DashboardClient.asOperator(t);
});
afterEach(async () => {
  await t.close();
});

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? "";
const staffOrders = () => t.sqlite.store.db.selectFrom("orders").selectAll().where("source", "=", "staff").execute();

describe("dashboard: an order typed in on the board", () => {
  it("makes the order once per form, however often it is sent, and shows code, total and pay link", async () => {
    const board = await dash.get("/dashboard?shop=demo");
    expect(board.html).toContain('placeholder="0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than"');
    const token = tokenOf(board.html);
    expect(token).toMatch(/^[\w-]{20,}$/);
    const sent = await Promise.all([1, 2].map(() => dash.post("/dashboard/orders/typed", { shop: "demo", token, line: LINE })));
    expect(sent.map((r) => r.status)).toEqual([303, 303]);
    const location = sent[0]?.headers.get("location") ?? "";
    expect(location).toBe(`/dashboard?shop=demo&typed=${token}`);
    const [order, ...others] = await staffOrders();
    expect(others).toEqual([]);
    expect(order).toMatchObject({ phone: "0912345678", zone_name: "Xã Mường Than", total: 375_000, status: "pending_payment", source: "staff" });

    const shown = await dash.get(location);
    expect(shown.html).toContain(`Đã tạo đơn ${order?.code}`);
    expect(shown.html).toContain(`value="https://cho.example.vn/pay/${order?.pay_token}"`);
    expect(shown.html).toContain("Bot chưa nhắn được cho khách này");
    // The next page has a new token: the next order is a new one.
    expect(tokenOf(shown.html)).not.toBe(token);
  });

  it("a refused line comes back in words with the line kept; a crafted or foreign token shows nothing", async () => {
    const token = tokenOf((await dash.get("/dashboard?shop=demo")).html);
    const res = await dash.post("/dashboard/orders/typed", { shop: "demo", token, line: "A1 2 — thôn 3" });
    const shown = await dash.get(res.headers.get("location") ?? "");
    expect(shown.html).toContain("Chưa tạo được đơn:");
    expect(shown.html).toContain("Mình chưa thấy số điện thoại");
    expect(shown.html).toContain('value="A1 2 — thôn 3"');
    expect(await staffOrders()).toEqual([]);
    const crafted = await dash.get("/dashboard?shop=demo&typed=AAAAAAAAAAAAAAAAAAAAAAAA");
    expect(crafted.html).not.toContain("Chưa tạo được đơn");
    expect((await dash.post("/dashboard/orders/typed", { shop: "demo", token: "short", line: LINE })).status).toBe(400);
  });

  it("a buyer who ordered through the web chat with that phone gets the summary and the QR in their session", async () => {
    const { user } = await placeTransferOrder(t);
    const token = tokenOf((await dash.get("/dashboard?shop=demo")).html);
    const res = await dash.post("/dashboard/orders/typed", { shop: "demo", token, line: "0912 345 678 A8 2 tự lấy" });
    const [order] = await staffOrders();
    expect(order).toMatchObject({ channel: "webchat", chat_id: user.session, fulfilment: "pickup", total: 30_000 });
    await dispatchOutbox(t.sqlite.store, { webchat: webchatSender(t.sqlite.store, t.clock) }, t.logger, () => t.clock.now(), { batchSize: 100 });
    const pushed = (await (await t.app.request(`/api/webchat/demo/messages?session=${user.session}&after=0`)).json()) as { messages: { text: string; image?: string }[] };
    const texts = pushed.messages.map((m) => m.text).join("\n");
    expect(texts).toContain("🧾 Bếp Nhà Mây đã ghi đơn của bạn:");
    expect(texts).toContain(`Đơn ${order?.code} đã được ghi nhận!`);
    expect(pushed.messages.some((m) => m.image === `https://cho.example.vn/pay/${order?.pay_token}/qr.png`)).toBe(true);
    expect((await dash.get(res.headers.get("location") ?? "")).html).toContain("Bot đã nhắn đơn và mã QR cho khách.");
  });

  it("without the CSRF token nothing is made", async () => {
    const token = tokenOf((await dash.get("/dashboard?shop=demo")).html);
    expect((await dash.post("/dashboard/orders/typed", { shop: "demo", token, line: LINE }, { csrf: null })).status).toBe(403);
    expect(await staffOrders()).toEqual([]);
  });
});
