import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CarrierId } from "../../src/domain/carriers/carrier";
import { codReport } from "../../src/domain/carriers/cod";
import { savePickupSettings } from "../../src/domain/carriers/shop-carriers";
import { createWaybill } from "../../src/domain/carriers/waybill";
import { findDefaultShop } from "../../src/domain/shops/shops";
import { loadConfig } from "../../src/config";
import { startFakeGhn, type FakeGhn } from "../fakes/ghn-api";
import { startFakeGhtk, type FakeGhtk } from "../fakes/ghtk-api";
import { listen } from "../helpers/http-server";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 23 part 4, end to end: the fakes' status changes reach us as their webhooks (with their
// retries), over real HTTP, and are believed only as read back through the real clients.
const TOKEN = "carrier-webhook-token-0123456789abcdef";
const STAFF_CHAT = "-100777";
let ghn: FakeGhn;
let ghtk: FakeGhtk;
let t: TestApp;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  ghn = await startFakeGhn();
  ghtk = await startFakeGhtk();
});
afterAll(async () => {
  await ghn.close();
  await ghtk.close();
});
const env = () => ({ GHN_TOKEN: ghn.token, GHN_SHOP_ID: String(ghn.shopId), GHN_API_ROOT: ghn.url, GHTK_TOKEN: ghtk.token, GHTK_API_ROOT: ghtk.url, CARRIER_WEBHOOK_TOKEN: TOKEN });

beforeEach(async () => {
  t = await makeTestApp({ env: env() });
  await t.sqlite.store.db.updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("slug", "=", "demo").execute();
  server = await listen(t.app);
  ghn.setWebhook(`${server.url}/webhooks/ghn/demo/${TOKEN}`);
  ghtk.setWebhook(`${server.url}/webhooks/ghtk/demo/${TOKEN}`);
  ghn.faults.clear();
});
afterEach(async () => {
  await server.close();
  await t.close();
});

let seq = 0;
/** A cash-on-delivery order with a waybill at the carrier (seeded in the fake) and our shipments row for it. */
async function shipped(carrier: CarrierId) {
  const code = `CC7K2M${String(++seq).padStart(2, "0")}`.slice(0, 8);
  const { order } = await placeTransferOrder(t, { method: "cod", code });
  const waybill = carrier === "ghn" ? `G8ADK${seq}Y` : `S22749126.SGP39-J31.13758355${seq}`;
  if (carrier === "ghn") ghn.importOrder({ order_code: waybill, client_order_code: code, cod_amount: order.total });
  else ghtk.seedOrder({ label: waybill, partnerId: code, pickMoney: order.total, shipMoney: 30000, insurance: 0 });
  const at = t.clock.now().toISOString();
  const row = await t.sqlite.store.db
    .insertInto("shipments")
    .values({ order_id: order.id, shop_id: order.shop_id, carrier, client_code: code, waybill, status: "ready_to_pick", fee: 30000, cod_amount: order.total, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { order, waybill, shipmentId: row.id };
}

const shipment = (id: number) => t.sqlite.store.db.selectFrom("shipments").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const orderRow = (id: number) => t.sqlite.store.db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const said = async (chatId: string) =>
  (await t.sqlite.store.db.selectFrom("outbox").select("payload").where("chat_id", "=", chatId).where("dedupe_key", "like", "shipment:%").orderBy("id").execute()).map((r) => (JSON.parse(r.payload) as { text: string }).text);
const post = (path: string, body: string, contentType = "application/json") => fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body });

