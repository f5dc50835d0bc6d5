import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ShipmentReport, ShipmentStatus } from "../../src/domain/carriers/carrier";
import { codReport } from "../../src/domain/carriers/cod";
import { applyShipmentReport, shipmentById } from "../../src/domain/carriers/tracking";
import { findShopBySlug } from "../../src/domain/shops/shops";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

const STAFF_CHAT = "-100777";
let t: TestApp;

beforeEach(async () => {
  t = await makeTestApp();
  await t.sqlite.store.db.updateTable("shops").set({ staff_channel: "telegram", staff_bot_id: "123456", staff_chat_id: STAFF_CHAT }).where("slug", "=", "demo").execute();
});
afterEach(() => t.close());

async function shippedOrder(waybill = "G8ADKBYD") {
  const { order } = await placeTransferOrder(t, { method: "cod", code: "CC7K2M9Q" });
  const at = t.clock.now().toISOString();
  const row = await t.sqlite.store.db
    .insertInto("shipments")
    .values({ order_id: order.id, shop_id: order.shop_id, carrier: "ghn", client_code: order.code, waybill, status: "ready_to_pick", fee: 44000, cod_amount: order.total, tracking_url: `https://donhang.ghn.vn/?order_code=${waybill}`, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { order, shipmentId: row.id };
}

const report = (status: ShipmentStatus, extra: Partial<ShipmentReport> = {}): ShipmentReport => ({
  carrier: "ghn",
  waybill: "G8ADKBYD",
  clientCode: "CC7K2M9Q",
  status,
  carrierStatus: status,
  at: null,
  reason: null,
  codAmount: 45000,
  codCollected: 0,
  codPaidOut: null,
  fee: 44000,
  ...extra,
});

async function apply(shipmentId: number, r: ShipmentReport) {
  const shop = await findShopBySlug(t.sqlite.store, "demo");
  const shipment = await shipmentById(t.sqlite.store, shipmentId);
  if (!shop || !shipment) throw new Error("no shop or shipment");
  t.clock.advance(1000);
  return applyShipmentReport(t.sqlite.store, shop, shipment, r, t.clock.now());
}

const outbox = (chatId: string) => t.sqlite.store.db.selectFrom("outbox").select(["chat_id", "payload", "dedupe_key"]).where("chat_id", "=", chatId).where("dedupe_key", "like", "shipment:%").orderBy("id").execute();
const texts = async (chatId: string) => (await outbox(chatId)).map((r) => (JSON.parse(r.payload) as { text: string }).text);

describe("a carrier's read-back report", () => {
  it("tells the buyer each change once, in their words, with the waybill and tracking link, and the order follows", async () => {
    const { order, shipmentId } = await shippedOrder();
    expect((await apply(shipmentId, report("picked"))).kind).toBe("moved");
    expect((await apply(shipmentId, report("picked"))).kind).toBe("unchanged");
    expect((await t.sqlite.store.db.selectFrom("orders").select(["status", "shipper_name"]).where("id", "=", order.id).executeTakeFirstOrThrow())).toEqual({ status: "out_for_delivery", shipper_name: "GHN" });
    expect((await apply(shipmentId, report("delivering"))).kind).toBe("moved");
    expect((await apply(shipmentId, report("delivered", { codCollected: 45000 }))).kind).toBe("moved");
    expect((await apply(shipmentId, report("delivered", { codCollected: 45000 }))).kind).toBe("unchanged");
    const said = await texts(order.chat_id);
    expect(said).toHaveLength(3);
    expect(said[0]).toBe("📦 Đơn CC7K2M9Q: GHN đã lấy hàng. Mã vận đơn G8ADKBYD — theo dõi: https://donhang.ghn.vn/?order_code=G8ADKBYD");
    expect(said[1]).toContain("đang giao hàng");
    expect(said[2]).toContain("đã giao hàng xong");
    const after = await t.sqlite.store.db.selectFrom("orders").select(["status", "delivered_at", "payment_status"]).where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("delivered");
    expect(after.delivered_at).not.toBeNull();
    expect(after.payment_status).toBe("cod");
    expect((await shipmentById(t.sqlite.store, shipmentId))?.cod_collected).toBe(45000);
    // Nothing for the staff on a smooth delivery.
    expect(await outbox(STAFF_CHAT)).toHaveLength(0);
  });

  it("ignores a report behind the one recorded", async () => {
    const { order, shipmentId } = await shippedOrder();
    await apply(shipmentId, report("delivering"));
    const late = await apply(shipmentId, report("picked"));
    expect(late).toEqual({ kind: "unchanged", status: "delivering", reported: "picked" });
    expect((await shipmentById(t.sqlite.store, shipmentId))?.status).toBe("delivering");
    expect(await texts(order.chat_id)).toHaveLength(1);
  });

  it("records nothing from a report about another waybill", async () => {
    const { order, shipmentId } = await shippedOrder();
    expect(await apply(shipmentId, report("delivered", { waybill: "OTHER1", clientCode: "OTHER" }))).toEqual({ kind: "mismatch" });
    expect((await shipmentById(t.sqlite.store, shipmentId))?.status).toBe("ready_to_pick");
    expect(await texts(order.chat_id)).toHaveLength(0);
  });

  it("tells the staff of a failed delivery and of the return once each, and a returned parcel cancels the order", async () => {
    const { order, shipmentId } = await shippedOrder();
    await apply(shipmentId, report("delivering"));
    await apply(shipmentId, report("delivery_failed", { reason: "Không liên lạc được người nhận" }));
    await apply(shipmentId, report("delivery_failed", { reason: "Không liên lạc được người nhận" }));
    await apply(shipmentId, report("delivering"));
    await apply(shipmentId, report("delivery_failed"));
    await apply(shipmentId, report("returning"));
    await apply(shipmentId, report("returning"));
    await apply(shipmentId, report("returned"));
    const staff = await texts(STAFF_CHAT);
    expect(staff).toHaveLength(3);
    expect(staff[0]).toContain("⚠️ Đơn CC7K2M9Q: GHN chưa giao được hàng (vận đơn G8ADKBYD).");
    expect(staff[0]).toContain("Lý do: Không liên lạc được người nhận");
    expect(staff[0]).toContain("0912345678");
    expect(staff[2]).toContain("đang hoàn hàng");
    const buyer = await texts(order.chat_id);
    // delivering, failed, delivering, failed, returning, returned.
    expect(buyer).toHaveLength(6);
    expect(buyer[1]).toContain("Shop sẽ liên hệ bạn");
    const after = await t.sqlite.store.db.selectFrom("orders").select(["status", "cancel_reason"]).where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "cancelled", cancel_reason: "GHN đã hoàn hàng về shop" });
    expect((await t.sqlite.store.db.selectFrom("stock_reservations").select("status").where("order_id", "=", order.id).execute()).every((r) => r.status === "released")).toBe(true);
  });

  it("speaks English to an English-speaking buyer", async () => {
    const { order, shipmentId } = await shippedOrder();
    await t.sqlite.store.db.updateTable("orders").set({ lang: "en" }).where("id", "=", order.id).execute();
    await apply(shipmentId, report("picked"));
    expect(await texts(order.chat_id)).toEqual(["📦 Order CC7K2M9Q: GHN has picked up the parcel. Waybill G8ADKBYD — track it: https://donhang.ghn.vn/?order_code=G8ADKBYD"]);
  });

  it("adds up COD collected, fees and payouts per carrier, and flags a delivered parcel unpaid after N days", async () => {
    const { order, shipmentId } = await shippedOrder();
    await apply(shipmentId, report("delivered", { codCollected: 45000, fee: 22000 }));
    const day = order.service_date;
    const before = await codReport(t.sqlite.store, order.shop_id, { from: day, to: day }, 7, t.clock.now());
    expect(before.carriers.find((c) => c.carrier === "ghn")).toEqual({ carrier: "ghn", shipments: 1, delivered: 1, collected: 45000, fees: 22000, paidOut: 0, balance: 23000 });
    expect(before.carriers.find((c) => c.carrier === "ghtk")?.shipments).toBe(0);
    expect(before.unsettled).toMatchObject([{ orderCode: "CC7K2M9Q", waybill: "G8ADKBYD", collected: 45000, days: 0, overdue: false }]);
    t.clock.advance(8 * 86_400_000);
    expect((await codReport(t.sqlite.store, order.shop_id, { from: day, to: day }, 7, t.clock.now())).unsettled[0]).toMatchObject({ days: 8, overdue: true });
    // The carrier pays out (read back later: GHTK's "đã đối soát" is still delivered).
    expect((await apply(shipmentId, report("delivered", { codCollected: 45000, fee: 22000, codPaidOut: 23000, carrierStatus: "6" }))).kind).toBe("unchanged");
    const after = await codReport(t.sqlite.store, order.shop_id, { from: day, to: day }, 7, t.clock.now());
    expect(after.carriers.find((c) => c.carrier === "ghn")).toMatchObject({ paidOut: 23000, balance: 0 });
    expect(after.unsettled).toEqual([]);
  });
});
