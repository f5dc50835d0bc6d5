import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accountForStaff, createLoginLink } from "../../src/domain/auth/accounts";
import type { ShipAddress } from "../../src/domain/carriers/carrier";
import { quoteDelivery } from "../../src/domain/carriers/quote";
import { carrierWebhookToken, offeredCarriers, savePickupSettings, shopCarrierSettings } from "../../src/domain/carriers/shop-carriers";
import { keyringFrom } from "../../src/domain/secrets/keyring";
import { resealSecrets } from "../../src/domain/secrets/reseal";
import { findDefaultShop } from "../../src/domain/shops/shops";
import type { Shop } from "../../src/db/schema";
import { loadConfig } from "../../src/config";
import { startFakeGhn, type FakeGhn } from "../fakes/ghn-api";
import { startFakeGhtk, type FakeGhtk } from "../fakes/ghtk-api";
import { DashboardClient } from "../helpers/dashboard";
import { loginByLink } from "../helpers/login-link";
import { placeTransferOrder } from "../helpers/orders";
import { makeTestApp, type TestApp } from "../helpers/test-app";

// Issue 23, part "orders": the shop's carrier settings (sealed, masked, owner-only), the quote at
// checkout with both fakes (and one failing), the waybill in one tap (once for a double tap and a
// retry after a lost answer), its label, and cancel before / after pickup — all over real HTTP.
let ghn: FakeGhn;
let ghtk: FakeGhtk;
let t: TestApp;
let shop: Shop;

const DATA_KEY = "k".repeat(40);
const buyer: ShipAddress = { provinceCode: "12", provinceName: "Tỉnh Lai Châu", communeCode: "03618", communeName: "Xã Mường Than", hamlet: "Bản Mường", street: null, name: "Lò Văn Anh", phone: "0912345678" };

beforeAll(async () => {
  ghn = await startFakeGhn({ now: () => Date.parse("2026-11-23T03:30:00Z") });
  ghtk = await startFakeGhtk({ now: () => Date.parse("2026-11-23T03:30:00Z") });
});
afterAll(async () => {
  await ghn.close();
  await ghtk.close();
});
afterEach(() => {
  ghn.faults.clear();
  ghtk.faults.clear();
});

const env = () => ({ DATA_KEY, GHN_TOKEN: ghn.token, GHN_SHOP_ID: String(ghn.shopId), GHN_API_ROOT: ghn.url, GHTK_TOKEN: ghtk.token, GHTK_API_ROOT: ghtk.url });
const config = () => {
  const c = loadConfig({ DATABASE_PATH: ":memory:", ...env() });
  if (!c.ok) throw new Error(c.reason);
  return c.value;
};

beforeEach(async () => {
  t = await makeTestApp({ env: env() });
  // As the entries do with DATA_KEY.
  t.sqlite.store.keyring = await keyringFrom(DATA_KEY);
  await savePickupSettings(t.sqlite.store, 1, { provinceCode: "01", communeCode: "00070", hamlet: null, street: "12 Hàng Bạc", name: "Quán Demo", phone: "0987000111", flatFee: 35_000 });
  shop = (await findDefaultShop(t.sqlite.store))!;
});
afterEach(() => t.close());

/** A COD order to Lai Châu: placed through the web chat, then given the carrier address as the address step stores it. */
async function carrierOrder() {
  const { order } = await placeTransferOrder(t, { method: "cod" });
  await t.sqlite.store.db
    .updateTable("orders")
    .set({ fulfilment: "delivery", ship_province_code: "12", ship_commune_code: "03618", ship_hamlet: "Bản Mường", ship_street: null, ship_carrier: "ghn", address: "Bản Mường, Xã Mường Than, Tỉnh Lai Châu", status: "confirmed" })
    .where("id", "=", order.id)
    .execute();
  return order;
}

const shipments = () => t.sqlite.store.db.selectFrom("shipments").selectAll().execute();

