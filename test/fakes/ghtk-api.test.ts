import { Hono } from "hono";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../helpers/http-server";
import {
  GHTK_T5_QUERY,
  GHTK_T5_RESPONSE,
  GHTK_T6_REQUEST,
  GHTK_T6_RESPONSE,
  GHTK_T7_BODY,
  parseNestedForm,
  startFakeGhtk,
  type FakeGhtk,
} from "./ghtk-api";

// The fake itself, reached over HTTP with plain fetch (CARRIERS.md §2, §4 T5–T7, §6).
let clock = Date.parse("2026-11-30T03:00:00Z");
let fake: FakeGhtk;
let hook: { url: string; close(): Promise<void> };
const received: { body: string; type: string }[] = [];
let hookStatus = 200;

beforeAll(async () => {
  fake = await startFakeGhtk({ now: () => clock, webhookRetryDelayMs: 1 });
  const app = new Hono();
  app.post("/hook", async (c) => {
    received.push({ body: await c.req.text(), type: c.req.header("content-type") ?? "" });
    return c.text("ok", hookStatus as 200);
  });
  hook = await listen(app);
  fake.setWebhook(`${hook.url}/hook`);
});
afterAll(async () => {
  await fake.close();
  await hook.close();
});
afterEach(() => {
  fake.faults.clear();
  received.length = 0;
  hookStatus = 200;
});