describe("GHN status callbacks", () => {
  it("move a waybill through picked → delivering → delivered, each reaching the buyer once though GHN resends", async () => {
    const { order, waybill, shipmentId } = await shipped("ghn");
    ghn.faults.webhook.duplicates = 1;
    await ghn.advance(waybill, "picked");
    await ghn.advance(waybill, "delivering");
    await ghn.advance(waybill, "delivered");
    // And the first one again, late, by hand.
    expect(await ghn.resend(ghn.webhooks.findIndex((w) => w.orderCode === waybill))).toBe(200);
    expect(ghn.webhooks.filter((w) => w.orderCode === waybill).every((w) => w.delivered)).toBe(true);
    const texts = await said(order.chat_id);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toBe(`📦 Đơn ${order.code}: GHN đã lấy hàng. Mã vận đơn ${waybill} — theo dõi: https://donhang.ghn.vn/?order_code=${waybill}`);
    expect(texts[1]).toContain("đang giao hàng");
    expect(texts[2]).toContain("đã giao hàng xong");
    expect(await shipment(shipmentId)).toMatchObject({ status: "delivered", carrier_status: "delivered", cod_collected: order.total });
    expect(await orderRow(order.id)).toMatchObject({ status: "delivered", shipper_name: "GHN" });
    expect(await said(STAFF_CHAT)).toEqual([]);
  });

  it("answers 503 while GHN cannot be read back, so GHN's own retry records it, once", async () => {
    const { order, waybill, shipmentId } = await shipped("ghn");
    ghn.faults.inject({ kind: "http", status: 503 }, { path: "/v2/shipping-order/detail", times: 2 });
    await ghn.advance(waybill, "picked");
    const delivery = ghn.webhooks.filter((w) => w.orderCode === waybill).at(-1);
    expect(delivery?.attempts).toEqual([503, 503, 200]);
    expect((await shipment(shipmentId)).status).toBe("picked");
    expect(await said(order.chat_id)).toHaveLength(1);
  });

  it("refuses a wrong token (401) and believes no body: a forged status the carrier does not confirm changes nothing", async () => {
    const { order, waybill, shipmentId } = await shipped("ghn");
    const forged = JSON.stringify({ OrderCode: waybill, ClientOrderCode: order.code, Status: "delivered", Type: "switch_status", CODAmount: order.total });
    const detailCalls = () => ghn.calls.filter((c) => c.path === "/v2/shipping-order/detail").length;
    const before = detailCalls();
    const wrong = await post(`/webhooks/ghn/demo/${TOKEN.slice(0, -1)}x`, forged);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "wrong token" });
    expect(detailCalls()).toBe(before);
    // The right token, a body saying "delivered": GHN says it is still waiting for pickup.
    expect(await ghn.postRaw(forged)).toBe(200);
    expect(detailCalls()).toBe(before + 1);
    expect(await shipment(shipmentId)).toMatchObject({ status: "ready_to_pick", cod_collected: 0 });
    expect((await orderRow(order.id)).status).toBe("confirmed");
    expect(await said(order.chat_id)).toEqual([]);
    // A waybill that is not ours, junk, an unknown shop.
    expect(await ghn.postRaw(JSON.stringify({ OrderCode: "ZZZZZZZZ", Status: "delivered" }))).toBe(200);
    expect((await post(`/webhooks/ghn/demo/${TOKEN}`, "not json")).status).toBe(400);
    expect((await post(`/webhooks/ghn/nowhere/${TOKEN}`, forged)).status).toBe(404);
    expect(await said(order.chat_id)).toEqual([]);
  });

  it("reads the docs' own sample with its missing comma (T4) for the waybill it names", async () => {
    const { order, waybill, shipmentId } = await shipped("ghn");
    ghn.faults.webhook.brokenJson = true;
    await ghn.advance(waybill, "picked");
    expect(() => JSON.parse(ghn.webhooks.at(-1)?.body ?? "")).toThrow();
    expect((await shipment(shipmentId)).status).toBe("picked");
    expect(await said(order.chat_id)).toHaveLength(1);
  });

  it("ignores a late webhook for an earlier status", async () => {
    const { order, waybill, shipmentId } = await shipped("ghn");
    await ghn.advance(waybill, "picked");
    const pickedIndex = ghn.webhooks.length - 1;
    await ghn.advance(waybill, "delivering");
    // GHN's detail still says delivering: the picked webhook, replayed, moves nothing back.
    expect(await ghn.resend(pickedIndex)).toBe(200);
    expect((await shipment(shipmentId)).status).toBe("delivering");
    expect(await said(order.chat_id)).toHaveLength(2);
  });

  it("tells the staff of a failed delivery and of the return once each, and the return cancels the order", async () => {
    const { order, waybill, shipmentId } = await shipped("ghn");
    ghn.faults.webhook.duplicates = 1;
    for (const s of ["picked", "delivering", "delivery_fail", "waiting_to_return", "return", "returning", "returned"]) await ghn.advance(waybill, s);
    const staff = await said(STAFF_CHAT);
    expect(staff).toHaveLength(2);
    expect(staff[0]).toContain(`⚠️ Đơn ${order.code}: GHN chưa giao được hàng (vận đơn ${waybill}).`);
    expect(staff[1]).toContain("đang hoàn hàng về shop");
    expect((await shipment(shipmentId)).status).toBe("returned");
    expect(await orderRow(order.id)).toMatchObject({ status: "cancelled", cancel_reason: "GHN đã hoàn hàng về shop" });
    // picked, delivering, failed, returning, returned.
    expect(await said(order.chat_id)).toHaveLength(5);
  });
});