describe("quote at checkout", () => {
  it("asks both carriers for the cart's weight, and falls back to the flat fee for one that fails", async () => {
    const db = t.sqlite.store.db;
    const a1 = await db.selectFrom("products").select("id").where("code", "=", "A1").executeTakeFirstOrThrow();
    await db.updateTable("products").set({ weight_grams: 400 }).where("id", "=", a1.id).execute();
    const deps = { store: t.sqlite.store, config: config(), timeoutMs: 2000 };
    expect(await offeredCarriers(t.sqlite.store, shop, deps.config)).toEqual(["ghn", "ghtk"]);
    const quotes = await quoteDelivery(deps, shop, buyer, [{ productId: a1.id, optionIds: [], qty: 3 }]);
    expect(quotes.map((q) => [q.carrier, q.fallback])).toEqual([
      ["ghn", false],
      ["ghtk", false],
    ]);
    for (const q of quotes) expect(q.fee).toBeGreaterThan(0);
    expect(quotes[0]!.paidBy).toBe("buyer");
    // 3 × 400 g reached both carriers.
    const ghnFee = ghn.calls.filter((c) => c.path === "/v2/shipping-order/fee").at(-1);
    expect(ghnFee?.body.weight).toBe(1200);
    expect(JSON.stringify(ghtk.calls.at(-1))).toContain("1200");

    ghn.faults.inject({ kind: "http", status: 503 }, { times: 10 });
    const [g, k] = await quoteDelivery(deps, shop, buyer, [{ productId: a1.id, optionIds: [], qty: 1 }]);
    expect(g).toMatchObject({ carrier: "ghn", fee: 35_000, fallback: true });
    expect(g!.note).toContain("35.000");
    expect(k).toMatchObject({ carrier: "ghtk", fallback: false });
  });
});

describe("carrier settings", () => {
  it("are saved sealed, shown masked, and only to owners and operators", async () => {
    const client = await DashboardClient.asOperator(t);
    expect((await client.get("/dashboard/payments?shop=demo")).html).toContain('href="/dashboard/shipping?shop=demo"');
    const page = await client.get("/dashboard/shipping?shop=demo");
    expect(page.status).toBe(200);
    const webhook = await carrierWebhookToken(t.sqlite.store, shop, config());
    expect(page.html).toContain(`/webhooks/ghn/demo/${webhook}`);
    expect(page.html).toContain(`/webhooks/ghtk/demo/${webhook}`);
    const token = "ghn-token-0123456789-abcdef";
    const saved = await client.post("/dashboard/shipping/carrier", { shop: "demo", carrier: "ghn", enabled: "1", token, ghnShopId: "885", feePaidBy: "shop" });
    expect(saved.status).toBe(303);
    const row = await t.sqlite.store.db.selectFrom("shop_carriers").selectAll().where("carrier", "=", "ghn").executeTakeFirstOrThrow();
    expect(row.token).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(token);
    const again = await client.get("/dashboard/shipping?shop=demo");
    expect(again.html).not.toContain(token);
    expect(again.html).toContain("••••cdef");
    // Saving without a token keeps it.
    await client.post("/dashboard/shipping/carrier", { shop: "demo", carrier: "ghn", enabled: "1", token: "", ghnShopId: "885", feePaidBy: "buyer" });
    const kept = await t.sqlite.store.db.selectFrom("shop_carriers").selectAll().where("carrier", "=", "ghn").executeTakeFirstOrThrow();
    expect(kept.token).toBe(row.token);
    expect(kept.fee_paid_by).toBe("buyer");
    // A key rotation re-seals it (and the shop's webhook token) at start-up; it still opens.
    t.sqlite.store.keyring = await keyringFrom("n".repeat(40), [DATA_KEY]);
    const report = await resealSecrets(t.sqlite.store);
    expect(report.unreadable).toEqual([]);
    const rotated = await t.sqlite.store.db.selectFrom("shop_carriers").select("token").where("carrier", "=", "ghn").executeTakeFirstOrThrow();
    expect(rotated.token).not.toBe(row.token);
    expect((await shopCarrierSettings(t.sqlite.store, shop, config())).ghn.token).toBe(token);
    // Staff: 403, and nothing changes.
    const staff = await t.sqlite.store.db.insertInto("staff").values({ shop_id: 1, channel: "telegram", user_id: "9", name: "Hoa", role: "staff", created_at: "x" }).returningAll().executeTakeFirstOrThrow();
    const account = await accountForStaff(t.sqlite.store, staff, t.clock.now());
    const login = await loginByLink(t.app, await createLoginLink(t.sqlite.store, account.id, t.clock.now()));
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    expect((await t.app.request("/dashboard/shipping?shop=demo", { headers: { cookie } })).status).toBe(403);
  });
});

