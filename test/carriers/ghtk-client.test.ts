import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CarrierRefusal, CarrierUnavailable, type CarrierClient, type NewShipment, type ShipAddress, type ShipmentStatus } from "../../src/domain/carriers/carrier";
import {
  GhtkClient,
  ghtkClient,
  ghtkOrderBody,
  ghtkPhone,
  ghtkPlace,
  ghtkTrackingUrl,
  parseGhtkWebhook,
  readGhtkWebhook,
} from "../../src/domain/carriers/ghtk";
import { GHTK_T5_RESPONSE, GHTK_T6_RESPONSE, GHTK_T7_BODY, startFakeGhtk, type FakeGhtk, type GhtkFault } from "../fakes/ghtk-api";

// The GHTK client against the fake GHTK over real HTTP (CARRIERS.md §2, §4 T5–T7).
let fake: FakeGhtk;
let client: CarrierClient;

beforeAll(async () => {
  fake = await startFakeGhtk({ now: () => Date.parse("2026-11-30T03:00:00Z") });
  client = ghtkClient({ apiRoot: fake.url, token: fake.token, clientSource: "S308157" }, { timeoutMs: 1_000 });
});
afterAll(() => fake.close());
afterEach(() => fake.faults.clear());

const shop: ShipAddress = {
  provinceCode: "01",
  provinceName: "Thành phố Hà Nội",
  communeCode: "00070",
  communeName: "Phường Hoàn Kiếm",
  hamlet: null,
  street: "12 Hàng Bạc",
  name: "Chè Shan Tuyết Shop",
  phone: "0987000111",
};
const buyer: ShipAddress = {
  provinceCode: "12",
  provinceName: "Tỉnh Lai Châu",
  communeCode: "03618",
  communeName: "Xã Mường Than",
  hamlet: "Bản Mường",
  street: null,
  name: "Lò Văn Anh",
  phone: "0912345678",
};
const parcel = {
  weightGrams: 650,
  declaredValue: 240_000,
  cod: 240_000,
  items: [{ code: "TRA-1", name: "Trà Shan tuyết 200 g", qty: 2, unitPrice: 120_000, weightGrams: 325 }],
  note: "Gọi trước khi giao",
};
const shipment = (clientCode: string, over: Partial<NewShipment> = {}): NewShipment => ({ clientCode, from: shop, to: buyer, parcel, feePaidBy: "buyer", ...over });

describe("GHTK address mapping", () => {
  it("sends the new province and commune, the old district, the hamlet", () => {
    expect(ghtkPlace(buyer)).toEqual({ province: "Tỉnh Lai Châu", district: "Huyện Than Uyên", ward: "Xã Mường Than", hamlet: "Bản Mường", address: "Bản Mường" });
    expect(ghtkPlace({ ...buyer, hamlet: null })).toMatchObject({ hamlet: "Khác", address: "Khác" });
    expect(ghtkPlace({ ...buyer, hamlet: null, street: "5 Trần Phú" })).toEqual({ province: "Tỉnh Lai Châu", district: "Huyện Than Uyên", ward: "Xã Mường Than", street: "5 Trần Phú", address: "5 Trần Phú" });
    // Phường Cầu Giấy was made of four Cầu Giấy wards and two of Nam Từ Liêm: the district is Cầu Giấy.
    expect(ghtkPlace({ ...shop, communeCode: "00166", communeName: "Phường Cầu Giấy" }).district).toBe("Quận Cầu Giấy");
    // A commune of old Hà Giang under the new Tuyên Quang keeps its old district; an island without wards its own.
    expect(ghtkPlace({ ...buyer, provinceCode: "08", provinceName: "Tỉnh Tuyên Quang", communeCode: "00721", communeName: "Xã Đồng Văn" })).toMatchObject({ province: "Tỉnh Tuyên Quang", district: "Huyện Đồng Văn" });
    expect(ghtkPlace({ ...buyer, provinceCode: "79", provinceName: "Thành phố Hồ Chí Minh", communeCode: "26732", communeName: "Đặc khu Côn Đảo" }).district).toBe("Huyện Côn Đảo");
  });

  it("writes phones as GHTK compares them", () => {
    expect(["+84 912 345 678", "84912345678", "0912.345.678", "0912345678"].map(ghtkPhone)).toEqual(Array(4).fill("0912345678"));
  });

  it("builds the create body in grams, with the shop's pickup, who pays, and a note cut to 120", () => {
    const body = ghtkOrderBody(shipment("CC-B1", { parcel: { ...parcel, note: "x".repeat(200) }, feePaidBy: "shop" }));
    expect(body.products).toEqual([{ name: "Trà Shan tuyết 200 g", weight: 325, quantity: 2, price: 120_000, product_code: "TRA-1" }]);
    expect(body.order).toMatchObject({
      id: "CC-B1",
      pick_name: "Chè Shan Tuyết Shop",
      pick_tel: "0987000111",
      pick_address: "12 Hàng Bạc",
      pick_province: "Thành phố Hà Nội",
      pick_district: "Quận Hoàn Kiếm",
      pick_ward: "Phường Hoàn Kiếm",
      pick_money: 240_000,
      is_freeship: 1,
      value: 240_000,
      weight_option: "gram",
      total_weight: 650,
      hamlet: "Bản Mường",
    });
    expect([...(body.order.note as string)]).toHaveLength(120);
    expect(ghtkOrderBody(shipment("CC-B2")).order.is_freeship).toBe(0);
  });
});

