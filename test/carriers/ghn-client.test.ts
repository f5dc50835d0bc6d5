// ghnClient against the GHN fake over real HTTP: a quote for a Lai Châu commune, one waybill per
// client code (double tap, lost answer), the status mapping, cancel, label, and refusal vs no
// usable answer for each fault.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CarrierRefusal, CarrierUnavailable, type CarrierClient, type NewShipment, type ShipmentStatus } from "../../src/domain/carriers/carrier";
import { ghnClient, ghnStatus } from "../../src/domain/carriers/ghn";
import { matchName, nameKeys } from "../../src/domain/carriers/ghn/names";
import { startFakeGhn, type FakeGhn, type GhnFault } from "../fakes/ghn-api";
import { addressOf, LAI_CHAU, PARCEL, SHOP } from "./ghn-fixtures";

let fake: FakeGhn;
let client: CarrierClient;
beforeAll(async () => {
  fake = await startFakeGhn();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.faults.clear();
  client = ghnClient({ apiRoot: fake.url, token: fake.token, shopId: fake.shopId }, { timeoutMs: 1_000 });
});

let seq = 0;
const shipment = (over: Partial<NewShipment> = {}): NewShipment => ({ clientCode: `DH-${++seq}`, from: SHOP, to: LAI_CHAU, parcel: PARCEL, feePaidBy: "buyer", ...over });
const callsTo = (path: string, since = 0) => fake.calls.slice(since).filter((c) => c.path === path);

describe("quote", () => {
  it("maps a Lai Châu commune to GHN's old district and ward and quotes fee and date", async () => {
    const since = fake.calls.length;
    const q = await client.quote(SHOP, LAI_CHAU, PARCEL);
    const fee = callsTo("/v2/shipping-order/fee", since)[0]!;
    // Xã Than Uyên (03595) took in Thị trấn Than Uyên (03595) of Huyện Than Uyên (110): the fake's ids for them.
    expect(fee.body).toMatchObject({ service_type_id: 2, to_district_id: 4110, to_ward_code: "803595", weight: 1200, insurance_value: 300_000, cod_value: 330_000 });
    expect(fee.body).toMatchObject({ from_district_id: 4001 });
    expect(fee.shopId).toBe(String(fake.shopId));
    // The fake's price, asked directly for the same body.
    const direct = await fetch(`${fake.url}/v2/shipping-order/fee`, { method: "POST", headers: { Token: fake.token, ShopId: String(fake.shopId) }, body: JSON.stringify(fee.body) });
    expect(q.fee).toBe(((await direct.json()) as { data: { total: number } }).data.total);
    expect(q.fee).toBeGreaterThan(0);
    const lead = callsTo("/v2/shipping-order/leadtime", since)[0]!;
    expect(lead.body).toMatchObject({ to_district_id: 4110, to_ward_code: "803595", service_id: 53321 });
    expect(q.expectedDelivery).toBeInstanceOf(Date);
    expect(q.expectedDelivery!.getTime() % 1000).toBe(0);
    expect(q.expectedDelivery!.getTime()).toBeGreaterThan(Date.now());
  });
  it("reads master data once per API root: the next quote (another client, as each request makes one) goes straight to the fee", async () => {
    await client.quote(SHOP, LAI_CHAU, PARCEL);
    const since = fake.calls.length;
    const next = ghnClient({ apiRoot: fake.url, token: fake.token, shopId: fake.shopId });
    await next.quote(SHOP, LAI_CHAU, { ...PARCEL, weightGrams: 3000 });
    expect(fake.calls.slice(since).map((c) => c.path)).toEqual(["/v2/shipping-order/available-services", "/v2/shipping-order/fee", "/v2/shipping-order/leadtime"]);
  });
  it("finds wards through the old units whatever the spelling (the real seed: Thị Trấn Si Ma Cai 90816)", async () => {
    // Phường An Khánh (27094) is the old Phường An Khánh of TP Thủ Đức: GHN's real 3695 / 90768.
    const since = fake.calls.length;
    await client.quote(SHOP, addressOf("27094"), PARCEL);
    expect(callsTo("/v2/shipping-order/fee", since)[0]!.body).toMatchObject({ to_district_id: 3695, to_ward_code: "90768" });
    const wards = [
      { WardName: "Xã Si Ma Cai", NameExtension: [] },
      { WardName: "Thị Trấn Si Ma Cai", NameExtension: ["TT. Si Ma Cai", "simacai"] },
    ];
    expect(matchName("Thị trấn Si Ma Cai", wards, (w) => [w.WardName, ...w.NameExtension])?.WardName).toBe("Thị Trấn Si Ma Cai");
    expect(matchName("TT Si Ma Cai", wards, (w) => [w.WardName, ...w.NameExtension])?.WardName).toBe("Thị Trấn Si Ma Cai");
    expect(matchName("Si Ma Cai", wards, (w) => [w.WardName])).toBeUndefined();
    expect(nameKeys("Phường 01")).toEqual(nameKeys("P.1"));
    expect(nameKeys("Quận 1").full).not.toBe(nameKeys("Quận 10").full);
  });
  it("uses the heavy service (type 5, priced on items) from 20 kg", async () => {
    const since = fake.calls.length;
    await client.quote(SHOP, LAI_CHAU, { ...PARCEL, weightGrams: 25_000, items: [{ code: "G", name: "Gạo", qty: 5, unitPrice: 100_000, weightGrams: 5_000 }] });
    const fee = callsTo("/v2/shipping-order/fee", since)[0]!;
    expect(fee.body).toMatchObject({ service_type_id: 5, weight: 25_000, items: [{ name: "Gạo", quantity: 5, weight: 5_000 }] });
    expect(callsTo("/v2/shipping-order/leadtime", since)[0]!.body).toMatchObject({ service_id: 100039 });
  });
  it("refuses a commune GHN has no ward for, and still quotes without a date when the lead time fails", async () => {
    await expect(client.quote(SHOP, { ...LAI_CHAU, communeCode: "99999" }, PARCEL)).rejects.toMatchObject({ name: "CarrierRefusal", code: "ADDRESS_UNMAPPED" });
    fake.faults.inject({ kind: "http", status: 503 }, { path: "/v2/shipping-order/leadtime" });
    const q = await client.quote(SHOP, LAI_CHAU, PARCEL);
    expect(q.fee).toBeGreaterThan(0);
    expect(q.expectedDelivery).toBeNull();
    fake.faults.inject({ kind: "http", status: 503 }, { path: "/v2/shipping-order/fee" });
    await expect(client.quote(SHOP, LAI_CHAU, PARCEL)).rejects.toBeInstanceOf(CarrierUnavailable);
  });
});

