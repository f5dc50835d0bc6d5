import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createSession } from "../../src/domain/auth/accounts";
import { findStaff } from "../../src/domain/shops/staff";
import { DashboardClient } from "../helpers/dashboard";
import { placeTransferOrder } from "../helpers/orders";
import { ADMIN_TOKEN, makeTestApp, type TestApp } from "../helpers/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

async function sessionAs(userId: string, role: "owner" | "staff" | "shipper"): Promise<DashboardClient> {
  const res = await t.app.request(`/api/shops/demo/staff`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ channel: "telegram", userId, name: `Người ${userId}`, role }) });
  expect(res.status).toBe(201);
  const staff = await findStaff(t.sqlite.store, 1, "telegram", userId);
  if (!staff) throw new Error("no staff");
  const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
  const client = new DashboardClient(t);
  client.cookie = `cc_session=${await createSession(t.sqlite.store, account.id, "vi", t.clock.now())}`;
  return client;
}

/** A delivered GHN parcel with 45.000 ₫ collected and a 22.000 ₫ fee, delivered `daysAgo` days ago and not paid out. */
async function deliveredParcel(daysAgo: number) {
  const { order } = await placeTransferOrder(t, { method: "cod", code: "CC7K2M9Q" });
  const delivered = new Date(t.clock.now().getTime() - daysAgo * 86_400_000).toISOString();
  await t.sqlite.store.db.updateTable("orders").set({ status: "delivered", delivered_at: delivered }).where("id", "=", order.id).execute();
  await t.sqlite.store.db
    .insertInto("shipments")
    .values({ order_id: order.id, shop_id: order.shop_id, carrier: "ghn", client_code: order.code, waybill: "G8ADKBYD", status: "delivered", fee: 22000, cod_amount: 45000, cod_collected: 45000, created_at: delivered, updated_at: delivered })
    .execute();
  return order;
}

describe("the COD reconciliation page", () => {
  it("shows per carrier what was collected, the fees, the payouts and the balance, and flags a parcel unpaid after 7 days", async () => {
    await deliveredParcel(8);
    const operator = await DashboardClient.asOperator(t);
    const page = await operator.get("/dashboard/cod?shop=demo");
    expect(page.status).toBe(200);
    const ghn = page.html.slice(page.html.indexOf('data-carrier="ghn"'), page.html.indexOf('data-carrier="ghtk"'));
    expect(ghn).toContain("45.000");
    expect(ghn).toContain("22.000");
    expect(ghn).toContain("23.000");
    expect(page.html).toContain('data-order="CC7K2M9Q" class="overdue"');
    expect(page.html).toContain("1 đơn đã giao quá 7 ngày");
    // Given more days, the same parcel is listed but not flagged.
    const relaxed = await operator.get("/dashboard/cod?shop=demo&days=10");
    expect(relaxed.html).toContain('data-order="CC7K2M9Q"');
    expect(relaxed.html).not.toContain('class="overdue"');
  });

  it("is open to owners and staff, not to shippers, and linked from the payments page", async () => {
    await deliveredParcel(1);
    expect((await (await sessionAs("8001", "owner")).get("/dashboard/cod?shop=demo")).status).toBe(200);
    const staff = await sessionAs("8002", "staff");
    expect((await staff.get("/dashboard/cod?shop=demo")).html).toContain("G8ADKBYD");
    expect((await staff.get("/dashboard/payments?shop=demo")).html).toContain('href="/dashboard/cod?shop=demo"');
    expect((await (await sessionAs("8003", "shipper")).get("/dashboard/cod?shop=demo")).status).toBe(403);
    expect((await t.app.request("/dashboard/cod")).status).toBe(302);
  });
});