describe("GHTK quote", () => {
  it("quotes a Lai Châu commune with a hamlet in grams, deliver_option none, headers set", async () => {
    const q = await client.quote(shop, buyer, parcel);
    expect(q).toEqual({ carrier: "ghtk", fee: 40_000, expectedDelivery: null });
    const call = fake.calls.at(-1)!;
    expect(call.query).toMatchObject({ province: "Tỉnh Lai Châu", district: "Huyện Than Uyên", ward: "Xã Mường Than", pick_district: "Quận Hoàn Kiếm", weight: "650", value: "240000", deliver_option: "none" });
    expect([call.token, call.clientSource]).toEqual([fake.token, "S308157"]);
  });

  it("reads T5's real answer as a fee of 78,500", async () => {
    fake.seedFee(GHTK_T5_RESPONSE, "weight=9999");
    expect(await client.quote(shop, buyer, { ...parcel, weightGrams: 9999 })).toEqual({ carrier: "ghtk", fee: 78_500, expectedDelivery: null });
  });

  it("says no for an area GHTK does not serve", async () => {
    fake.unserved.add("than uyen");
    try {
      await expect(client.quote(shop, buyer, parcel)).rejects.toMatchObject({ name: "CarrierRefusal", code: "NOT_DELIVERED" });
    } finally {
      fake.unserved.clear();
    }
  });
});