describe("the waybill in one tap", () => {
  it("is made once for a double tap, shows on the card with its label, and cancels at the carrier before pickup", async () => {
    const order = await carrierOrder();
    const client = await DashboardClient.asOperator(t);
    const board = await client.get("/dashboard?shop=demo");
    expect(board.html).toContain("Giao qua GHN");
    expect(board.html).toContain("Giao qua GHTK");
    const [a, b] = await Promise.all([
      client.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghn" }),
      client.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghn" }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const rows = await shipments();
    expect(rows).toHaveLength(1);
    const [s] = rows;
    expect(s).toMatchObject({ carrier: "ghn", client_code: order.code, status: "ready_to_pick", cod_amount: order.total });
    const atGhn = ghn.order(s!.waybill);
    expect(atGhn?.client_order_code).toBe(order.code);
    expect(atGhn?.cod_amount).toBe(order.total);

    const card = await client.get("/dashboard?shop=demo");
    expect(card.html).toContain(s!.waybill);
    expect(card.html).toContain("In nhãn");
    expect(card.html).toContain(s!.tracking_url!);
    const label = await t.app.request(`/dashboard/orders/${order.code}/label?shop=demo`, { headers: { cookie: client.cookie } });
    expect(label.status).toBe(302);
    expect(label.headers.get("location")).toContain("printA5?token=");
    // The kitchen slip prints the waybill code, with the label's link beside it (not printed).
    const slip = await client.get(`/dashboard/orders/${order.code}/slip?shop=demo`);
    expect(slip.html).toContain(`GHN: ${s!.waybill}`);
    expect(slip.html).toContain(`/dashboard/orders/${order.code}/label?shop=demo`);

    const cancel = await client.post(`/dashboard/orders/${order.code}/waybill/cancel`, { shop: "demo" });
    expect(cancel.status).toBe(303);
    expect(ghn.order(s!.waybill)?.status).toBe("cancel");
    expect((await shipments())[0]).toMatchObject({ status: "cancelled" });
    // A new waybill after a cancelled one has its own client code.
    expect((await client.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghn" })).status).toBe(303);
    expect((await shipments()).map((r) => r.client_code)).toEqual([order.code, `${order.code}-2`]);
  });

  it("a retry after a lost answer finds the waybill the carrier made; after pickup cancel is refused", async () => {
    const order = await carrierOrder();
    const client = await DashboardClient.asOperator(t);
    await client.get("/dashboard?shop=demo");
    ghtk.faults.inject({ fault: { kind: "lost-answer" }, path: "/services/shipment/order" });
    const lost = await client.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghtk" });
    expect(lost.status).toBe(502);
    expect(await lost.text()).toContain("thử lại");
    expect(await shipments()).toHaveLength(0);
    const retry = await client.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghtk" });
    expect(retry.status).toBe(303);
    const [s] = await shipments();
    expect(s).toMatchObject({ carrier: "ghtk", client_code: order.code, label_kind: "pdf" });
    expect([...ghtk.orders.values()].filter((o) => JSON.stringify(o).includes(order.code))).toHaveLength(1);

    const pdf = await t.app.request(`/dashboard/orders/${order.code}/label?shop=demo`, { headers: { cookie: client.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");

    await ghtk.advance(s!.waybill, 3);
    const refused = await client.post(`/dashboard/orders/${order.code}/waybill/cancel`, { shop: "demo" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("không huỷ vận đơn được");
    expect((await shipments())[0]!.cancelled_at).toBeNull();
  });
});

describe("weights in the catalog editor", () => {
  it("a product's grams and its options' extra grams are saved, shown again, and weigh the parcel", async () => {
    const client = await DashboardClient.asOperator(t);
    await client.get("/dashboard/catalog?shop=demo");
    const form = new FormData();
    form.set("_csrf", client.csrf);
    const fields: Record<string, string> = { code: "W1", name: "Trà Shan tuyết", price: "120.000", unit: "hộp", stock: "10", description: "", category: "", labels: "", days: "1", from: "", to: "", options: "Cỡ: Nhỏ=0, Lớn=60000", weight: "250", optionWeights: "Lớn=200" };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("photo", new File([], "", { type: "application/octet-stream" }));
    const res = await t.app.request("/dashboard/catalog?shop=demo", { method: "POST", headers: { cookie: client.cookie }, body: form });
    expect(res.status).toBe(303);
    const db = t.sqlite.store.db;
    const p = await db.selectFrom("products").selectAll().where("code", "=", "W1").executeTakeFirstOrThrow();
    expect(p.weight_grams).toBe(250);
    const large = await db.selectFrom("product_options").selectAll().where("name", "=", "Lớn").where("group_id", "in", db.selectFrom("product_option_groups").select("id").where("product_id", "=", p.id)).executeTakeFirstOrThrow();
    expect(large.weight_delta).toBe(200);
    const edit = await client.get("/dashboard/catalog/W1/edit?shop=demo");
    expect(edit.html).toContain('name="weight"');
    expect(edit.html).toContain('value="250"');
    expect(edit.html).toContain("Lớn=200");
    await quoteDelivery({ store: t.sqlite.store, config: config(), timeoutMs: 2000 }, shop, buyer, [{ productId: p.id, optionIds: [large.id], qty: 2 }]);
    expect(ghn.calls.filter((c) => c.path === "/v2/shipping-order/fee").at(-1)?.body.weight).toBe(900);
    // A bad weight is refused with words.
    form.set("code", "W2");
    form.set("weight", "nặng");
    const bad = await t.app.request("/dashboard/catalog?shop=demo", { method: "POST", headers: { cookie: client.cookie }, body: form });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Khối lượng phải là số gam");
  });
});

describe("cancelling an order that has a waybill", () => {
  it("cancels the waybill at the carrier first; after pickup the order is not cancelled", async () => {
    const order = await carrierOrder();
    const client = await DashboardClient.asOperator(t);
    await client.get("/dashboard?shop=demo");
    expect((await client.post(`/dashboard/orders/${order.code}/waybill`, { shop: "demo", carrier: "ghn" })).status).toBe(303);
    const [s] = await shipments();
    await ghn.advance(s!.waybill, "picked");
    const refused = await client.post(`/dashboard/orders/${order.code}/act`, { shop: "demo", action: "cancel", reason: "other", reasonText: "Khách đổi ý" });
    expect(refused.status).toBe(409);
    expect((await t.sqlite.store.db.selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirstOrThrow()).status).toBe("confirmed");

    const second = await carrierOrder();
    expect((await client.post(`/dashboard/orders/${second.code}/waybill`, { shop: "demo", carrier: "ghn" })).status).toBe(303);
    const row = (await shipments()).find((r) => r.order_id === second.id)!;
    const cancelled = await client.post(`/dashboard/orders/${second.code}/act`, { shop: "demo", action: "cancel", reason: "other", reasonText: "Khách đổi ý" });
    expect(cancelled.status).toBe(303);
    expect(ghn.order(row.waybill)?.status).toBe("cancel");
    expect((await t.sqlite.store.db.selectFrom("orders").select("status").where("id", "=", second.id).executeTakeFirstOrThrow()).status).toBe("cancelled");
  });
});