describe("create", () => {
  it("sends GHN's fields: client code, who pays, the note, items, weight, COD", async () => {
    const since = fake.calls.length;
    const made = await client.create(shipment({ feePaidBy: "shop" }));
    const body = callsTo("/v2/shipping-order/create", since)[0]!.body;
    expect(body).toMatchObject({
      client_order_code: made.clientCode,
      payment_type_id: 1,
      required_note: "CHOXEMHANGKHONGTHU",
      to_name: "Lò Thị Mai",
      to_phone: "0912345678",
      to_district_id: 4110,
      to_ward_code: "803595",
      cod_amount: 330_000,
      weight: 1200,
      insurance_value: 300_000,
      service_type_id: 2,
      items: [{ name: "Chè Shan Tuyết", code: "CHE-1", quantity: 2, price: 150_000, weight: 600 }],
    });
    expect(body.to_address).toBe("Bản Mường, Xã Than Uyên, Thị trấn Than Uyên, Huyện Than Uyên, Tỉnh Lai Châu");
    expect(made).toMatchObject({ carrier: "ghn", trackingUrl: `https://donhang.ghn.vn/?order_code=${made.waybill}` });
    expect(made.fee).toBe(fake.order(made.waybill)!.total_fee);
    expect(made.expectedDelivery).toEqual(new Date(fake.order(made.waybill)!.expected_delivery_time));
    expect((await client.create(shipment({ feePaidBy: "buyer" })), callsTo("/v2/shipping-order/create").at(-1)!.body.payment_type_id)).toBe(2);
  });
  it("twice with one client code (a double tap) → one waybill", async () => {
    const s = shipment();
    const [a, b] = [await client.create(s), await client.create(s)];
    expect(b).toEqual(a);
    const creates = callsTo("/v2/shipping-order/create").filter((c) => c.body.client_order_code === s.clientCode);
    expect(creates.map((c) => c.status)).toEqual([200, 400]);
    // Both at once too.
    const t = shipment();
    const both = await Promise.all([client.create(t), client.create(t)]);
    expect(both[0].waybill).toBe(both[1].waybill);
  });
  it("a lost answer is found by the client code at once, or on the retry → one waybill", async () => {
    const s = shipment();
    fake.faults.inject({ kind: "lose-answer" }, { path: "/v2/shipping-order/create" });
    const made = await client.create(s);
    expect(fake.order(made.waybill)!.client_order_code).toBe(s.clientCode);
    expect(made.fee).toBe(fake.order(made.waybill)!.total_fee);

    const t = shipment();
    fake.faults.inject({ kind: "lose-answer" }, { path: "/v2/shipping-order/create" });
    fake.faults.inject({ kind: "http", status: 503 }, { path: "/v2/shipping-order/detail-by-client-code" });
    await expect(client.create(t)).rejects.toBeInstanceOf(CarrierUnavailable);
    const retry = await client.create(t);
    expect(fake.order(retry.waybill)!.client_order_code).toBe(t.clientCode);
    const creates = callsTo("/v2/shipping-order/create").filter((c) => c.body.client_order_code === t.clientCode);
    expect(creates).toHaveLength(2);
    expect(creates[1]!.status).toBe(400);
  });
  it("passes a refusal on when GHN has nothing under the code (TO_ADDRESS_CONVERT_FAIL)", async () => {
    fake.faults.inject({ kind: "address-convert-fail" }, { path: "/v2/shipping-order/create" });
    const error = await client.create(shipment()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierRefusal);
    expect(error).toMatchObject({ carrier: "ghn", code: "TO_ADDRESS_CONVERT_FAIL" });
  });
});

