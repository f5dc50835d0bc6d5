// CARRIERS.md §4 T1–T4, byte for byte where the vector is a real capture: the fake answers T1 and
// T2 with the captured bodies (and its own answers have their shape), T3's cancel and T4's webhook
// are what it sends, and the client reads each into the right CarrierQuote / CreatedShipment /
// WebhookNotice.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ghnClient, readGhnWebhook } from "../../src/domain/carriers/ghn";
import { startFakeGhn, type FakeGhn } from "../fakes/ghn-api";
import { listen } from "../helpers/http-server";
import { addressOf, PARCEL, SHOP } from "./ghn-fixtures";

const T1_REQUEST = `{"service_type_id":5,"from_district_id":1454,"from_ward_code":"21211","to_district_id":1452,"to_ward_code":"21012","length":30,"width":40,"height":20,"weight":3000,"insurance_value":0,"coupon":null,"items":[{"name":"TEST1","quantity":1,"length":200,"width":200,"height":200,"weight":1000}]}`;
const T1_RESPONSE = `{"code":200,"message":"Success","data":{"total":5610316,"service_fee":5610316,"insurance_fee":0,"pick_station_fee":0,"coupon_value":0,"r2s_fee":0,"return_again":0,"document_return":0,"double_check":0,"cod_fee":0,"pick_remote_areas_fee":0,"deliver_remote_areas_fee":0,"cod_failed_fee":0}}`;
const T2_REQUEST = `{"payment_type_id":2,"required_note":"KHONGCHOXEMHANG","to_name":"TinTest124","to_phone":"0987654321","to_address":"72 Thành Thái, Phường 14, Quận 10, Hồ Chí Minh, Vietnam","to_ward_code":"20107","to_district_id":1442,"cod_amount":200000,"weight":200,"length":15,"width":15,"height":15,"insurance_value":2000000,"service_type_id":2,"pick_shift":[2],"items":[{"name":"Áo Polo","code":"Polo123","quantity":1,"price":200000}]}`;
const T2_DATA = `{"order_code":"G8ADKBYD","sort_code":"40-G-33-A1","trans_type":"truck","ward_encode":"","district_encode":"","fee":{"main_service":34000,"insurance":10000,"cod_fee":0,"station_do":0,"station_pu":0,"return":0,"r2s":0,"return_again":0,"coupon":0,"document_return":0,"double_check":0,"double_check_deliver":0,"pick_remote_areas_fee":0,"deliver_remote_areas_fee":0,"pick_remote_areas_fee_return":0,"deliver_remote_areas_fee_return":0,"cod_failed_fee":0},"total_fee":44000,"expected_delivery_time":"2024-11-26T23:59:59Z","operation_partner":""}`;
const T3_REQUEST = `{"order_codes":["G8ADKBYD"]}`;
const T3_DATA = `[{"order_code":"G8ADKBYD","result":true,"message":"OK"}]`;
const T4 = `{"CODAmount":3000000,"CODTransferDate":null,"ClientOrderCode":"","ConvertedWeight":200,"Description":"Tạo đơn hàng","Fee":{"CODFailedFee":0,"CODFee":0,"Coupon":0,"DeliverRemoteAreasFee":0,"DocumentReturn":0,"DoubleCheck":0,"Insurance":17500,"MainService":53900,"PickRemoteAreasFee":53900,"R2S":0,"Return":0,"StationDO":0,"StationPU":0,"Total":0},"Height":10,"IsPartialReturn":false,"Length":10,"OrderCode":"Z82BS","PartialReturnCode":"","PaymentType":1,"Reason":"","ReasonCode":"","ShopID":81558,"Status":"ready_to_pick","Time":"2021-11-11T03:52:50.158Z","TotalFee":71400,"Type":"create","Warehouse":"Bưu Cục 229 Quan Nhân-Q.Thanh Xuân-HN","Weight":10,"Width":10}`;

let fake: FakeGhn;
beforeAll(async () => {
  fake = await startFakeGhn();
});
afterAll(async () => {
  await fake.close();
});

const post = async (path: string, body: string, shop = true) => {
  const res = await fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json", Token: fake.token, ...(shop ? { ShopId: String(fake.shopId) } : {}) }, body });
  return { status: res.status, text: await res.text() };
};
const keysOf = (v: unknown): unknown => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keysOf(x)])) : typeof v);
const client = () => ghnClient({ apiRoot: fake.url, token: fake.token, shopId: fake.shopId });

describe("T1 fee", () => {
  it("the fake's own answer to T1's request has T1's keys (its seed has T1's districts and wards)", async () => {
    const r = await post("/v2/shipping-order/fee", T1_REQUEST);
    expect(r.status).toBe(200);
    expect(keysOf(JSON.parse(r.text))).toEqual(keysOf(JSON.parse(T1_RESPONSE)));
  });
  it("answers T1's request with T1's captured body, byte for byte", async () => {
    fake.respondWith("/v2/shipping-order/fee", JSON.parse(T1_RESPONSE).data, { when: JSON.parse(T1_REQUEST) });
    expect(await post("/v2/shipping-order/fee", T1_REQUEST)).toEqual({ status: 200, text: T1_RESPONSE });
  });
  it("the client reads T1's answer as a quote of 5,610,316 đ", async () => {
    fake.respondWith("/v2/shipping-order/fee", JSON.parse(T1_RESPONSE).data);
    const q = await client().quote(SHOP, addressOf("27094"), PARCEL);
    expect(q.carrier).toBe("ghn");
    expect(q.fee).toBe(5_610_316);
  });
});

