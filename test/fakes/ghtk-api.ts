/**
 * A local fake of GHTK's API (Giao Hàng Tiết Kiệm) for tests: CARRIERS.md §2 and §6 "GHTK fake".
 *
 * A Hono app served on a 127.0.0.1 port (`url` is the API root to give the client). It answers
 * `/services/authenticated`, `GET /services/shipment/fee`, `POST /services/shipment/order` (JSON and
 * form bodies), `GET /services/shipment/v2/:id`, `POST /services/shipment/cancel/:id` (a label or
 * `partner_id:<id>`), `GET /services/label/:id` (a small valid PDF, or JSON 40102),
 * `GET /services/address/getAddressLevel4` and `GET /services/shipment/list_pick_add`, with GHTK's
 * envelope `{ success, message, … }` — refusals sometimes with HTTP 200 (30610, cancel's 5010x).
 *
 * Checks: the `Token` header (401 20101); §2.4's create rules, 30302 for wards flagged as needing a
 * hamlet (by default every "Xã …"), `pick_tel ≠ tel`, `note` ≤ 120; a duplicate `order.id` →
 * ORDER_ID_EXIST naming the existing label; cancel only in 1, 2, 12. `advance(label, statusId)`
 * moves an order (its state machine; `skip` lets a test jump) and POSTs the T7-shaped form webhook to
 * the URL given with `setWebhook`, once more on a non-200; the shipper's own ids (123, 127, 128, 45,
 * 49, 410) are sent without moving the order (read back, it still says what GHTK confirmed).
 * Faults: timeouts, 500/503, an HTML body, 429, 200 + success:false 30610, 30607 COD limit, an
 * expired token, an answer lost after the work was done; webhooks held and flushed out of order,
 * resent late, duplicated, sent for an unknown order.
 *
 * State is in memory (one fake per test file); time comes from `now`. Where GHTK's behaviour is not
 * documented the fake picks one reading and says so: ORDER_ID_EXIST and 40102 come with HTTP 200;
 * a missing ward is 30308 and the pickup fields' codes 30204–30208 are assigned in field order;
 * not found on a read is 404 10104; the fee formula is invented (T5's query answers T5's body).
 */
import { serve } from "@hono/node-server";
import type { HttpBindings } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

// ───────────────────────────── the test vectors (CARRIERS.md §4) ─────────────────────────────

/** T5: the fee query (as CARRIERS.md writes it, before URL encoding). */
export const GHTK_T5_QUERY =
  "pick_province=Hà Nội&pick_district=Quận Hai Bà Trưng&province=Hà nội&district=Quận Cầu Giấy&address=P.503 tòa nhà Auu Việt, số 1 Lê Đức Thọ&weight=1000&value=3000000&transport=fly&deliver_option=xteam&tags[]=1&tags[]=7";
/** T5: its real answer (`options{…}` omitted, as in CARRIERS.md). */
export const GHTK_T5_RESPONSE =
  '{"success":true,"message":"","fee":{"name":"area1","fee":78500,"insurance_fee":15000,"include_vat":0,"cost_id":0,"delivery_type":"","a":1,"dt":"local","extFees":[{"display":"(+1.000 đ)","title":"Phụ phí đơn hàng dễ vỡ","amount":1000,"type":"fragile","tag_id":1},{"display":"(+2.000 đ)","title":"Phụ phí hàng nông sản/thực phẩm khô","amount":2000,"type":"food","tag_id":7}],"promotion_key":"","delivery":true,"ship_fee_only":60500,"distance":11.262}}';
/** T6: the create request. */
export const GHTK_T6_REQUEST =
  '{"products":[{"name":"bút","weight":0.1,"quantity":1,"product_code":1},{"name":"tẩy","weight":0.2,"quantity":1,"product_code":2}],"order":{"id":"1","pick_name":"HCM-nội thành","pick_address":"590 CMT8 P.11","pick_province":"TP. Hồ Chí Minh","pick_district":"Quận 3","pick_ward":"Phường 1","pick_tel":"0982213854","tel":"0987654321","name":"GHTK - HCM - Noi Thanh","address":"123 nguyễn chí thanh","province":"TP. Hồ Chí Minh","district":"Quận 1","ward":"Phường Bến Nghé","hamlet":"Khác","is_freeship":"1","pick_date":"2016-09-30","pick_money":47000,"value":3000000,"transport":"fly"}}';
/** T6: the real success body of §2.4 (its line breaks are only the document's). */
export const GHTK_T6_RESPONSE =
  '{"success":true,"message":"","order":{"partner_id":"1","label":"S22749126.SGP39-J31.1375835526","area":1,"fee":37000,"insurance_fee":15000,"estimated_pick_time":"Sáng 2024-11-26","estimated_deliver_time":"Chiều 2024-11-27","products":[],"status_id":2,"tracking_id":1375835526,"sorting_code":"SGP39-J31","date_to_delay_pick":"2024-11-26 00:00:00","pick_work_shift":1,"date_to_delay_deliver":"2024-11-27 00:00:00","deliver_work_shift":2,"pkg_draft_id":0,"is_xfast":0}}';