describe("detail", () => {
  const expected: Record<string, ShipmentStatus> = {
    ready_to_pick: "ready_to_pick",
    picking: "ready_to_pick",
    money_collect_picking: "ready_to_pick",
    picked: "picked",
    storing: "in_transit",
    transporting: "in_transit",
    sorting: "in_transit",
    delivering: "delivering",
    money_collect_delivering: "delivering",
    delivered: "delivered",
    delivery_fail: "delivery_failed",
    waiting_to_return: "delivery_failed",
    return: "returning",
    return_transporting: "returning",
    return_sorting: "returning",
    returning: "returning",
    return_fail: "returning",
    returned: "returned",
    cancel: "cancelled",
    lost: "lost",
    damage: "lost",
  };
  it("maps every GHN status, by waybill and by client code", async () => {
    for (const [word, ours] of Object.entries(expected)) {
      const made = await client.create(shipment());
      if (word !== "ready_to_pick") await fake.advance(made.waybill, word);
      const r = await client.detail({ waybill: made.waybill });
      expect([word, r.status, r.carrierStatus]).toEqual([word, ours, word]);
      expect(r).toMatchObject({ carrier: "ghn", waybill: made.waybill, clientCode: made.clientCode, codAmount: 330_000 });
      expect(r.at).toBeInstanceOf(Date);
      expect((await client.detail({ clientCode: made.clientCode })).status).toBe(ours);
      expect(ghnStatus(word)).toBe(ours);
    }
  });
  it("keeps the last known status for exception", async () => {
    const made = await client.create(shipment());
    await fake.advance(made.waybill, "picked");
    await fake.advance(made.waybill, "transporting");
    await fake.advance(made.waybill, "exception");
    expect(await client.detail({ waybill: made.waybill })).toMatchObject({ status: "in_transit", carrierStatus: "exception" });
    const fresh = fake.importOrder({ order_code: "EXC00001", status: "exception", log: [{ status: "exception", updated_date: new Date().toISOString() }] });
    expect((await client.detail({ waybill: fresh.order_code })).status).toBe("ready_to_pick");
  });
  it("reads COD collected on delivery and paid out when GHN has transferred it", async () => {
    const made = await client.create(shipment());
    expect(await client.detail({ waybill: made.waybill })).toMatchObject({ codCollected: 0, codPaidOut: 0 });
    for (const s of ["picked", "delivering", "delivered"]) await fake.advance(made.waybill, s);
    expect(await client.detail({ waybill: made.waybill })).toMatchObject({ status: "delivered", codAmount: 330_000, codCollected: 330_000, codPaidOut: 0 });
    Object.assign(fake.order(made.waybill)!, { is_cod_transferred: true, cod_transfer_date: new Date().toISOString() });
    expect((await client.detail({ waybill: made.waybill })).codPaidOut).toBe(330_000);
  });
  it("refuses an unknown waybill", async () => {
    await expect(client.detail({ waybill: "NOPE1234" })).rejects.toBeInstanceOf(CarrierRefusal);
  });
});