const call = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  if (init.token !== null) headers.set("Token", init.token ?? fake.token);
  return fetch(`${fake.url}${path}`, { ...init, headers });
};
const postJson = (path: string, body: unknown) => call(path, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

function order(id: string, over: Record<string, unknown> = {}) {
  return {
    products: [{ name: "Trà Shan tuyết", weight: 300, quantity: 2, price: 120000, product_code: "TRA" }],
    order: {
      id,
      pick_name: "Chợ Chat Shop",
      pick_address: "12 Hàng Bạc",
      pick_province: "Thành phố Hà Nội",
      pick_district: "Quận Hoàn Kiếm",
      pick_ward: "Phường Hoàn Kiếm",
      pick_tel: "0987000111",
      pick_money: 240000,
      name: "Lò Văn A",
      address: "Bản Mường",
      province: "Tỉnh Lai Châu",
      district: "Huyện Than Uyên",
      ward: "Xã Mường Than",
      hamlet: "Bản Mường",
      tel: "0912345678",
      is_freeship: 0,
      value: 240000,
      weight_option: "gram",
      ...over,
    },
  };
}

describe("fake GHTK: the test vectors byte for byte", () => {
  it("T5: the fee query answers T5's body", async () => {
    const res = await call(`/services/shipment/fee?${new URLSearchParams(GHTK_T5_QUERY)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(GHTK_T5_RESPONSE);
  });

  it("T6: the create request answers §2.4's real body when seeded, and reads back as 2", async () => {
    fake.seedCreate("1", GHTK_T6_RESPONSE);
    const res = await postJson("/services/shipment/order/?ver=1.5", GHTK_T6_REQUEST);
    expect(await res.text()).toBe(GHTK_T6_RESPONSE);
    const read = (await (await call("/services/shipment/v2/S22749126.SGP39-J31.1375835526")).json()) as { order: Record<string, unknown> };
    expect(read.order).toMatchObject({ status: 2, status_text: "Đã tiếp nhận", partner_id: "1", pick_money: 47000, weight: 300 });
  });

  it("T7: the webhook for that state is T7's body, form-urlencoded", async () => {
    const at = clock;
    clock = Date.parse("2016-11-02T12:18:39+07:00");
    fake.seedOrder({ label: "S1.A1.17373471", partnerId: "1234567", statusId: 4, weightGrams: 2400, shipMoney: 1500, insurance: 0, pickMoney: 0 });
    await fake.advance("S1.A1.17373471", 5);
    clock = at;
    expect(received).toEqual([{ body: GHTK_T7_BODY, type: "application/x-www-form-urlencoded" }]);
    expect(fake.webhookBody("S1.A1.17373471").replace(/action_time=[^&]+/, "action_time=2016-11-02T12:18:39+07:00")).toBe(GHTK_T7_BODY);
  });
});

describe("fake GHTK: checks", () => {
  it("refuses a missing or wrong token with 401 20101", async () => {
    for (const token of [null, "nope"]) {
      const res = await call("/services/authenticated", { token });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ success: false, error_code: "20101" });
    }
    expect((await (await call("/services/authenticated")).json()) as object).toMatchObject({ success: true });
  });

  it("creates from JSON and from a PHP-style form, and refuses a duplicate id with the first label", async () => {
    const first = (await (await postJson("/services/shipment/order/?ver=1.5", order("CC-1"))).json()) as { success: boolean; order: { label: string; fee: number } };
    expect(first.success).toBe(true);
    expect(first.order.label).toMatch(/^S\d+\.[A-Z0-9-]+\.\d+$/);
    const form = new URLSearchParams({ "order[id]": "CC-1", "order[pick_name]": "x", "products[0][name]": "y", "products[0][weight]": "0.3" });
    const dup = await call("/services/shipment/order/?ver=1.5", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    expect(dup.status).toBe(200);
    expect(await dup.json()).toMatchObject({ success: false, error: { code: "ORDER_ID_EXIST", partner_id: "CC-1", ghtk_label: first.order.label, status: 2 } });

    const flat = new URLSearchParams();
    for (const [k, v] of Object.entries(order("CC-FORM").order)) flat.set(`order[${k}]`, String(v));
    flat.set("products[0][name]", "Trà");
    flat.set("products[0][weight]", "300");
    flat.set("products[0][quantity]", "2");
    const viaForm = (await (await call("/services/shipment/order/?ver=1.5", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: flat })).json()) as { order: { label: string } };
    expect(fake.orders.get(viaForm.order.label)).toMatchObject({ partnerId: "CC-FORM", weightGrams: 600, pickMoney: 240000, isFreeship: 0 });
  });

  it("parses nested form keys", () => {
    expect(parseNestedForm("order[id]=1&products[0][name]=a&products[1][name]=b&tags[]=1&tags[]=7")).toEqual({ order: { id: "1" }, products: [{ name: "a" }, { name: "b" }], tags: ["1", "7"] });
  });

  it("answers §2.4's rules with their codes", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ hamlet: undefined }, 422, "30302"],
      [{ pick_tel: "0912345678" }, 422, "30202"],
      [{ note: "x".repeat(121) }, 422, "30309"],
      [{ value: 0 }, 422, "30110"],
      [{ is_freeship: 2 }, 422, "30106"],
      [{ tel: "" }, 422, "30307"],
      [{ district: "" }, 422, "30306"],
      [{ pick_money: 25_000_000 }, 400, "30607"],
      [{ transport: "boat" }, 422, "30104"],
    ];
    for (const [over, status, code] of cases) {
      const res = await postJson("/services/shipment/order/?ver=1.5", order(`CC-BAD-${code}`, over));
      expect([res.status, ((await res.json()) as { error_code: string }).error_code]).toEqual([status, code]);
    }
    // A ward that is not a "Xã" needs no hamlet; a hamlet "Khác" satisfies one that does.
    expect((await postJson("/services/shipment/order/?ver=1.5", order("CC-PH", { hamlet: undefined, ward: "Phường Tân Phong", street: "5 Trần Phú" }))).status).toBe(200);
    expect((await postJson("/services/shipment/order/?ver=1.5", order("CC-KHAC", { hamlet: "Khác" }))).status).toBe(200);
    const noOrder = await postJson("/services/shipment/order/?ver=1.5", { products: [] });
    expect(((await noOrder.json()) as { error_code: string }).error_code).toBe("30101");
  });

  it("cancels only in 1, 2 and 12, by label or partner_id, and answers 5010x with HTTP 200 otherwise", async () => {
    const a = fake.seedOrder({ label: "S1.C1.1", partnerId: "CAN-1", statusId: 12 });
    const ok = await call(`/services/shipment/cancel/partner_id:CAN-1`, { method: "POST" });
    expect(await ok.json()).toMatchObject({ success: true, message: `ĐÃ GỬI YÊU CẦU HỦY ĐƠN HÀNG ${a.label}` });
    expect(a.statusId).toBe(-1);
    const again = await call(`/services/shipment/cancel/${a.label}`, { method: "POST" });
    expect([again.status, ((await again.json()) as { error_code: string }).error_code]).toEqual([200, "50101"]);
    for (const [status, code] of [[3, "50102"], [4, "50103"], [5, "50104"], [6, "50105"], [8, "50106"]] as const) {
      const o = fake.seedOrder({ label: `S1.C${status}.9`, statusId: status });
      const res = await call(`/services/shipment/cancel/${o.label}`, { method: "POST" });
      expect([res.status, ((await res.json()) as { error_code: string }).error_code]).toEqual([200, code]);
      expect(o.statusId).toBe(status);
    }
    const missing = await call(`/services/shipment/cancel/S0.X.0`, { method: "POST" });
    expect([missing.status, ((await missing.json()) as { error_code: string }).error_code]).toEqual([400, "50109"]);
    await new Promise((r) => setTimeout(r, 50));
    expect(received.some((r) => r.body.includes("status_id=-1") && r.body.includes("reason_code=115"))).toBe(true);
  });

  it("serves a label as a small valid PDF, or 40102", async () => {
    fake.seedOrder({ label: "S1.L1.77" });
    const res = await call("/services/label/S1.L1.77?original=portrait&paper_size=A5");
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = new TextDecoder().decode(await res.arrayBuffer());
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    const xref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe("xref");
    for (const m of text.matchAll(/^(\d{10}) 00000 n $/gm)) expect(text.slice(Number(m[1])).match(/^\d+ 0 obj/)).not.toBeNull();
    const none = await call("/services/label/S0.X.0");
    expect(await none.json()).toMatchObject({ success: false, error_code: "40102" });
  });

  it("lists level-4 addresses ending with Khác, and the pickup addresses", async () => {
    fake.seedHamlets("Xã Mường Than", ["Bản Mường", "Bản Nà Khoang"]);
    const q = new URLSearchParams({ province: "Lai Châu", district: "Than Uyên", ward_street: "Mường Than" });
    expect(await (await call(`/services/address/getAddressLevel4?${q}`)).json()).toEqual({ success: true, data: ["Bản Mường", "Bản Nà Khoang", "Khác"] });
    fake.seedPickAddresses([{ pick_address_id: "88", address: "12 Hàng Bạc", pick_tel: "0987000111", pick_name: "Shop" }]);
    expect(await (await call("/services/shipment/list_pick_add")).json()).toMatchObject({ success: true, data: [{ pick_address_id: "88" }] });
  });

  it("prices by area and weight, and says delivery:false where it does not deliver", async () => {
    const q = (over: Record<string, string> = {}) =>
      new URLSearchParams({ pick_province: "Hà Nội", pick_district: "Quận Hoàn Kiếm", province: "Tỉnh Lai Châu", district: "Huyện Than Uyên", ward: "Xã Mường Than", weight: "600", value: "240000", ...over });
    const fee = (await (await call(`/services/shipment/fee?${q()}`)).json()) as { fee: { fee: number; delivery: boolean; name: string } };
    expect(fee.fee).toMatchObject({ fee: 40000, delivery: true, name: "area3" });
    fake.unserved.add("than uyen");
    expect(((await (await call(`/services/shipment/fee?${q()}`)).json()) as typeof fee).fee.delivery).toBe(false);
    fake.unserved.clear();
    const missing = await call(`/services/shipment/fee?${new URLSearchParams({ province: "x" })}`);
    expect(missing.status).toBe(422);
  });
});

describe("fake GHTK: the state machine and webhooks", () => {
  it("moves along GHTK's path, refuses a backward move unless skipped, and never moves on a shipper's report", async () => {
    const o = fake.seedOrder({ label: "S1.W1.1", partnerId: "W-1", statusId: 2, pickMoney: 150000 });
    await fake.advance(o.label, 12);
    await fake.advance(o.label, 123);
    expect(o.statusId).toBe(12);
    await fake.advance(o.label, 3);
    await expect(fake.advance(o.label, 2)).rejects.toThrow(/cannot go/);
    await fake.advance(o.label, 5, { skip: true });
    expect(o.history.map((h) => h.statusId)).toEqual([2, 12, 3, 5]);
    expect(received.map((r) => new URLSearchParams(r.body).get("status_id"))).toEqual(["12", "123", "3", "5"]);
    expect(new URLSearchParams(received[3]!.body).get("pick_money")).toBe("150000");
  });

  it("retries a webhook once on a non-200, and no more", async () => {
    const o = fake.seedOrder({ label: "S1.W2.1", statusId: 2 });
    hookStatus = 500;
    await fake.advance(o.label, 12);
    expect(received).toHaveLength(2);
    expect(fake.webhooks.at(-1)!.attempts).toEqual([500, 500]);
  });

  it("holds webhooks and flushes them out of order, resends late ones, duplicates, and sends any body", async () => {
    const o = fake.seedOrder({ label: "S1.W3.1", statusId: 3 });
    await fake.advance(o.label, 4, { hold: true });
    await fake.advance(o.label, 5, { hold: true });
    expect(received).toHaveLength(0);
    await fake.flushWebhooks({ reverse: true });
    expect(received.map((r) => new URLSearchParams(r.body).get("status_id"))).toEqual(["5", "4"]);
    await fake.resend(fake.webhooks.length - 1);
    await fake.advance(o.label, 6, { duplicate: true, partial: true });
    expect(received.map((r) => new URLSearchParams(r.body).get("status_id"))).toEqual(["5", "4", "4", "6", "6"]);
    expect(new URLSearchParams(received[4]!.body).get("return_part_package")).toBe("1");
    await fake.sendWebhook("label_id=S9.NO.1&status_id=5");
    expect(received.at(-1)!.body).toBe("label_id=S9.NO.1&status_id=5");
  });

  it("can be driven over its admin routes", async () => {
    const o = fake.seedOrder({ label: "S1.W4.1", statusId: 2 });
    await fetch(`${fake.url}/_admin/advance`, { method: "POST", body: JSON.stringify({ label: o.label, status_id: 12 }) });
    expect(o.statusId).toBe(12);
    await fetch(`${fake.url}/_admin/faults`, { method: "POST", body: JSON.stringify({ kind: "429" }) });
    expect((await call("/services/authenticated")).status).toBe(429);
  });
});

describe("fake GHTK: faults", () => {
  it("injects 500, 503, HTML, 429, 30610, 30607 and an expired token, each once", async () => {
    const expectations: [Parameters<FakeGhtk["faults"]["inject"]>[0]["fault"]["kind"], number, string][] = [
      ["http-500", 500, "application/json"],
      ["http-503", 503, "text/html"],
      ["html", 200, "text/html"],
      ["429", 429, "text/plain"],
      ["route-suspended", 200, "application/json"],
      ["cod-limit", 400, "application/json"],
      ["expired-token", 401, "application/json"],
    ];
    for (const [kind, status, type] of expectations) {
      const f = fake.faults.inject({ path: "/services/shipment/fee", fault: { kind } });
      const res = await call(`/services/shipment/fee?${new URLSearchParams(GHTK_T5_QUERY)}`);
      expect([kind, res.status]).toEqual([kind, status]);
      expect(res.headers.get("content-type")).toContain(type);
      await res.text();
      expect(f.hits).toBe(1);
      expect((await call(`/services/shipment/fee?${new URLSearchParams(GHTK_T5_QUERY)}`)).status).toBe(200);
    }
  });

  it("hangs until the caller gives up, and loses an answer after doing the work", async () => {
    fake.faults.inject({ fault: { kind: "timeout" } });
    await expect(call("/services/authenticated", { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    fake.faults.inject({ path: "/services/shipment/order", fault: { kind: "lost-answer" } });
    await expect(postJson("/services/shipment/order/?ver=1.5", order("CC-LOST"))).rejects.toThrow();
    expect([...fake.orders.values()].filter((o) => o.partnerId === "CC-LOST")).toHaveLength(1);
    expect((await call("/services/authenticated")).status).toBe(200);
  });

  it("refuses everything once the token expired", async () => {
    const other = await startFakeGhtk();
    other.expireToken();
    const res = await fetch(`${other.url}/services/authenticated`, { headers: { Token: other.token } });
    expect(res.status).toBe(401);
    await other.close();
  });
});