describe("T2 create and T3 cancel", () => {
  it("the fake's own answer to T2's request has T2's keys and fixed values", async () => {
    const r = await post("/v2/shipping-order/create", T2_REQUEST);
    expect(r.status).toBe(200);
    const data = JSON.parse(r.text).data;
    expect(keysOf(data)).toEqual(keysOf(JSON.parse(T2_DATA)));
    expect(Object.keys(data)).toEqual(Object.keys(JSON.parse(T2_DATA)));
    expect(data.order_code).toMatch(/^[A-Z0-9]{8}$/);
    expect(data).toMatchObject({ trans_type: "truck", ward_encode: "", district_encode: "", operation_partner: "" });
    expect(data.expected_delivery_time).toMatch(/^\d{4}-\d\d-\d\dT23:59:59/);
  });
  it("answers T2's request with T2's captured data, and T3's cancel with T3's data", async () => {
    fake.respondWith("/v2/shipping-order/create", JSON.parse(T2_DATA), { when: JSON.parse(T2_REQUEST) });
    const r = await post("/v2/shipping-order/create", T2_REQUEST);
    expect(r.text).toBe(`{"code":200,"message":"Success","data":${T2_DATA}}`);
    const cancel = await post("/v2/switch-status/cancel", T3_REQUEST);
    expect(cancel.text).toBe(`{"code":200,"message":"Success","data":${T3_DATA}}`);
  });
  it("the client reads T2's answer as the waybill G8ADKBYD, 44,000 đ, due 26 Nov 2024, and cancels it as T3", async () => {
    fake.respondWith("/v2/shipping-order/create", JSON.parse(T2_DATA));
    const c = client();
    const made = await c.create({ clientCode: "T2-CLIENT", from: SHOP, to: addressOf("27094", { street: "72 Thành Thái", name: "TinTest124", phone: "0987654321" }), parcel: PARCEL, feePaidBy: "buyer" });
    expect(made).toEqual({ carrier: "ghn", waybill: "G8ADKBYD", clientCode: "T2-CLIENT", fee: 44_000, expectedDelivery: new Date("2024-11-26T23:59:59Z"), trackingUrl: "https://donhang.ghn.vn/?order_code=G8ADKBYD" });
    await expect(c.cancel("G8ADKBYD")).resolves.toBeUndefined();
    const call = fake.calls.at(-1)!;
    expect([call.path, JSON.stringify(call.body), call.status]).toEqual(["/v2/switch-status/cancel", T3_REQUEST, 200]);
  });
});

describe("T4 webhook", () => {
  it("the fake sends T4's body byte for byte for T4's order, and the client reads it", async () => {
    const t4 = await startFakeGhn({ now: () => Date.parse("2021-11-11T03:52:50.158Z"), shopId: 81558 });
    const bodies: string[] = [];
    const app = new Hono();
    app.post("/ghn", async (c) => {
      bodies.push(await c.req.text());
      return c.text("ok");
    });
    const hook = await listen(app);
    try {
      t4.setWebhook(`${hook.url}/ghn`);
      t4.importOrder({
        order_code: "Z82BS",
        client_order_code: "",
        cod_amount: 3_000_000,
        converted_weight: 200,
        weight: 10,
        length: 10,
        width: 10,
        height: 10,
        payment_type_id: 1,
        total_fee: 71_400,
        warehouse: "Bưu Cục 229 Quan Nhân-Q.Thanh Xuân-HN",
        webhookFee: { CODFailedFee: 0, CODFee: 0, Coupon: 0, DeliverRemoteAreasFee: 0, DocumentReturn: 0, DoubleCheck: 0, Insurance: 17500, MainService: 53900, PickRemoteAreasFee: 53900, R2S: 0, Return: 0, StationDO: 0, StationPU: 0, Total: 0 },
      });
      await t4.notify("Z82BS", "create");
      expect(bodies).toEqual([T4]);
    } finally {
      await hook.close();
      await t4.close();
    }
    expect(readGhnWebhook(T4, "application/json")).toEqual({ waybill: "Z82BS", clientCode: null, carrierStatus: "ready_to_pick", at: new Date("2021-11-11T03:52:50.158Z") });
  });
  it("reads the docs' sample with its missing comma, and nothing from junk", () => {
    const broken = T4.replace('"Description":"Tạo đơn hàng",', '"Description":"Tạo đơn hàng"');
    expect(() => JSON.parse(broken)).toThrow();
    expect(readGhnWebhook(broken, "application/json")).toEqual({ waybill: "Z82BS", clientCode: null, carrierStatus: "ready_to_pick", at: new Date("2021-11-11T03:52:50.158Z") });
    expect(readGhnWebhook(T4.replace('"ClientOrderCode":""', '"ClientOrderCode":"CC-9"'), "application/json")?.clientCode).toBe("CC-9");
    for (const junk of ["", "junk", "{}", "[]", "null", '{"OrderCode":"<script>"}', '{"OrderCode":""}', "x".repeat(200_000)]) expect(readGhnWebhook(junk, "application/json")).toBeUndefined();
    expect(readGhnWebhook('{"OrderCode":"Z82BS","Time":"not a time"}', "application/json")).toEqual({ waybill: "Z82BS", clientCode: null, carrierStatus: "", at: null });
  });
});
