import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DashboardClient } from "../helpers/dashboard";
import { makeTestApp, WebChatUser, type TestApp } from "../helpers/test-app";
import { dong, startCarriers, type Carriers } from "../address/ship-helpers";

// From the web chat to the waybill: a buyer in another commune orders by COD with the GHN fee she
// was quoted; staff tap "Giao qua GHN"; the fake GHN holds one waybill with her address, the
// parcel's weight from the demo catalog and the unpaid total to collect. The demo shop's own
// pickup address and weights (demo seed) are used as a fresh clone has them.
let t: TestApp;
let carriers: Carriers;
beforeEach(async () => {
  carriers = await startCarriers();
  t = await makeTestApp({ env: carriers.env });
});
afterEach(async () => {
  await t.close();
  await carriers.close();
});

describe("web chat order to a GHN waybill", () => {
  it("the quoted fee is in the order, and one tap makes the waybill with the buyer's place, weight and COD", async () => {
    const user = new WebChatUser(t.app);
    await user.open();
    await user.tap("Xem thực đơn");
    await user.tap("A1 ·");
    await user.tap("Lớn");
    await user.say("cay vua");
    await user.say("2");
    await user.tap("Đặt hàng");
    await user.tap("Giao tận nơi");
    await user.tap("Nơi khác");
    await user.say("lai chau");
    await user.say("muong than");
    await user.tap("Xã Mường Than (tên mới)");
    await user.say("ban Na Khuong");
    await user.say("so 5");
    const ghnLabel = user.buttonLabels.find((l) => l.startsWith("GHN")) ?? "";
    const fee = dong(ghnLabel);
    expect(fee).toBeGreaterThan(0);
    await user.tap("GHN —");
    await user.say("0912345678");
    await user.tap("Bỏ qua");
    await user.tap("Xác nhận đặt");
    await user.tap("Tiền mặt");
    const order = await t.sqlite.store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: "confirmed", ship_carrier: "ghn", delivery_fee: fee });

    const staff = await DashboardClient.asOperator(t);
    const board = await staff.get("/dashboard?shop=demo");
    expect(board.html).toContain("Giao qua GHN");
    expect((await staff.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghn" })).status).toBe(303);
    const shipment = await t.sqlite.store.db.selectFrom("shipments").selectAll().executeTakeFirstOrThrow();
    const create = carriers.ghn.calls.filter((c) => c.path === "/v2/shipping-order/create" && c.status === 200);
    expect(create).toHaveLength(1);
    const body = create[0]!.body;
    // A1 Lớn: 650 g + 150 g, × 2.
    expect(body.weight).toBe(1600);
    expect(body.cod_amount).toBe(order.total);
    expect(body.client_order_code).toBe(order.code);
    expect(body.to_phone).toBe("0912345678");
    expect(String(body.to_address)).toContain("Na Khuong");
    expect(carriers.ghn.order(shipment.waybill)?.client_order_code).toBe(order.code);
  });
});
