// The GHN fake itself (CARRIERS.md §6), over raw HTTP: its checks, master data, state machine,
// webhook retries and faults. The client is tested against it in test/carriers/ghn-client.test.ts.
import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listen } from "../helpers/http-server";
import { startFakeGhn, type FakeGhn } from "./ghn-api";

let fake: FakeGhn;
let hook: { url: string; close(): Promise<void> };
let hookAnswers: number[] = [];
const received: string[] = [];

beforeAll(async () => {
  fake = await startFakeGhn({ webhookRetryMs: 1 });
  const app = new Hono();
  app.post("/hook", async (c) => {
    received.push(await c.req.text());
    const status = hookAnswers.shift() ?? 200;
    return c.text("ok", status as 200);
  });
  hook = await listen(app);
  fake.setWebhook(`${hook.url}/hook`);
});
afterAll(async () => {
  await hook.close();
  await fake.close();
});
beforeEach(() => {
  fake.faults.clear();
  hookAnswers = [];
  received.length = 0;
});

async function ghn(path: string, body: unknown, headers: Record<string, string> = { Token: fake.token, ShopId: String(fake.shopId) }) {
  const res = await fetch(`${fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: { code: number; message: string; data: any; code_message?: string } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, type: res.headers.get("content-type") ?? "" };
}

const order = (over: Record<string, unknown> = {}) => ({
  payment_type_id: 2,
  required_note: "CHOXEMHANGKHONGTHU",
  to_name: "Lò Thị Mai",
  to_phone: "0912345678",
  to_address: "Bản Mường, Thị Trấn Si Ma Cai, Lào Cai",
  to_ward_code: "90816",
  to_district_id: 2264,
  cod_amount: 250000,
  weight: 800,
  length: 20,
  width: 15,
  height: 10,
  service_type_id: 2,
  items: [{ name: "Chè Shan Tuyết", quantity: 2, price: 125000, weight: 400 }],
  ...over,
});

describe("authentication", () => {
  it("answers a call without Token as GHN does", async () => {
    const r = await ghn("/master-data/province", {}, {});
    expect(r.status).toBe(400);
    expect(r.text).toBe('{"code":400,"message":"Token is required!","data":null,"code_message":"USER_ERR_COMMON"}');
  });
  it("refuses a shop call with a wrong or missing ShopId", async () => {
    for (const headers of [{ Token: fake.token }, { Token: fake.token, ShopId: "1" }] as Record<string, string>[]) {
      const r = await ghn("/v2/shipping-order/fee", { service_type_id: 2, to_district_id: 2264, to_ward_code: "90816", weight: 100 }, headers);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 400, message: "Lỗi lấy thông tin shop", code_message: "SERVER_ERR_COMMON" });
    }
  });
  it("refuses an unknown token and malformed JSON", async () => {
    expect((await ghn("/master-data/province", {}, { Token: "00000000-0000-0000-0000-000000000000" })).json?.message).toBe("Token is not valid!");
    const bad = await ghn("/master-data/province", '{"a":1 "b":2}');
    expect(bad.status).toBe(400);
    expect(bad.json?.message).toMatch(/^code=400, message=Syntax error: /);
  });
});

describe("master data", () => {
  it("has the real seed values, old units and NameExtension variants", async () => {
    const provinces = (await ghn("/master-data/province", {})).json!.data as any[];
    expect(provinces).toHaveLength(63);
    expect(provinces.find((p) => p.ProvinceID === 269)?.ProvinceName).toBe("Lào Cai");
    expect(provinces.find((p) => p.ProvinceID === 201)?.ProvinceName).toBe("Hà Nội");
    expect(provinces.find((p) => p.ProvinceID === 202)?.ProvinceName).toBe("Hồ Chí Minh");
    const laoCai = (await ghn("/master-data/district", { province_id: 269 })).json!.data as any[];
    const siMaCai = laoCai.find((d) => d.DistrictID === 2264);
    expect(siMaCai).toMatchObject({ DistrictName: "Huyện Si Ma Cai", ProvinceID: 269 });
    expect(siMaCai.NameExtension).toEqual(expect.arrayContaining(["Si Ma Cai", "H. Si Ma Cai", "simacai"]));
    const wards = (await ghn("/master-data/ward", { district_id: 2264 })).json!.data as any[];
    expect(wards.find((w) => w.WardCode === "90816")).toMatchObject({ WardName: "Thị Trấn Si Ma Cai", DistrictID: 2264 });
    const hoangMai = (await ghn("/master-data/ward", { district_id: 1490 })).json!.data as any[];
    expect(hoangMai.some((w) => w.WardCode === "1A0807")).toBe(true);
    const thuDuc = (await ghn("/master-data/ward", { district_id: 3695 })).json!.data as any[];
    expect(thuDuc.find((w) => w.WardCode === "90768")?.WardName).toBe("Phường An Khánh");
    // The ward list also takes ?district_id=.
    const q = await fetch(`${fake.url}/master-data/ward?district_id=2264`, { headers: { Token: fake.token } });
    expect(((await q.json()) as any).data).toHaveLength(wards.length);
  });
  it("answers 404 for the wards of an unknown district", async () => {
    const r = await ghn("/master-data/ward", { district_id: 99999 });
    expect(r.status).toBe(404);
    expect(r.json?.message).toBe("code=404, message=Not Found");
  });
});

describe("services, fee and lead time", () => {
  it("lists the light and heavy services", async () => {
    const r = await ghn("/v2/shipping-order/available-services", { shop_id: fake.shopId, from_district: 1490, to_district: 2264 });
    expect(r.json!.data.map((s: any) => s.service_type_id)).toEqual([2, 5]);
  });
  it("prices deterministically on max(weight, L·W·H/5)", async () => {
    const base = { service_type_id: 2, from_district_id: 1490, from_ward_code: "1A0807", to_district_id: 2264, to_ward_code: "90816", weight: 500, length: 10, width: 10, height: 10 };
    const a = (await ghn("/v2/shipping-order/fee", base)).json!.data;
    const b = (await ghn("/v2/shipping-order/fee", base)).json!.data;
    expect(a).toEqual(b);
    expect(Object.keys(a)).toEqual(["total", "service_fee", "insurance_fee", "pick_station_fee", "coupon_value", "r2s_fee", "return_again", "document_return", "double_check", "cod_fee", "pick_remote_areas_fee", "deliver_remote_areas_fee", "cod_failed_fee"]);
    // 30·30·30/5 = 5,400 g counts over 500 g.
    const bulky = (await ghn("/v2/shipping-order/fee", { ...base, length: 30, width: 30, height: 30 })).json!.data;
    expect(bulky.total).toBeGreaterThan(a.total);
    const wrongWard = await ghn("/v2/shipping-order/fee", { ...base, to_ward_code: "1A0807" });
    expect(wrongWard.status).toBe(400);
    const noService = await ghn("/v2/shipping-order/fee", { ...base, service_type_id: undefined });
    expect(noService.status).toBe(400);
  });
  it("gives a lead time in unix seconds", async () => {
    const r = await ghn("/v2/shipping-order/leadtime", { from_district_id: 1490, from_ward_code: "1A0807", to_district_id: 2264, to_ward_code: "90816", service_id: 53321 });
    expect(r.json!.data.order_date).toBe(0);
    expect(r.json!.data.leadtime * 1000).toBeGreaterThan(Date.now());
  });
  it("has pick shifts", async () => {
    const r = await ghn("/v2/shift/date", {}, { Token: fake.token });
    expect(r.json!.data[0]).toMatchObject({ id: 2, from_time: 43200, to_time: 64800 });
  });
});

describe("create", () => {
  it("checks the ward, the enums and the limits", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ to_ward_code: "1A0807" }, /to_ward_code/],
      [{ to_district_id: 1 }, /to_district_id/],
      [{ required_note: "XEM" }, /required_note/],
      [{ payment_type_id: 3 }, /payment_type_id/],
      [{ service_type_id: undefined }, /service/],
      [{ weight: 50_001 }, /weight/],
      [{ length: 201 }, /length/],
      [{ cod_amount: 50_000_001 }, /cod_amount/],
      [{ insurance_value: 5_000_001 }, /insurance_value/],
      [{ to_address: "x".repeat(1025) }, /to_address/],
      [{ content: "x".repeat(2001) }, /content/],
      [{ note: "x".repeat(5001) }, /note/],
      [{ items: [] }, /items/],
      [{ to_phone: "" }, /to_phone/],
    ];
    for (const [over, message] of cases) {
      const r = await ghn("/v2/shipping-order/create", order(over));
      expect(r.status, JSON.stringify(over).slice(0, 60)).toBe(400);
      expect(r.json?.message).toMatch(message);
    }
  });
  it("makes an 8-character order code once per client_order_code; preview makes nothing", async () => {
    const preview = await ghn("/v2/shipping-order/preview", order({ client_order_code: "FAKE-1" }));
    expect(preview.status).toBe(200);
    expect(fake.order(preview.json!.data.order_code)).toBeUndefined();
    const first = await ghn("/v2/shipping-order/create", order({ client_order_code: "FAKE-1" }));
    expect(first.json!.data.order_code).toMatch(/^[A-Z0-9]{8}$/);
    const again = await ghn("/v2/shipping-order/create", order({ client_order_code: "FAKE-1" }));
    expect(again.status).toBe(400);
    const byClient = await ghn("/v2/shipping-order/detail-by-client-code", { client_order_code: "FAKE-1" });
    expect(byClient.json!.data).toMatchObject({ order_code: first.json!.data.order_code, status: "ready_to_pick", cod_amount: 250000, calculate_weight: 800 });
    const soc = await ghn("/v2/shipping-order/soc", { order_code: first.json!.data.order_code }, { Token: fake.token });
    expect(soc.json!.data.total).toBe(first.json!.data.total_fee);
  });
  it("updates a note and the COD before delivery", async () => {
    const code = (await ghn("/v2/shipping-order/create", order())).json!.data.order_code;
    expect((await ghn("/v2/shipping-order/update", { order_code: code, note: "Gọi trước" })).json!.data).toBeNull();
    expect((await ghn("/v2/shipping-order/updateCOD", { order_code: code, cod_amount: 100000 })).json!.data).toBeNull();
    expect(fake.order(code)).toMatchObject({ note: "Gọi trước", cod_amount: 100000 });
  });
});

describe("state machine and webhooks", () => {
  it("cancels only before picked; return and redeliver only where GHN allows", async () => {
    const a = (await ghn("/v2/shipping-order/create", order())).json!.data.order_code;
    const b = (await ghn("/v2/shipping-order/create", order())).json!.data.order_code;
    await fake.advance(b, "picked");
    const r = await ghn("/v2/switch-status/cancel", { order_codes: [a, b] });
    expect(r.json!.data).toEqual([
      { order_code: a, result: true, message: "OK" },
      { order_code: b, result: false, message: "Trạng thái đơn hàng không hợp lệ" },
    ]);
    await expect(fake.advance(a, "picked")).rejects.toThrow(/final/);
    expect((await ghn("/v2/switch-status/storing", { order_codes: [b] })).json!.data[0].result).toBe(false);
    await fake.advance(b, "delivering");
    await fake.advance(b, "delivery_fail");
    await fake.advance(b, "waiting_to_return");
    expect((await ghn("/v2/switch-status/storing", { order_codes: [b] })).json!.data[0].result).toBe(true);
    expect(fake.order(b)!.status).toBe("storing");
    expect((await ghn("/v2/switch-status/return", { order_codes: [b] })).json!.data[0].result).toBe(true);
  });
  it("posts the T4-shaped webhook and retries up to 10 times on non-200", async () => {
    const code = (await ghn("/v2/shipping-order/create", order({ client_order_code: "HOOK-1" }))).json!.data.order_code;
    hookAnswers = [500, 503, 404];
    await fake.advance(code, "picked");
    const d = fake.webhooks.at(-1)!;
    expect(d.attempts).toEqual([500, 503, 404, 200]);
    expect(received).toHaveLength(4);
    const body = JSON.parse(received[0]!);
    expect(Object.keys(body)).toEqual(["CODAmount", "CODTransferDate", "ClientOrderCode", "ConvertedWeight", "Description", "Fee", "Height", "IsPartialReturn", "Length", "OrderCode", "PartialReturnCode", "PaymentType", "Reason", "ReasonCode", "ShopID", "Status", "Time", "TotalFee", "Type", "Warehouse", "Weight", "Width"]);
    expect(body).toMatchObject({ OrderCode: code, ClientOrderCode: "HOOK-1", Status: "picked", Type: "switch_status", CODAmount: 250000, ShopID: fake.shopId });
    hookAnswers = Array(20).fill(500);
    received.length = 0;
    await fake.advance(code, "storing");
    expect(fake.webhooks.at(-1)!.attempts).toHaveLength(11);
    expect(fake.webhooks.at(-1)!.delivered).toBe(false);
  });
  it("duplicates, breaks, replays and forges webhooks on request", async () => {
    const code = (await ghn("/v2/shipping-order/create", order())).json!.data.order_code;
    fake.faults.webhook.duplicates = 2;
    await fake.advance(code, "picked");
    expect(received).toHaveLength(3);
    expect(new Set(received).size).toBe(1);
    fake.faults.clear();
    received.length = 0;
    fake.faults.webhook.brokenJson = true;
    await fake.advance(code, "transporting");
    expect(() => JSON.parse(received[0]!)).toThrow();
    fake.faults.clear();
    received.length = 0;
    expect(await fake.resend(-3)).toBe(200);
    expect(JSON.parse(received[0]!).Status).toBe("picked");
    expect(await fake.postRaw("junk", "text/plain")).toBe(200);
    expect(received[1]).toBe("junk");
    fake.faults.webhook.failFirst = 2;
    received.length = 0;
    await fake.advance(code, "delivering");
    expect(fake.webhooks.at(-1)!.attempts).toEqual([0, 0, 200]);
  });
});

describe("faults", () => {
  it("answers each injected fault once, then normally", async () => {
    const path = "/master-data/province";
    fake.faults.inject({ kind: "http", status: 503 }, { path });
    expect((await ghn(path, {})).status).toBe(503);
    fake.faults.inject({ kind: "http", status: 429 });
    expect((await ghn(path, {})).status).toBe(429);
    fake.faults.inject({ kind: "html" }, { path });
    const html = await ghn(path, {});
    expect([html.status, html.json, html.type]).toEqual([200, undefined, "text/html; charset=utf-8"]);
    fake.faults.inject({ kind: "token-expired" }, { path });
    expect((await ghn(path, {})).json).toMatchObject({ code: 401, message: "Token is not valid!" });
    fake.faults.inject({ kind: "address-convert-fail" }, { path: "/v2/shipping-order/create" });
    expect((await ghn("/v2/shipping-order/create", order())).json?.message).toBe("TO_ADDRESS_CONVERT_FAIL");
    fake.faults.inject({ kind: "refuse", message: "Tuyến tạm ngưng" }, { path });
    expect((await ghn(path, {})).json?.message).toBe("Tuyến tạm ngưng");
    expect((await ghn(path, {})).status).toBe(200);
  });
  it("can hang, and can lose an answer after doing the work", async () => {
    fake.faults.inject({ kind: "timeout" }, { path: "/master-data/province" });
    await expect(fetch(`${fake.url}/master-data/province`, { method: "POST", headers: { Token: fake.token }, body: "{}", signal: AbortSignal.timeout(200) })).rejects.toThrow();
    fake.faults.inject({ kind: "lose-answer" }, { path: "/v2/shipping-order/create" });
    await expect(ghn("/v2/shipping-order/create", order({ client_order_code: "LOST-1" }))).rejects.toThrow();
    const found = await ghn("/v2/shipping-order/detail-by-client-code", { client_order_code: "LOST-1" });
    expect(found.json!.data.status).toBe("ready_to_pick");
  });
  it("prints the A5 label from a gen-token token", async () => {
    const code = (await ghn("/v2/shipping-order/create", order())).json!.data.order_code;
    const t = (await ghn("/v2/a5/gen-token", { order_codes: [code] }, { Token: fake.token })).json!.data.token;
    const page = await fetch(`${fake.origin}/a5/public-api/printA5?token=${t}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(code);
    expect((await fetch(`${fake.origin}/a5/public-api/printA5?token=nope`)).status).toBe(404);
  });
});

describe("admin routes", () => {
  it("drive the fake over HTTP: webhook URL, advance, faults, flush", async () => {
    const admin = (path: string, body?: unknown, method = "POST") => fetch(`${fake.origin}/_admin/${path}`, { method, headers: { "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const code = (await ghn("/v2/shipping-order/create", order())).json!.data.order_code;
    expect((await admin("webhook", { url: `${hook.url}/hook` })).status).toBe(200);
    hookAnswers = Array(11).fill(500);
    expect((await admin("advance", { order_code: code, status: "picked" })).status).toBe(200);
    expect(fake.order(code)!.status).toBe("picked");
    expect(fake.webhooks.at(-1)!.delivered).toBe(false);
    await admin("flush-webhooks");
    expect(fake.webhooks.at(-1)!.delivered).toBe(true);
    await admin("faults", { kind: "http", status: 503, path: "/master-data/province" });
    expect((await ghn("/master-data/province", {})).status).toBe(503);
    await admin("faults", { kind: "http", status: 503 });
    await admin("faults", undefined, "DELETE");
    expect((await ghn("/master-data/province", {})).status).toBe(200);
  });
});