/** T7: the webhook's form body. */
export const GHTK_T7_BODY =
  "label_id=S1.A1.17373471&partner_id=1234567&action_time=2016-11-02T12:18:39+07:00&status_id=5&reason_code=&reason=&weight=2.4&fee=1500&return_part_package=0";

// ───────────────────────────── public types ─────────────────────────────

export interface FakeGhtkOptions {
  /** Epoch ms for order times, webhook action_time and estimates (default Date.now). */
  now?: () => number;
  /** The API token the fake accepts (default a random one). */
  token?: string;
  /** COD above this → 400 30607 (GHTK publishes no limit; default 20,000,000). */
  codLimit?: number;
  /** Declared value above this → 400 30608 (default 20,000,000). */
  valueLimit?: number;
  /** Heavier parcels → 400 30603 (default 20,000 g). */
  maxWeightGrams?: number;
  /** Wards whose addresses need a hamlet (30302 without one); default every "Xã …". */
  hamletRequired?: (place: { province: string; district: string; ward: string }) => boolean;
  /** Wait before the one webhook retry (default 20 ms). */
  webhookRetryDelayMs?: number;
}

export type GhtkFault =
  | { kind: "timeout" }
  | { kind: "http-500" }
  | { kind: "http-503" }
  | { kind: "html" }
  | { kind: "429" }
  | { kind: "route-suspended" }
  | { kind: "cod-limit" }
  | { kind: "expired-token" }
  /** The request is handled (an order is made) and the connection dropped before the answer. */
  | { kind: "lost-answer" };

export interface GhtkInjectOptions {
  /** A path prefix after the root ("/services/shipment/order"); default every /services path. */
  path?: string;
  /** How many matching calls it hits (default 1; Infinity for all). */
  times?: number;
  fault: GhtkFault;
}

export interface GhtkFaults {
  inject(opts: GhtkInjectOptions): { readonly hits: number; cancel(): void };
  clear(): void;
}

export interface GhtkCallRecord {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  token: string | undefined;
  clientSource: string | undefined;
  at: number;
  /** HTTP status answered (undefined when nothing was answered). */
  status?: number;
  /** GHTK's error code in the answer, if any. */
  errorCode?: string;
  fault?: GhtkFault["kind"];
}

export interface GhtkFakeOrder {
  label: string;
  partnerId: string;
  statusId: number;
  created: number;
  modified: number;
  trackingId: number;
  name: string;
  tel: string;
  address: string;
  province: string;
  district: string;
  ward: string;
  street?: string;
  hamlet?: string;
  pickName: string;
  pickTel: string;
  pickAddress: string;
  pickProvince: string;
  pickDistrict: string;
  pickWard?: string;
  pickMoney: number;
  shipMoney: number;
  insurance: number;
  value: number;
  weightGrams: number;
  isFreeship: 0 | 1;
  note: string;
  products: { name: string; weight: number; quantity: number; price?: number; product_code?: unknown }[];
  history: { statusId: number; at: number }[];
}

export interface GhtkWebhookDelivery {
  url: string;
  body: string;
  /** One HTTP status per attempt ("error" when the POST failed). */
  attempts: (number | "error")[];
}

export interface GhtkAdvanceOptions {
  reasonCode?: string;
  reason?: string;
  /** return_part_package=1. */
  partial?: boolean;
  /** Allow a move the state machine does not (skipped statuses, a late jump). */
  skip?: boolean;
  /** Keep the webhook; `flushWebhooks` sends it later (out of order, late). */
  hold?: boolean;
  /** Send the webhook twice. */
  duplicate?: boolean;
}

export interface FakeGhtk {
  /** The API root to give the client. */
  url: string;
  token: string;
  calls: GhtkCallRecord[];
  webhooks: GhtkWebhookDelivery[];
  orders: Map<string, GhtkFakeOrder>;
  faults: GhtkFaults;
  /** Folded ward or district names GHTK does not deliver to (fee answers `delivery:false`). */
  unserved: Set<string>;
  setWebhook(url: string): void;
  /** Moves an order to a status and posts its webhook (retried once on non-200). */
  advance(label: string, statusId: number, opts?: GhtkAdvanceOptions): Promise<void>;
  /** The webhook body the fake would send for an order now (T7's shape). */
  webhookBody(label: string, statusId?: number, opts?: Pick<GhtkAdvanceOptions, "reasonCode" | "reason" | "partial">): string;
  /** Posts held webhooks (in reverse with `reverse`, i.e. out of order). */
  flushWebhooks(opts?: { reverse?: boolean }): Promise<void>;
  /** Posts a webhook that was already sent once more (a late duplicate). */
  resend(index: number): Promise<void>;
  /** Posts any body (e.g. for an unknown order). */
  sendWebhook(body: string): Promise<void>;
  seedOrder(init: Partial<GhtkFakeOrder> & { label: string }): GhtkFakeOrder;
  /** The answer for fee queries containing every pair of `match` (all queries when omitted). */
  seedFee(body: string, match?: string): void;
  /** The exact answer to give when an order with this id is created (T6). */
  seedCreate(orderId: string, body: string): void;
  seedHamlets(ward: string, hamlets: string[]): void;
  seedPickAddresses(list: { pick_address_id: string; address: string; pick_tel: string; pick_name: string }[]): void;
  /** From now on the token is refused (401 20101), as an expired one is. */
  expireToken(): void;
  close(): Promise<void>;
}