describe("a waybill made in one tap", () => {
  it("is followed from the carrier's first move to delivery, the buyer told once each", async () => {
    await savePickupSettings(t.sqlite.store, 1, { provinceCode: "01", communeCode: "00070", hamlet: null, street: "12 Hàng Bạc", name: "Quán Demo", phone: "0987000111", flatFee: 35_000 });
    const { order: placed } = await placeTransferOrder(t, { method: "cod" });
    await t.sqlite.store.db
      .updateTable("orders")
      .set({ fulfilment: "delivery", ship_province_code: "12", ship_commune_code: "03618", ship_hamlet: "Bản Mường", ship_street: null, ship_carrier: "ghn", address: "Bản Mường, Xã Mường Than, Tỉnh Lai Châu", status: "confirmed" })
      .where("id", "=", placed.id)
      .execute();
    const order = await orderRow(placed.id);
    const config = loadConfig({ DATABASE_PATH: ":memory:", ...env() });
    if (!config.ok) throw new Error(config.reason);
    const shop = await findDefaultShop(t.sqlite.store);
    if (!shop) throw new Error("no default shop");
    const made = await createWaybill({ store: t.sqlite.store, config: config.value, clock: t.clock }, shop, order, "ghn");
    if (!made.ok) throw new Error(`no waybill: ${JSON.stringify(made)}`);
    const { waybill, id } = made.value.shipment;
    ghn.faults.webhook.duplicates = 2;
    for (const s of ["picking", "picked", "storing", "transporting", "delivering", "delivered"]) await ghn.advance(waybill, s);
    const texts = await said(order.chat_id);
    // picking is still "waiting for pickup" (said nothing); storing and transporting are one "in transit".
    expect(texts.map((x) => x.split(". ")[0])).toEqual([
      `📦 Đơn ${order.code}: GHN đã lấy hàng`,
      `📦 Đơn ${order.code}: GHN đang chuyển hàng đến bạn`,
      `📦 Đơn ${order.code}: GHN đang giao hàng cho bạn`,
      `📦 Đơn ${order.code}: GHN đã giao hàng xong`,
    ]);
    expect(texts[0]).toContain(`theo dõi: https://donhang.ghn.vn/?order_code=${waybill}`);
    expect(await shipment(id)).toMatchObject({ status: "delivered", cod_collected: ghn.order(waybill)?.cod_amount });
    expect((await orderRow(order.id)).status).toBe("delivered");
  });
});

describe("GHTK status callbacks", () => {
  it("reach the buyer once each, and the COD figures match GHTK's once it settles", async () => {
    const { order, waybill, shipmentId } = await shipped("ghtk");
    await ghtk.advance(waybill, 3, { duplicate: true });
    await ghtk.advance(waybill, 4);
    await ghtk.advance(waybill, 5, { duplicate: true });
    await ghtk.resend(0);
    const texts = await said(order.chat_id);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toBe(`📦 Đơn ${order.code}: GHTK đã lấy hàng. Mã vận đơn ${waybill} — theo dõi: https://i.ghtk.vn/${waybill}`);
    const fake = ghtk.orders.get(waybill);
    const day = order.service_date;
    const unsettled = await codReport(t.sqlite.store, order.shop_id, { from: day, to: day }, 7, t.clock.now());
    expect(unsettled.carriers.find((c) => c.carrier === "ghtk")).toMatchObject({ delivered: 1, collected: fake?.pickMoney, paidOut: 0 });
    expect(unsettled.unsettled.map((u) => u.waybill)).toEqual([waybill]);
    // Reconciled at GHTK (6): still delivered, nothing said to the buyer, the payout recorded.
    await ghtk.advance(waybill, 6);
    expect(await said(order.chat_id)).toHaveLength(3);
    const settled = await codReport(t.sqlite.store, order.shop_id, { from: day, to: day }, 7, t.clock.now());
    const row = await shipment(shipmentId);
    expect(row).toMatchObject({ status: "delivered", carrier_status: "6", cod_collected: fake?.pickMoney, cod_paid_out: fake?.pickMoney });
    expect(settled.carriers.find((c) => c.carrier === "ghtk")).toMatchObject({ collected: fake?.pickMoney, paidOut: fake?.pickMoney, fees: row.fee });
    expect(settled.unsettled).toEqual([]);
    expect((await orderRow(order.id)).status).toBe("delivered");
  });
});