describe("GHTK create, once per client code", () => {
  it("makes one waybill however often it is asked", async () => {
    const first = await client.create(shipment("CC-1001"));
    expect(first).toMatchObject({ carrier: "ghtk", clientCode: "CC-1001", fee: 40_000, trackingUrl: ghtkTrackingUrl(first.waybill) });
    // The fake's estimate for another province: "Chiều" four days on, read as 18:00 in Vietnam.
    expect(first.expectedDelivery?.toISOString()).toBe("2026-12-04T11:00:00.000Z");
    const again = await client.create(shipment("CC-1001"));
    expect(again).toMatchObject({ waybill: first.waybill, clientCode: "CC-1001", fee: 40_000 });
    expect([...fake.orders.values()].filter((o) => o.partnerId === "CC-1001")).toHaveLength(1);
    expect(fake.orders.get(first.waybill)).toMatchObject({ pickMoney: 240_000, isFreeship: 0, weightGrams: 650, hamlet: "Bản Mường", district: "Huyện Than Uyên" });
  });

  it("a lost answer, then a retry: still one waybill", async () => {
    fake.faults.inject({ path: "/services/shipment/order", fault: { kind: "lost-answer" } });
    await expect(client.create(shipment("CC-1002"))).rejects.toBeInstanceOf(CarrierUnavailable);
    const retry = await client.create(shipment("CC-1002"));
    const made = [...fake.orders.values()].filter((o) => o.partnerId === "CC-1002");
    expect(made).toHaveLength(1);
    expect(retry.waybill).toBe(made[0]!.label);
  });

  it("a code whose waybill was cancelled is refused, not returned as new", async () => {
    const first = await client.create(shipment("CC-1003"));
    await client.cancel(first.waybill);
    await expect(client.create(shipment("CC-1003"))).rejects.toMatchObject({ code: "ORDER_ID_EXIST", description: expect.stringContaining("cancelled") });
  });

  it("a street and no hamlet in a commune that needs one: 30302, clearly", async () => {
    const err = await client.create(shipment("CC-1004", { to: { ...buyer, hamlet: null, street: "5 Trần Phú" } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CarrierRefusal);
    expect(err).toMatchObject({ carrier: "ghtk", code: "30302", description: expect.stringContaining("thôn/ấp/xóm") });
    // No hamlet and no street goes as "Khác", which GHTK takes.
    expect((await client.create(shipment("CC-1005", { to: { ...buyer, hamlet: null } }))).waybill).toMatch(/^S/);
  });

  it("reads T6's real answer", async () => {
    fake.seedCreate("T6-1", GHTK_T6_RESPONSE);
    const made = await client.create(shipment("T6-1"));
    expect(made).toEqual({
      carrier: "ghtk",
      waybill: "S22749126.SGP39-J31.1375835526",
      clientCode: "T6-1",
      fee: 52_000,
      expectedDelivery: new Date("2024-11-27T18:00:00+07:00"),
      trackingUrl: "https://i.ghtk.vn/S22749126.SGP39-J31.1375835526",
    });
  });
});

describe("GHTK detail", () => {
  const expected: [number, ShipmentStatus][] = [
    [-1, "cancelled"], [1, "ready_to_pick"], [2, "ready_to_pick"], [12, "ready_to_pick"], [8, "ready_to_pick"], [7, "ready_to_pick"],
    [3, "picked"], [4, "delivering"], [10, "delivering"], [9, "delivery_failed"], [5, "delivered"], [6, "delivered"],
    [20, "returning"], [21, "returned"], [11, "returned"], [13, "returned"],
  ];
  it.each(expected)("status %i reads as %s", async (id, status) => {
    const o = fake.seedOrder({ label: `S1.D${id < 0 ? "X" : id}.500`, partnerId: `DET-${id}`, statusId: id, pickMoney: 150_000, shipMoney: 35_000, insurance: 1_000 });
    const report = await client.detail({ waybill: o.label });
    expect(report).toMatchObject({ carrier: "ghtk", waybill: o.label, clientCode: `DET-${id}`, status, carrierStatus: String(id), codAmount: 150_000, fee: 36_000 });
    expect(report.codCollected).toBe(id === 5 || id === 6 ? 150_000 : 0);
    expect(report.codPaidOut).toBe(id === 6 ? 150_000 : id === 5 ? 0 : null);
    expect(report.reason !== null).toBe([7, 8, 9, 10].includes(id));
    expect(report.at?.toISOString()).toBe("2026-11-30T03:00:00.000Z");
  });

  it("reads by client code, and an unknown one is a refusal", async () => {
    fake.seedOrder({ label: "S1.P1.1", partnerId: "BY-CODE", statusId: 3 });
    expect(await client.detail({ clientCode: "BY-CODE" })).toMatchObject({ waybill: "S1.P1.1", status: "picked" });
    await expect(client.detail({ clientCode: "NO-SUCH" })).rejects.toMatchObject({ name: "CarrierRefusal", code: "10104" });
  });
});

describe("GHTK cancel and label", () => {
  it("cancels before pickup, says no after, and a second cancel is fine", async () => {
    const o = fake.seedOrder({ label: "S1.K1.1", statusId: 12 });
    await client.cancel(o.label);
    expect(o.statusId).toBe(-1);
    await client.cancel(o.label);
    const picked = fake.seedOrder({ label: "S1.K2.1", statusId: 3 });
    await expect(client.cancel(picked.label)).rejects.toMatchObject({ name: "CarrierRefusal", code: "50102" });
    const delivering = fake.seedOrder({ label: "S1.K3.1", statusId: 4 });
    await expect(client.cancel(delivering.label)).rejects.toMatchObject({ code: "50103" });
  });

  it("opens the A5 label as PDF bytes, and an unknown label is a refusal (40102)", async () => {
    fake.seedOrder({ label: "S1.LB.1" });
    const label = await client.label("S1.LB.1");
    expect(label.kind).toBe("pdf");
    if (label.kind === "pdf") expect(new TextDecoder().decode(label.bytes.slice(0, 5))).toBe("%PDF-");
    expect(fake.calls.at(-1)!.query).toEqual({ original: "portrait", paper_size: "A5" });
    await expect(client.label("S0.NO.0")).rejects.toMatchObject({ name: "CarrierRefusal", code: "40102" });
  });
});

describe("GHTK refusal vs no answer", () => {
  const cases: [GhtkFault["kind"], "refusal" | "unavailable", string?][] = [
    ["timeout", "unavailable"],
    ["http-500", "unavailable"],
    ["http-503", "unavailable"],
    ["html", "unavailable"],
    ["429", "unavailable"],
    ["route-suspended", "refusal", "30610"],
    ["cod-limit", "refusal", "30607"],
    ["expired-token", "refusal", "20101"],
  ];
  it.each(cases)("%s is a %s", async (kind, what, code) => {
    const quick = ghtkClient({ apiRoot: fake.url, token: fake.token }, { timeoutMs: 300 });
    for (const run of [() => quick.quote(shop, buyer, parcel), () => quick.create(shipment(`CC-F-${kind}`)), () => quick.detail({ waybill: "S1.F.1" })]) {
      fake.faults.inject({ fault: { kind } });
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(what === "refusal" ? CarrierRefusal : CarrierUnavailable);
      if (code) expect((err as CarrierRefusal).code).toBe(code);
      expect(String((err as Error).message)).not.toContain(fake.token);
    }
  });

  it("a wrong token is a refusal that never shows the token", async () => {
    const bad = ghtkClient({ apiRoot: fake.url, token: "wrong-token-123" });
    const err = await bad.quote(shop, buyer, parcel).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "CarrierRefusal", code: "20101" });
    expect((err as Error).message).not.toContain("wrong-token-123");
    expect(await new GhtkClient({ apiRoot: fake.url, token: "wrong-token-123" }).authenticated()).toBe(false);
    expect(await new GhtkClient({ apiRoot: fake.url, token: fake.token }).authenticated()).toBe(true);
  });

  it("nobody listening is no answer", async () => {
    const gone = ghtkClient({ apiRoot: "http://127.0.0.1:9", token: fake.token });
    await expect(gone.detail({ waybill: "S1" })).rejects.toBeInstanceOf(CarrierUnavailable);
  });
});