// ───────────────────────────── helpers ─────────────────────────────

const SHIPPER_IDS = new Set([123, 127, 128, 45, 49, 410]);
const TERMINAL = new Set([-1, 6, 11, 13]);
/** Which confirmed status may follow which (`skip` bypasses it). */
const NEXT: Record<number, number[]> = {
  1: [2, 12, 8, 7, -1],
  2: [12, 8, 7, 3, -1],
  12: [3, 8, 7, -1],
  8: [12, 3, 7, -1],
  7: [12, 3, -1],
  3: [4, 20, 13],
  4: [5, 9, 10, 13],
  10: [4, 5, 9],
  9: [4, 10, 20],
  5: [6],
  20: [21, 13],
  21: [11],
};
const STATUS_TEXT: Record<number, string> = {
  [-1]: "Hủy đơn hàng",
  1: "Chưa tiếp nhận",
  2: "Đã tiếp nhận",
  3: "Đã lấy hàng/Đã nhập kho",
  4: "Đã điều phối giao hàng/Đang giao hàng",
  5: "Đã giao hàng/Chưa đối soát",
  6: "Đã đối soát",
  7: "Không lấy được hàng",
  8: "Hoãn lấy hàng",
  9: "Không giao được hàng",
  10: "Delay giao hàng",
  11: "Đã đối soát công nợ trả hàng",
  12: "Đã điều phối lấy hàng/Đang lấy hàng",
  13: "Đơn hàng bồi hoàn",
  20: "Đang trả hàng",
  21: "Đã trả hàng",
};

/** A name folded for comparison: no diacritics, no "Tỉnh/Thành phố/Quận/Huyện/Xã/Phường" prefix. */
export function foldPlace(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/^(tinh|thanh pho|tp\.?|quan|huyen|thi xa|thi tran|phuong|xa|dac khu)\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

const vnTime = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 19);
const vnDate = (ms: number) => vnTime(ms).slice(0, 10);
/** "2016-11-02T12:18:39+07:00". */
const isoVn = (ms: number) => `${vnTime(ms)}+07:00`;
/** "2016-11-02 12:18:39" (GHTK's order reads). */
const plainVn = (ms: number) => vnTime(ms).replace("T", " ");

/** Form encoding as the docs' T7 sample writes it: ':' and '+' left raw. */
function formEncode(pairs: [string, string][]): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%3A/g, ":").replace(/%2B/g, "+");
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}

/** `order[id]=1&products[0][name]=x&tags[]=1` → nested objects and arrays (PHP style). */
export function parseNestedForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!m) continue;
    const parts = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)];
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(parts[i + 1]!);
      if (Array.isArray(node)) {
        const idx = part === "" ? node.length : Number(part);
        if (last) node[idx] = value;
        else node = (node[idx] ??= nextIsIndex ? [] : {}) as Record<string, unknown> | unknown[];
      } else {
        if (last) node[part] = value;
        else node = (node[part] ??= nextIsIndex ? [] : {}) as Record<string, unknown> | unknown[];
      }
    }
  }
  return root;
}