describe("cancel and label", () => {
  it("cancels before pickup, refuses after", async () => {
    const a = await client.create(shipment());
    await client.cancel(a.waybill);
    expect(fake.order(a.waybill)!.status).toBe("cancel");
    expect((await client.detail({ waybill: a.waybill })).status).toBe("cancelled");
    const b = await client.create(shipment());
    await fake.advance(b.waybill, "picked");
    await expect(client.cancel(b.waybill)).rejects.toMatchObject({ name: "CarrierRefusal", code: "CANCEL_REFUSED", description: "Trạng thái đơn hàng không hợp lệ" });
    expect(fake.order(b.waybill)!.status).toBe("picked");
  });
  it("gives the A5 print link on GHN's origin", async () => {
    const made = await client.create(shipment());
    const label = await client.label(made.waybill);
    expect(label.kind).toBe("url");
    const url = (label as { url: string }).url;
    expect(url.startsWith(`${fake.origin}/a5/public-api/printA5?token=`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(made.waybill);
  });
});

describe("refusal vs no usable answer", () => {
  const cases: [string, GhnFault, "refusal" | "unavailable"][] = [
    ["a timeout", { kind: "timeout" }, "unavailable"],
    ["HTTP 500", { kind: "http", status: 500 }, "unavailable"],
    ["HTTP 503", { kind: "http", status: 503 }, "unavailable"],
    ["HTTP 429", { kind: "http", status: 429 }, "unavailable"],
    ["an HTML body", { kind: "html" }, "unavailable"],
    ["a lost answer", { kind: "lose-answer" }, "unavailable"],
    ["TO_ADDRESS_CONVERT_FAIL", { kind: "address-convert-fail" }, "refusal"],
    ["an expired token", { kind: "token-expired" }, "refusal"],
    ["a 200 route suspension", { kind: "refuse", message: "Tuyến giao tạm ngưng", codeMessage: "USER_ERR_COMMON" }, "refusal"],
  ];
  for (const [name, fault, kind] of cases) {
    it(`${name} → ${kind}`, async () => {
      const made = await client.create(shipment());
      const quick = ghnClient({ apiRoot: fake.url, token: fake.token, shopId: fake.shopId }, { timeoutMs: 300 });
      fake.faults.inject(fault, { path: "/v2/shipping-order/detail" });
      const error = await quick.detail({ waybill: made.waybill }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind === "refusal" ? CarrierRefusal : CarrierUnavailable);
      expect(String((error as Error).message)).not.toContain(fake.token);
    });
  }
  it("no Token, a wrong ShopId and a closed port", async () => {
    const noToken = ghnClient({ apiRoot: fake.url, token: "", shopId: fake.shopId });
    await expect(noToken.label("X")).rejects.toMatchObject({ name: "CarrierRefusal", description: "Token is required!" });
    const wrongShop = ghnClient({ apiRoot: fake.url, token: fake.token, shopId: 1 });
    await expect(wrongShop.cancel("X")).rejects.toMatchObject({ name: "CarrierRefusal", code: "SERVER_ERR_COMMON", description: "Lỗi lấy thông tin shop" });
    const closed = ghnClient({ apiRoot: "http://127.0.0.1:9/shiip/public-api", token: fake.token, shopId: fake.shopId });
    const error = await closed.detail({ waybill: "X" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierUnavailable);
    expect((error as Error).message).not.toContain(fake.token);
  });
});