describe("GHTK webhook", () => {
  it("reads T7 to the label to read back", () => {
    expect(readGhtkWebhook(GHTK_T7_BODY, "application/x-www-form-urlencoded")).toEqual({
      waybill: "S1.A1.17373471",
      clientCode: "1234567",
      carrierStatus: "5",
      at: new Date("2016-11-02T05:18:39Z"),
    });
    expect(parseGhtkWebhook(GHTK_T7_BODY, "application/x-www-form-urlencoded")).toMatchObject({ statusId: 5, weightGrams: 2400, fee: 1500, pickMoney: null, partialReturn: false, reasonCode: null });
  });

  it("reads the same as JSON and with the time encoded properly, and nothing from junk", () => {
    const json = JSON.stringify({ label_id: "S1.A1.17373471", partner_id: 1234567, status_id: "9", action_time: "2016-11-02T12:18:39+07:00", reason_code: "131", pick_money: 50000, return_part_package: 1 });
    expect(parseGhtkWebhook(json, "application/json")).toMatchObject({ waybill: "S1.A1.17373471", clientCode: "1234567", statusId: 9, reasonCode: "131", pickMoney: 50000, partialReturn: true, at: new Date("2016-11-02T05:18:39Z") });
    expect(readGhtkWebhook("label_id=S1.A1.1&status_id=3&action_time=2016-11-02T12%3A18%3A39%2B07%3A00", "application/x-www-form-urlencoded")?.at).toEqual(new Date("2016-11-02T05:18:39Z"));
    for (const junk of ["", "hello", "{", "[1]", "label_id=&status_id=5", "label_id=S1&status_id=done", "status_id=5", "label_id=%3Cscript%3E&status_id=5"]) {
      expect(readGhtkWebhook(junk, "application/x-www-form-urlencoded")).toBeUndefined();
    }
  });

  it("the fake's webhooks read back as what it sent", async () => {
    const o = fake.seedOrder({ label: "S1.WH.1", partnerId: "CC-WH", statusId: 3, pickMoney: 99_000, weightGrams: 1250 });
    const w = parseGhtkWebhook(fake.webhookBody(o.label, 4), "application/x-www-form-urlencoded");
    expect(w).toMatchObject({ waybill: "S1.WH.1", clientCode: "CC-WH", statusId: 4, weightGrams: 1250, pickMoney: 99_000, at: new Date("2026-11-30T03:00:00Z") });
  });
});