/** A small valid one-page A5 PDF showing the label. */
export function labelPdf(label: string): Uint8Array {
  const safe = label.replace(/[^\x20-\x7e]/g, "?").replace(/([()\\])/g, "\\$1");
  const content = `BT /F1 16 Tf 40 540 Td (GHTK ${safe}) Tj ET`;
  const objects = [
    "<</Type/Catalog/Pages 2 0 R>>",
    "<</Type/Pages/Kids[3 0 R]/Count 1>>",
    "<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 595]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
    `<</Length ${content.length}>>\nstream\n${content}\nendstream`,
    "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

class Refuse {
  constructor(
    readonly http: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const txt = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v).trim() : "");

/** Fee (invented, deterministic): by area and weight, plus 0.5 % insurance above 1,000,000. */
function priceOf(pick: { province: string; district: string }, to: { province: string; district: string }, grams: number, value: number) {
  const sameProvince = foldPlace(pick.province) === foldPlace(to.province);
  const area = sameProvince ? (foldPlace(pick.district) === foldPlace(to.district) ? 1 : 2) : 3;
  const base = [0, 22_000, 30_000, 35_000][area]!;
  const ship = base + Math.max(0, Math.ceil((grams - 500) / 500)) * 5_000;
  const insurance = value > 1_000_000 ? Math.round(value * 0.005) : 0;
  return { area, ship, insurance };
}

// ───────────────────────────── the fake ─────────────────────────────

export async function startFakeGhtk(opts: FakeGhtkOptions = {}): Promise<FakeGhtk> {
  const now = opts.now ?? Date.now;
  const token = opts.token ?? `ghtk-${randomBytes(12).toString("hex")}`;
  const codLimit = opts.codLimit ?? 20_000_000;
  const valueLimit = opts.valueLimit ?? 20_000_000;
  const maxWeight = opts.maxWeightGrams ?? 20_000;
  const hamletRequired = opts.hamletRequired ?? ((p) => /^xã\s/i.test(p.ward.normalize("NFC").trim()));
  const retryDelay = opts.webhookRetryDelayMs ?? 20;

  let tokenExpired = false;
  let webhookUrl: string | undefined;
  let nextTracking = 1_000_000_001;
  const orders = new Map<string, GhtkFakeOrder>();
  const calls: GhtkCallRecord[] = [];
  const webhooks: GhtkWebhookDelivery[] = [];
  const held: string[] = [];
  const unserved = new Set<string>();
  // T5's query (exactly it, no more parameters) answers T5's body.
  const feeSeeds: { match: [string, string][] | null; exact: boolean; body: string }[] = [{ match: [...new URLSearchParams(GHTK_T5_QUERY)], exact: true, body: GHTK_T5_RESPONSE }];
  const createSeeds = new Map<string, string>();
  const hamlets = new Map<string, string[]>();
  let pickAddresses: { pick_address_id: string; address: string; pick_tel: string; pick_name: string }[] = [];
  const injected: { path: string; left: number; hits: number; fault: GhtkFault }[] = [];
  const pending = new Set<Promise<unknown>>();
  const hanging = new Set<() => void>();

  const byRef = (ref: string): GhtkFakeOrder | undefined => {
    const id = decodeURIComponent(ref);
    if (id.startsWith("partner_id:")) {
      const partner = id.slice("partner_id:".length);
      return [...orders.values()].find((o) => o.partnerId === partner);
    }
    return orders.get(id);
  };

  // ── webhooks ──
  async function postOnce(url: string, body: string): Promise<number | "error"> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
        signal: AbortSignal.timeout(5_000),
      });
      await res.body?.cancel().catch(() => undefined);
      return res.status;
    } catch {
      return "error";
    }
  }
  async function deliver(body: string): Promise<void> {
    if (!webhookUrl) return;
    const record: GhtkWebhookDelivery = { url: webhookUrl, body, attempts: [] };
    webhooks.push(record);
    const first = await postOnce(record.url, body);
    record.attempts.push(first);
    if (first === 200) return;
    // GHTK's 2025 docs: one more try when the answer was not 200.
    await new Promise((r) => setTimeout(r, retryDelay));
    record.attempts.push(await postOnce(record.url, body));
  }
  function track<T>(p: Promise<T>): Promise<T> {
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  }

  function webhookBody(label: string, statusId?: number, o: Pick<GhtkAdvanceOptions, "reasonCode" | "reason" | "partial"> = {}): string {
    const order = orders.get(label);
    if (!order) throw new Error(`fake GHTK: no order ${label}`);
    const pairs: [string, string][] = [
      ["label_id", order.label],
      ["partner_id", order.partnerId],
      ["action_time", isoVn(now())],
      ["status_id", String(statusId ?? order.statusId)],
      ["reason_code", o.reasonCode ?? ""],
      ["reason", o.reason ?? ""],
      ["weight", String(order.weightGrams / 1000)],
      ["fee", String(order.shipMoney + order.insurance)],
    ];
    // T7 (a prepaid parcel) has no pick_money; a COD parcel's webhook names it (§2.6's field list).
    if (order.pickMoney > 0) pairs.push(["pick_money", String(order.pickMoney)]);
    pairs.push(["return_part_package", o.partial ? "1" : "0"]);
    return formEncode(pairs);
  }

  async function advance(label: string, statusId: number, o: GhtkAdvanceOptions = {}): Promise<void> {
    const order = orders.get(label);
    if (!order) throw new Error(`fake GHTK: no order ${label}`);
    if (!SHIPPER_IDS.has(statusId)) {
      if (!(statusId in STATUS_TEXT)) throw new Error(`fake GHTK: no status ${statusId}`);
      if (!o.skip && (TERMINAL.has(order.statusId) || !(NEXT[order.statusId] ?? []).includes(statusId))) {
        throw new Error(`fake GHTK: ${label} cannot go from ${order.statusId} to ${statusId}`);
      }
      order.statusId = statusId;
      order.modified = now();
      order.history.push({ statusId, at: order.modified });
    }
    const body = webhookBody(label, statusId, o);
    if (o.hold) {
      held.push(body);
      return;
    }
    await track(deliver(body));
    if (o.duplicate) await track(deliver(body));
  }

  function seedOrder(init: Partial<GhtkFakeOrder> & { label: string }): GhtkFakeOrder {
    const at = now();
    const order: GhtkFakeOrder = {
      partnerId: init.label,
      statusId: 2,
      created: at,
      modified: at,
      trackingId: nextTracking++,
      name: "Người nhận",
      tel: "0912345678",
      address: "Khác",
      province: "Tỉnh Lai Châu",
      district: "Huyện Than Uyên",
      ward: "Xã Mường Than",
      pickName: "Shop",
      pickTel: "0987000111",
      pickAddress: "1 Trần Hưng Đạo",
      pickProvince: "Thành phố Hà Nội",
      pickDistrict: "Quận Hoàn Kiếm",
      pickMoney: 0,
      shipMoney: 30_000,
      insurance: 0,
      value: 100_000,
      weightGrams: 500,
      isFreeship: 1,
      note: "",
      products: [],
      history: [],
      ...init,
    };
    if (order.history.length === 0) order.history.push({ statusId: order.statusId, at });
    orders.set(order.label, order);
    return order;
  }

  // ── create ──
  function validate(body: Record<string, unknown>) {
    const order = body.order as Record<string, unknown> | undefined;
    if (!order || typeof order !== "object") throw new Refuse(422, "30101", "Thiếu thông tin đơn hàng (order).");
    const id = txt(order.id);
    if (!id) throw new Refuse(422, "30101", "Thiếu mã đơn hàng (order.id).");
    if (id.length >= 250) throw new Refuse(422, "30102", "Mã đơn hàng quá dài.");
    return { order, id };
  }

  function checkOrder(body: Record<string, unknown>, order: Record<string, unknown>) {
    const products = Array.isArray(body.products) ? (body.products as Record<string, unknown>[]) : [];
    const gram = txt(order.weight_option) === "gram";
    const toGrams = (w: number) => (gram ? w : w * 1000);
    if (order.transport !== undefined && !["road", "fly"].includes(txt(order.transport))) throw new Refuse(422, "30104", "Phương thức vận chuyển không hợp lệ.");
    const total = num(order.total_weight);
    if (products.length === 0 && total === undefined) throw new Refuse(422, "30103", "Thiếu khối lượng.");
    let grams = 0;
    for (const p of products) {
      const w = num(p.weight);
      const q = p.quantity === undefined ? 1 : num(p.quantity);
      if (w === undefined) throw new Refuse(422, "30103", "Thiếu khối lượng sản phẩm.");
      if (!(w > 0) || (!gram && w > 1000)) throw new Refuse(422, "30105", "Khối lượng (kg) không hợp lệ.");
      if (q === undefined || !Number.isInteger(q) || q < 1) throw new Refuse(422, "30501", "Số lượng sản phẩm không hợp lệ.");
      grams += toGrams(w) * q;
    }
    if (total !== undefined) {
      if (!(total > 0)) throw new Refuse(422, "30105", "Khối lượng (kg) không hợp lệ.");
      grams = toGrams(total);
    }
    grams = Math.round(grams);
    const freeship = order.is_freeship === undefined ? "0" : txt(order.is_freeship);
    if (freeship !== "0" && freeship !== "1") throw new Refuse(422, "30106", "is_freeship không hợp lệ.");
    if (order.pick_option !== undefined && !["cod", "post"].includes(txt(order.pick_option))) throw new Refuse(422, "30108", "pick_option không hợp lệ.");
    const value = num(order.value);
    if (value === undefined || value <= 0) throw new Refuse(422, "30110", "Giá trị đơn hàng phải lớn hơn 0.");
    const pickTel = txt(order.pick_tel);
    const tel = txt(order.tel);
    if (!order.pick_address_id) {
      const need: [string, string][] = [
        ["pick_name", "30204"],
        ["pick_address", "30205"],
        ["pick_province", "30206"],
        ["pick_district", "30207"],
        ["pick_tel", "30208"],
      ];
      for (const [k, code] of need) if (!txt(order[k])) throw new Refuse(422, code, `Xin hãy gửi trường ${k}.`);
    }
    if (pickTel && pickTel.length < 7) throw new Refuse(422, "30201", "Số điện thoại lấy hàng quá ngắn.");
    if (pickTel && pickTel === tel) throw new Refuse(422, "30202", "Số điện thoại lấy hàng trùng số người nhận.");
    const need: [string, string][] = [
      ["name", "30303"],
      ["address", "30304"],
      ["province", "30305"],
      ["district", "30306"],
      ["tel", "30307"],
      ["ward", "30308"],
    ];
    for (const [k, code] of need) if (!txt(order[k])) throw new Refuse(422, code, `Xin hãy gửi trường ${k}.`);
    if (tel.length < 7) throw new Refuse(422, "30301", "Số điện thoại người nhận quá ngắn.");
    const place = { province: txt(order.province), district: txt(order.district), ward: txt(order.ward) };
    if (!txt(order.hamlet) && hamletRequired(place)) {
      throw new Refuse(422, "30302", `Địa chỉ ${place.ward}, ${place.district}, ${place.province} thiếu thông tin địa chỉ thôn/ấp/xóm/tổ/... Vui lòng cập nhật.`);
    }
    const note = typeof order.note === "string" ? order.note : "";
    if ([...note].length > 120) throw new Refuse(422, "30309", "Ghi chú tối đa 120 ký tự.");
    if (grams > maxWeight) throw new Refuse(400, "30603", "Khối lượng vượt quá giới hạn.");
    const cod = num(order.pick_money);
    if (cod === undefined || cod < 0) throw new Refuse(422, "30209", "Xin hãy gửi trường pick_money.");
    if (cod > codLimit) throw new Refuse(400, "30607", "Số tiền thu hộ vượt quá giới hạn cho phép.");
    if (value > valueLimit) throw new Refuse(400, "30608", "Giá trị khai báo vượt quá giới hạn cho phép.");
    return { grams, value, cod, freeship: freeship === "1" ? 1 : 0, products, note } as const;
  }

  function createOrder(body: Record<string, unknown>): { status: number; text: string } {
    const { order, id } = validate(body);
    const existing = [...orders.values()].find((o) => o.partnerId === id);
    if (existing) {
      return {
        status: 200,
        text: JSON.stringify({
          success: false,
          message: "Mã đơn hàng của bạn đã tồn tại trên hệ thống GHTK",
          error: { code: "ORDER_ID_EXIST", partner_id: id, ghtk_label: existing.label, created: isoVn(existing.created), status: existing.statusId },
        }),
      };
    }
    const c = checkOrder(body, order);
    const pick = { province: txt(order.pick_province), district: txt(order.pick_district) };
    const to = { province: txt(order.province), district: txt(order.district) };
    const price = priceOf(pick, to, c.grams, c.value);
    const at = now();
    const seeded = createSeeds.get(id);
    const seededOrder = seeded ? ((JSON.parse(seeded) as { order: Record<string, unknown> }).order) : undefined;
    const trackingId = seededOrder ? Number(seededOrder.tracking_id) : nextTracking++;
    const sorting = seededOrder ? txt(seededOrder.sorting_code) : `K${price.area}-A${(trackingId % 9) + 1}`;
    const label = seededOrder ? txt(seededOrder.label) : `S1000001.${sorting}.${trackingId}`;
    const stored: GhtkFakeOrder = {
      label,
      partnerId: id,
      statusId: 2,
      created: at,
      modified: at,
      trackingId,
      name: txt(order.name),
      tel: txt(order.tel),
      address: txt(order.address),
      province: to.province,
      district: to.district,
      ward: txt(order.ward),
      ...(txt(order.street) ? { street: txt(order.street) } : {}),
      ...(txt(order.hamlet) ? { hamlet: txt(order.hamlet) } : {}),
      pickName: txt(order.pick_name),
      pickTel: txt(order.pick_tel),
      pickAddress: txt(order.pick_address),
      pickProvince: pick.province,
      pickDistrict: pick.district,
      ...(txt(order.pick_ward) ? { pickWard: txt(order.pick_ward) } : {}),
      pickMoney: c.cod,
      shipMoney: seededOrder ? Number(seededOrder.fee) : price.ship,
      insurance: seededOrder ? Number(seededOrder.insurance_fee) : price.insurance,
      value: c.value,
      weightGrams: c.grams,
      isFreeship: c.freeship,
      note: c.note,
      products: c.products.map((p) => ({ name: txt(p.name), weight: num(p.weight) ?? 0, quantity: num(p.quantity) ?? 1, ...(p.price !== undefined ? { price: num(p.price) ?? 0 } : {}), product_code: p.product_code })),
      history: [{ statusId: 2, at }],
    };
    orders.set(label, stored);
    if (seeded) return { status: 200, text: seeded };
    const day = 86_400_000;
    const deliverDays = price.area === 3 ? 3 : price.area === 2 ? 2 : 1;
    return {
      status: 200,
      text: JSON.stringify({
        success: true,
        message: "",
        order: {
          partner_id: id,
          label,
          area: price.area,
          fee: price.ship,
          insurance_fee: price.insurance,
          estimated_pick_time: `Sáng ${vnDate(at + day)}`,
          estimated_deliver_time: `Chiều ${vnDate(at + (1 + deliverDays) * day)}`,
          products: [],
          status_id: 2,
          tracking_id: trackingId,
          sorting_code: sorting,
          date_to_delay_pick: `${vnDate(at + day)} 00:00:00`,
          pick_work_shift: 1,
          date_to_delay_deliver: `${vnDate(at + (1 + deliverDays) * day)} 00:00:00`,
          deliver_work_shift: 2,
          pkg_draft_id: 0,
          is_xfast: 0,
        },
      }),
    };
  }

  function detailOf(o: GhtkFakeOrder) {
    return {
      label_id: o.label,
      partner_id: o.partnerId,
      status: o.statusId,
      status_text: STATUS_TEXT[o.statusId] ?? "",
      created: plainVn(o.created),
      modified: plainVn(o.modified),
      message: o.note,
      pick_date: vnDate(o.created),
      deliver_date: [5, 6].includes(o.statusId) ? vnDate(o.modified) : "",
      customer_fullname: o.name,
      customer_tel: o.tel,
      address: [o.street, o.hamlet, o.address, o.ward, o.district, o.province].filter(Boolean).join(", "),
      storage_day: 0,
      ship_money: o.shipMoney,
      insurance: o.insurance,
      value: o.value,
      weight: o.weightGrams,
      pick_money: o.pickMoney,
      is_freeship: o.isFreeship,
      products: o.products,
    };
  }

  // ── the app ──
  type Env = { Bindings: HttpBindings };
  const app = new Hono<Env>({ strict: false });
  const json = (c: Context<Env>, status: number, body: unknown) => c.body(JSON.stringify(body), status as 200, { "content-type": "application/json; charset=utf-8" });
  const refuse = (c: Context<Env>, r: Refuse) => json(c, r.http, { success: false, message: r.message, error_code: r.code, log_id: randomBytes(8).toString("hex") });

  // Admin routes (no token), so a fake started outside the test process can be driven over HTTP.
  app.post("/_admin/advance", async (c) => {
    const b = (await c.req.json()) as { label: string; status_id: number } & GhtkAdvanceOptions;
    await advance(b.label, Number(b.status_id), b);
    return c.json({ ok: true });
  });
  app.post("/_admin/faults", async (c) => {
    const b = (await c.req.json()) as { path?: string; times?: number; kind: GhtkFault["kind"] };
    faults.inject({ ...(b.path ? { path: b.path } : {}), ...(b.times ? { times: b.times } : {}), fault: { kind: b.kind } });
    return c.json({ ok: true });
  });
  app.post("/_admin/flush-webhooks", async (c) => {
    await flushWebhooks();
    return c.json({ ok: true });
  });
  app.post("/_admin/webhook", async (c) => {
    webhookUrl = ((await c.req.json()) as { url: string }).url;
    return c.json({ ok: true });
  });

  app.use("/services/*", async (c, next) => {
    const url = new URL(c.req.url);
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const had = query[k];
      query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    let body: unknown;
    if (c.req.method === "POST") {
      const raw = await c.req.text();
      const type = c.req.header("content-type") ?? "";
      if (/json/i.test(type)) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      } else body = raw ? parseNestedForm(raw) : {};
      c.set("parsedBody" as never, body as never);
    }
    const record: GhtkCallRecord = {
      method: c.req.method,
      path: url.pathname,
      query,
      body,
      token: c.req.header("token"),
      clientSource: c.req.header("x-client-source"),
      at: now(),
    };
    calls.push(record);
    const fault = injected.find((f) => f.left > 0 && url.pathname.startsWith(f.path));
    if (fault) {
      fault.left--;
      fault.hits++;
      record.fault = fault.fault.kind;
    }
    const kind = fault?.fault.kind;
    const answer = (res: Response) => {
      record.status = res.status;
      return res;
    };
    switch (kind) {
      case "timeout": {
        // Never answers: the client's own timeout has to end it (close() releases it).
        await new Promise<void>((resolve) => {
          hanging.add(resolve);
          c.env.incoming.socket.once("close", () => resolve());
        });
        c.env.incoming.socket.destroy();
        return c.body(null, 500);
      }
      case "http-500":
        return answer(json(c, 500, { success: false, message: "Lỗi hệ thống", error_code: "10101" }));
      case "http-503":
        return answer(c.html("<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503</h1></center></body></html>", 503));
      case "html":
        return answer(c.html("<!DOCTYPE html><html><body><p>Bảo trì hệ thống</p></body></html>", 200));
      case "429":
        return answer(c.text("Too Many Requests", 429));
      case "route-suspended":
        record.errorCode = "30610";
        return answer(json(c, 200, { success: false, message: "Tuyến giao đến khu vực này đang tạm ngưng nhận đơn", error_code: "30610" }));
      case "cod-limit":
        record.errorCode = "30607";
        return answer(json(c, 400, { success: false, message: "Số tiền thu hộ vượt quá giới hạn cho phép", error_code: "30607" }));
      case "expired-token":
        record.errorCode = "20101";
        return answer(json(c, 401, { success: false, message: "Cần cung cấp token hợp lệ", error_code: "20101" }));
    }
    if (tokenExpired || record.token !== token) {
      record.errorCode = "20101";
      return answer(json(c, 401, { success: false, message: "Cần cung cấp token hợp lệ", error_code: "20101" }));
    }
    await next();
    record.status = c.res.status;
    try {
      const b = (await c.res.clone().json()) as { error_code?: unknown; error?: { code?: unknown } };
      const code = b.error_code ?? b.error?.code;
      if (code !== undefined) record.errorCode = String(code);
    } catch {
      // not JSON (a PDF)
    }
    if (kind === "lost-answer") {
      // The work is done, the answer never arrives.
      record.status = undefined;
      c.env.incoming.socket.destroy();
    }
  });

  app.get("/services/authenticated", (c) => json(c, 200, { success: true, message: "Token hợp lệ" }));

  app.get("/services/shipment/fee", (c) => {
    const params = [...new URL(c.req.url).searchParams];
    const has = (k: string, v: string) => params.some(([pk, pv]) => pk === k && pv === v);
    for (let i = feeSeeds.length - 1; i >= 0; i--) {
      const seed = feeSeeds[i]!;
      if (!seed.match || (seed.match.every(([k, v]) => has(k, v)) && (!seed.exact || seed.match.length === params.length))) {
        return c.body(seed.body, 200, { "content-type": "application/json; charset=utf-8" });
      }
    }
    const q = (k: string) => new URL(c.req.url).searchParams.get(k)?.trim() ?? "";
    if (!c.req.query("pick_address_id")) {
      for (const k of ["pick_province", "pick_district"]) if (!q(k)) return json(c, 422, { success: false, message: `Xin hãy gửi trường ${k}.` });
    }
    for (const k of ["province", "district", "weight"]) if (!q(k)) return json(c, 422, { success: false, message: `Xin hãy gửi trường ${k}.` });
    const grams = Number(q("weight"));
    if (!(grams > 0)) return json(c, 422, { success: false, message: "Khối lượng không hợp lệ." });
    const to = { province: q("province"), district: q("district"), ward: q("ward") };
    const delivery = !unserved.has(foldPlace(to.district)) && !(to.ward && unserved.has(foldPlace(to.ward)));
    const price = priceOf({ province: q("pick_province"), district: q("pick_district") }, to, grams, Number(q("value")) || 0);
    return json(c, 200, {
      success: true,
      message: "",
      fee: {
        name: `area${price.area}`,
        fee: price.ship + price.insurance,
        insurance_fee: price.insurance,
        include_vat: 0,
        cost_id: 0,
        delivery_type: "",
        a: price.area,
        dt: price.area === 1 ? "local" : "region",
        extFees: [],
        promotion_key: "",
        delivery,
        ship_fee_only: price.ship,
        distance: 0,
      },
    });
  });

  app.post("/services/shipment/order", (c) => {
    const body = c.get("parsedBody" as never) as unknown;
    if (!body || typeof body !== "object") return refuse(c, new Refuse(422, "30101", "Thiếu thông tin đơn hàng (order)."));
    try {
      const r = createOrder(body as Record<string, unknown>);
      return c.body(r.text, r.status as 200, { "content-type": "application/json; charset=utf-8" });
    } catch (e) {
      if (e instanceof Refuse) return refuse(c, e);
      throw e;
    }
  });

  app.get("/services/shipment/v2/:id", (c) => {
    const o = byRef(c.req.param("id"));
    if (!o) return json(c, 404, { success: false, message: "Không tìm thấy đơn hàng", error_code: "10104" });
    return json(c, 200, { success: true, message: "", order: detailOf(o) });
  });

  app.post("/services/shipment/cancel/:id", (c) => {
    const o = byRef(c.req.param("id"));
    if (!o) return json(c, 400, { success: false, message: "Không tìm thấy đơn hàng", error_code: "50109" });
    if ([1, 2, 12].includes(o.statusId)) {
      o.statusId = -1;
      o.modified = now();
      o.history.push({ statusId: -1, at: o.modified });
      void track(deliver(webhookBody(o.label, -1, { reasonCode: "115", reason: "Đối tác hủy đơn qua API" })));
      return json(c, 200, { success: true, message: `ĐÃ GỬI YÊU CẦU HỦY ĐƠN HÀNG ${o.label}`, log_id: randomBytes(8).toString("hex") });
    }
    const code =
      o.statusId === -1 ? "50101" : [4, 9, 10].includes(o.statusId) ? "50103" : o.statusId === 5 ? "50104" : [6, 11].includes(o.statusId) ? "50105" : [7, 8].includes(o.statusId) ? "50106" : "50102";
    const words: Record<string, string> = {
      "50101": "Đơn hàng đã bị hủy",
      "50102": "Đơn hàng đã lấy, không thể hủy",
      "50103": "Đơn hàng đang giao, không thể hủy",
      "50104": "Đơn hàng đã giao, không thể hủy",
      "50105": "Đơn hàng đã đối soát, không thể hủy",
      "50106": "Đơn hàng đang lấy, không thể hủy",
    };
    return json(c, 200, { success: false, message: words[code], error_code: code, log_id: randomBytes(8).toString("hex") });
  });

  app.get("/services/label/:id", (c) => {
    const o = byRef(c.req.param("id"));
    if (!o) return json(c, 200, { success: false, message: "Mã vận đơn không hợp lệ, không tìm thấy vận đơn", error_code: "40102" });
    return c.body(labelPdf(o.label) as unknown as ArrayBuffer, 200, { "content-type": "application/pdf" });
  });

  app.get("/services/address/getAddressLevel4", (c) => {
    const ward = c.req.query("ward_street") ?? "";
    for (const k of ["province", "district", "ward_street"]) if (!c.req.query(k)) return json(c, 422, { success: false, message: `Xin hãy gửi trường ${k}.` });
    return json(c, 200, { success: true, data: [...(hamlets.get(foldPlace(ward)) ?? []), "Khác"] });
  });

  app.get("/services/shipment/list_pick_add", (c) => json(c, 200, { success: true, data: pickAddresses }));

  app.notFound((c) => json(c, 404, { success: false, message: "Not found", error_code: "10104" }));

  const faults: GhtkFaults = {
    inject(o) {
      const f = { path: o.path ?? "/services", left: o.times ?? 1, hits: 0, fault: o.fault };
      injected.push(f);
      return {
        get hits() {
          return f.hits;
        },
        cancel() {
          f.left = 0;
        },
      };
    },
    clear() {
      injected.length = 0;
    },
  };

  async function flushWebhooks(o: { reverse?: boolean } = {}): Promise<void> {
    const bodies = held.splice(0, held.length);
    if (o.reverse) bodies.reverse();
    for (const b of bodies) await track(deliver(b));
  }

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server)) as Server;
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    webhooks,
    orders,
    faults,
    unserved,
    setWebhook(url) {
      webhookUrl = url;
    },
    advance,
    webhookBody,
    flushWebhooks,
    async resend(index) {
      const w = webhooks[index];
      if (!w) throw new Error(`fake GHTK: no webhook #${index}`);
      await track(deliver(w.body));
    },
    async sendWebhook(body) {
      await track(deliver(body));
    },
    seedOrder,
    seedFee(body, match) {
      feeSeeds.push({ match: match === undefined ? null : [...new URLSearchParams(match)], exact: false, body });
    },
    seedCreate(orderId, body) {
      createSeeds.set(orderId, body);
    },
    seedHamlets(ward, list) {
      hamlets.set(foldPlace(ward), list);
    },
    seedPickAddresses(list) {
      pickAddresses = list;
    },
    expireToken() {
      tokenExpired = true;
    },
    async close() {
      for (const release of hanging) release();
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
