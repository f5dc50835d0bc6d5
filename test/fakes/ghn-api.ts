/**
 * A local fake of GHN's public API (CARRIERS.md §1 and §6), for tests: a Hono app served on a
 * loopback port, under `/shiip/public-api` (give the client `url`), plus the A5 print page at
 * `/a5/public-api/printA5` on the same origin, as GHN has it.
 *
 * - Master data seeded deterministically from the old (pre-2025) units of src/domain/address, as
 *   GHN's own lists still are: ProvinceName without "Tỉnh"/"Thành phố", GSO district and ward names,
 *   NameExtension variants ("Si Ma Cai", "H. Si Ma Cai", "simacai"). The ids are invented and stable
 *   (ProvinceID 300 + GSO code, DistrictID 4000 + GSO code, WardCode "8" + GSO code), except the real
 *   values CARRIERS.md records: provinces 201 Hà Nội, 202 Hồ Chí Minh, 269 Lào Cai; districts 1490
 *   Quận Hoàng Mai (its 7th ward 1A0807), 2264 Huyện Si Ma Cai (90816 Thị Trấn Si Ma Cai), 3695 TP
 *   Thủ Đức (90768 Phường An Khánh), 1442 Quận 1 (its 7th ward 20107), and the test vectors' 1452 /
 *   1454 (invented as Quận 10 with 21012 = Phường 12, and Quận 12 with its 11th ward 21211).
 * - Fee: invented, deterministic, on calculate_weight = max(weight, L·W·H/5) (type 5: per item).
 * - Create checks Token, ShopId, the ward in its district, enums, limits and a unique client code;
 *   the state machine of §1.7 (cancel only before picked); `advance` moves an order and posts the
 *   T4-shaped webhook to `setWebhook`'s URL, retried up to 10 times on non-200 (GHN: 5 s apart;
 *   here `webhookRetryMs`, 20 ms by default).
 * - Faults: a timeout, 500/503/429, an HTML body, any refusal, TO_ADDRESS_CONVERT_FAIL, an expired
 *   token, a lost answer (the work done, the connection dropped); webhooks duplicated, with the docs'
 *   missing comma, resent late, or posted raw.
 * - Admin routes for a fake driven from outside the test process: POST /_admin/advance
 *   {order_code, status}, POST /_admin/faults {kind, …, path?, times?}, DELETE /_admin/faults,
 *   POST /_admin/flush-webhooks, POST /_admin/webhook {url}.
 * State is in memory (CARRIERS.md §6 says SQLite; one fake lives for one test file, so maps do).
 */
import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server } from "node:http";
import { serve } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { ADMIN_UNITS } from "../../src/domain/address/admin-units";
import { foldText } from "../../src/text/normalize";

export const GHN_ROOT_PATH = "/shiip/public-api";

export interface FakeGhnOptions {
  /** Epoch ms for order times, lead times and webhook times (default Date.now). */
  now?: () => number;
  /** Between webhook retries (GHN: 5 s). */
  webhookRetryMs?: number;
  shopId?: number;
  token?: string;
}

export type GhnFault =
  | { kind: "timeout" }
  | { kind: "http"; status: 500 | 502 | 503 | 429 }
  | { kind: "html" }
  | { kind: "refuse"; status?: number; message: string; codeMessage?: string }
  | { kind: "address-convert-fail" }
  | { kind: "token-expired" }
  | { kind: "lose-answer" };

export interface GhnCall {
  method: string;
  /** Below /shiip/public-api, e.g. "/v2/shipping-order/create". */
  path: string;
  token: string | undefined;
  shopId: string | undefined;
  body: Record<string, unknown>;
  status: number;
  fault?: GhnFault["kind"];
  at: number;
}

export interface GhnWebhookDelivery {
  orderCode: string;
  body: string;
  /** HTTP status of each attempt (0: no answer). */
  attempts: number[];
  delivered: boolean;
}

export interface FakeGhnOrder {
  order_code: string;
  client_order_code: string;
  shop_id: number;
  status: string;
  log: { status: string; updated_date: string }[];
  payment_type_id: number;
  required_note: string;
  service_type_id: number;
  service_id: number;
  from_district_id: number;
  from_ward_code: string;
  to_name: string;
  to_phone: string;
  to_address: string;
  to_district_id: number;
  to_ward_code: string;
  weight: number;
  length: number;
  width: number;
  height: number;
  converted_weight: number;
  calculate_weight: number;
  cod_amount: number;
  insurance_value: number;
  content: string;
  note: string;
  items: Record<string, unknown>[];
  fee: Record<string, number>;
  total_fee: number;
  expected_delivery_time: string;
  sort_code: string;
  warehouse: string;
  is_cod_collected: boolean;
  is_cod_transferred: boolean;
  cod_transfer_date: string | null;
  created_date: string;
  updated_date: string;
  /** The webhook's Fee object, when a test pins it (T4); else built from `fee`. */
  webhookFee?: Record<string, number>;
}

export interface FakeGhn {
  /** The API root to give the client (ends with /shiip/public-api). */
  url: string;
  /** The origin (the A5 print page is here). */
  origin: string;
  token: string;
  shopId: number;
  calls: GhnCall[];
  webhooks: GhnWebhookDelivery[];
  setWebhook(url: string): void;
  /** Moves the order to `status` and posts its webhook (GHN's retries). Throws for an unknown order or a terminal one. */
  advance(orderCode: string, status: string): Promise<void>;
  /** Posts the order's current state as a webhook of `type` (e.g. "create", "update_weight"). */
  notify(orderCode: string, type?: string): Promise<void>;
  /** Posts a past webhook body again (late, replayed, out of order), once. */
  resend(index: number): Promise<number>;
  /** Posts once more each delivery whose retries all failed. */
  flushWebhooks(): Promise<void>;
  /** Posts any body once (a forged or junk webhook); returns the HTTP status. */
  postRaw(body: string, contentType?: string): Promise<number>;
  /** Seeds an order as if created earlier (test vectors); fields missing get defaults. */
  importOrder(order: Partial<FakeGhnOrder> & { order_code: string }): FakeGhnOrder;
  order(orderCode: string): FakeGhnOrder | undefined;
  /** Answer `path` with exactly this `data` (a captured real answer) when the body equals `when` (default any), `times` times (default 1). */
  respondWith(path: string, data: unknown, opts?: { when?: Record<string, unknown>; times?: number }): void;
  faults: {
    /** The next `times` calls to `path` (default any path) answer with the fault. */
    inject(fault: GhnFault, opts?: { path?: string; times?: number }): void;
    clear(): void;
    /** What `advance` / `notify` do to their deliveries. */
    webhook: { duplicates: number; brokenJson: boolean; failFirst: number };
  };
  /** The limits checked on create (CARRIERS.md §1.5: current docs). */
  limits: { weight: number; side: number; cod: number; insurance: number; name: number; content: number; note: number };
  close(): Promise<void>;
}

// ── master data ──

interface Province {
  ProvinceID: number;
  ProvinceName: string;
  Code: string;
  NameExtension: string[];
  Status: number;
}
interface District {
  DistrictID: number;
  ProvinceID: number;
  DistrictName: string;
  Code: string;
  Type: number;
  SupportType: number;
  NameExtension: string[];
  Status: number;
}
interface Ward {
  WardCode: string;
  DistrictID: number;
  WardName: string;
  NameExtension: string[];
  CanUpdateCOD: boolean;
  SupportType: number;
  Status: number;
}

const REAL_PROVINCES: Record<string, number> = { "01": 201, "79": 202, "10": 269 };
// [old province GSO code, district name] → real (or test-vector) DistrictID, and ward codes by position or name.
const REAL_DISTRICTS: { province: string; name: string; id: number; wards: { at?: number; name?: string; code: string; realName?: string }[] }[] = [
  { province: "01", name: "Quận Hoàng Mai", id: 1490, wards: [{ at: 7, code: "1A0807" }] },
  { province: "10", name: "Huyện Si Ma Cai", id: 2264, wards: [{ name: "Thị trấn Si Ma Cai", code: "90816", realName: "Thị Trấn Si Ma Cai" }] },
  { province: "79", name: "Thành phố Thủ Đức", id: 3695, wards: [{ name: "Phường An Khánh", code: "90768" }] },
  { province: "79", name: "Quận 1", id: 1442, wards: [{ at: 7, code: "20107" }] },
  { province: "79", name: "Quận 10", id: 1452, wards: [{ name: "Phường 12", code: "21012" }] },
  { province: "79", name: "Quận 12", id: 1454, wards: [{ at: 11, code: "21211" }] },
];

const TYPE_WORDS: [RegExp, string][] = [
  [/^Thành phố /, "TP. "],
  [/^Thị xã /, "TX. "],
  [/^Thị trấn /, "TT. "],
  [/^Quận /, "Q. "],
  [/^Huyện /, "H. "],
  [/^Phường /, "P. "],
  [/^Xã /, "X. "],
  [/^Tỉnh /, ""],
];

function bareName(name: string): string {
  for (const [re] of TYPE_WORDS) if (re.test(name)) return name.replace(re, "");
  return name;
}

function extensions(name: string): string[] {
  const bare = bareName(name);
  const out = new Set<string>([name, bare, foldText(bare).replace(/\s+/g, "")]);
  for (const [re, abbr] of TYPE_WORDS) if (re.test(name) && abbr) out.add(name.replace(re, abbr));
  return [...out];
}

function seedMasterData() {
  const provinces: Province[] = [];
  const districts: District[] = [];
  const wards: Ward[] = [];
  const provinceId = new Map<string, number>();
  for (const [code, name] of ADMIN_UNITS.old_provinces) {
    const id = REAL_PROVINCES[code] ?? 300 + Number(code);
    provinceId.set(code, id);
    const short = name.replace(/^(Tỉnh|Thành phố) /, "");
    provinces.push({ ProvinceID: id, ProvinceName: short, Code: code, NameExtension: [...new Set([short, name, foldText(short).replace(/\s+/g, ""), ...(code === "79" ? ["TP.HCM", "HCM", "Sài Gòn"] : [])])], Status: 1 });
  }
  const wardsByDistrict = new Map<string, (typeof ADMIN_UNITS.old_wards)[number][]>();
  for (const w of ADMIN_UNITS.old_wards) {
    const list = wardsByDistrict.get(w[2]) ?? [];
    list.push(w);
    wardsByDistrict.set(w[2], list);
  }
  for (const [code, name, provinceCode] of ADMIN_UNITS.old_districts) {
    const real = REAL_DISTRICTS.find((r) => r.province === provinceCode && r.name === name);
    const id = real?.id ?? 4000 + Number(code);
    districts.push({ DistrictID: id, ProvinceID: provinceId.get(provinceCode) ?? 0, DistrictName: name, Code: code, Type: 1, SupportType: 3, NameExtension: extensions(name), Status: 1 });
    (wardsByDistrict.get(code) ?? []).forEach(([wCode, wName], index) => {
      const override = real?.wards.find((o) => o.at === index + 1 || o.name === wName);
      const wardName = override?.realName ?? wName;
      wards.push({ WardCode: override?.code ?? `8${wCode}`, DistrictID: id, WardName: wardName, NameExtension: extensions(wardName), CanUpdateCOD: true, SupportType: 3, Status: 1 });
    });
  }
  return { provinces, districts, wards };
}

// ── statuses (CARRIERS.md §1.7) ──

const DESCRIPTIONS: Record<string, string> = {
  ready_to_pick: "Chờ lấy hàng",
  picking: "Đang lấy hàng",
  money_collect_picking: "Đang tương tác với người gửi",
  picked: "Lấy hàng thành công",
  storing: "Nhập kho",
  transporting: "Đang trung chuyển",
  sorting: "Đang phân loại",
  delivering: "Đang giao hàng",
  money_collect_delivering: "Đang tương tác với người nhận",
  delivered: "Giao hàng thành công",
  delivery_fail: "Giao hàng không thành công",
  waiting_to_return: "Chờ xác nhận giao lại",
  return: "Chuyển hoàn",
  return_transporting: "Đang trung chuyển hàng hoàn",
  return_sorting: "Đang phân loại hàng hoàn",
  returning: "Đang hoàn hàng",
  return_fail: "Hoàn hàng không thành công",
  returned: "Hoàn hàng thành công",
  cancel: "Đơn huỷ",
  exception: "Hàng ngoại lệ",
  lost: "Hàng thất lạc",
  damage: "Hàng hư hỏng",
};
export const GHN_STATUSES = Object.keys(DESCRIPTIONS);
const TERMINAL = new Set(["delivered", "returned", "cancel", "lost", "damage"]);
const BEFORE_PICKED = new Set(["ready_to_pick", "picking", "money_collect_picking"]);

const SERVICES = [
  { service_id: 53321, short_name: "Hàng nhẹ", service_type_id: 2 },
  { service_id: 100039, short_name: "Hàng nặng", service_type_id: 5 },
];

class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly codeMessage = "USER_ERR_COMMON",
  ) {
    super(message);
  }
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );

export async function startFakeGhn(opts: FakeGhnOptions = {}): Promise<FakeGhn> {
  const now = opts.now ?? Date.now;
  const retryMs = opts.webhookRetryMs ?? 20;
  const token = opts.token ?? crypto.randomUUID();
  const shopId = opts.shopId ?? 885;
  const { provinces, districts, wards } = seedMasterData();
  const districtById = new Map(districts.map((d) => [d.DistrictID, d]));
  const wardByCode = new Map(wards.map((w) => [w.WardCode, w]));
  const orders = new Map<string, FakeGhnOrder>();
  const byClientCode = new Map<string, string>();
  const printTokens = new Map<string, string[]>();
  const calls: GhnCall[] = [];
  const webhooks: GhnWebhookDelivery[] = [];
  const canned: { path: string; data: unknown; when?: string; left: number }[] = [];
  let injected: { fault: GhnFault; path?: string; left: number }[] = [];
  const webhookFaults = { duplicates: 0, brokenJson: false, failFirst: 0 };
  const hanging = new Set<() => void>();
  let webhookUrl: string | undefined;
  let seq = 0;
  const limits = { weight: 50_000, side: 200, cod: 50_000_000, insurance: 5_000_000, name: 1024, content: 2000, note: 5000 };
  const iso = (ms = now()) => new Date(ms).toISOString();

  // ── helpers ──
  const num = (b: Record<string, unknown>, k: string): number | undefined => {
    const v = b[k];
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return undefined;
  };
  const str = (b: Record<string, unknown>, k: string): string | undefined => (typeof b[k] === "string" ? (b[k] as string) : typeof b[k] === "number" ? String(b[k]) : undefined);

  function place(districtId: number | undefined, wardCode: string | undefined, side: "from" | "to"): { district: District; ward: Ward } {
    const district = districtId === undefined ? undefined : districtById.get(districtId);
    if (!district) throw new Refused(400, `${side}_district_id không hợp lệ`);
    const ward = wardCode === undefined ? undefined : wardByCode.get(wardCode);
    if (!ward || ward.DistrictID !== district.DistrictID) throw new Refused(400, `${side}_ward_code không thuộc ${side}_district_id`);
    return { district, ward };
  }

  function serviceType(b: Record<string, unknown>): number {
    const typeId = num(b, "service_type_id");
    const serviceId = num(b, "service_id");
    if (typeId !== undefined && typeId !== 0) {
      if (!SERVICES.some((s) => s.service_type_id === typeId)) throw new Refused(400, "service_type_id không hợp lệ");
      return typeId;
    }
    if (serviceId !== undefined && serviceId !== 0) {
      const s = SERVICES.find((x) => x.service_id === serviceId);
      if (!s) throw new Refused(400, "service_id không hợp lệ");
      return s.service_type_id;
    }
    throw new Refused(400, "Cần service_id hoặc service_type_id");
  }

  function weights(b: Record<string, unknown>, typeId: number) {
    const weight = num(b, "weight") ?? 0;
    const [l, w, h] = [num(b, "length") ?? 0, num(b, "width") ?? 0, num(b, "height") ?? 0];
    const converted = Math.round((l * w * h) / 5);
    if (typeId === 5 && Array.isArray(b.items)) {
      let sum = 0;
      for (const it of b.items as Record<string, unknown>[]) {
        const q = num(it, "quantity") ?? 1;
        const iw = num(it, "weight") ?? 0;
        const ic = ((num(it, "length") ?? 0) * (num(it, "width") ?? 0) * (num(it, "height") ?? 0)) / 5;
        sum += Math.max(iw, ic) * q;
      }
      return { weight, converted, calculate: Math.round(Math.max(sum, weight, converted)) };
    }
    return { weight, converted, calculate: Math.max(weight, converted) };
  }

  // The invented price: a base by distance, 2,500/5,000 đ per 500 g above the first 500 g, 0.5 %
  // insurance above 1,000,000 đ, 0.5 % COD fee above 3,000,000 đ.
  function price(b: Record<string, unknown>, fromDistrict: District, toDistrict: District, typeId: number) {
    const { calculate } = weights(b, typeId);
    const same = fromDistrict.ProvinceID === toDistrict.ProvinceID;
    const steps = Math.ceil(Math.max(0, calculate - 500) / 500);
    const main = (same ? 16_500 : 30_000) + steps * (same ? 2_500 : 5_000) + (typeId === 5 ? 20_000 : 0);
    const insuranceValue = num(b, "insurance_value") ?? 0;
    const insurance = insuranceValue > 1_000_000 ? Math.round(insuranceValue * 0.005) : 0;
    const cod = num(b, "cod_value") ?? num(b, "cod_amount") ?? 0;
    const codFee = cod > 3_000_000 ? Math.round(cod * 0.005) : 0;
    return { main, insurance, codFee, total: main + insurance + codFee, calculate };
  }

  function leadtimeFor(fromDistrict: District, toDistrict: District): number {
    const days = fromDistrict.ProvinceID === toDistrict.ProvinceID ? 1 : 3;
    const d = new Date(now() + days * 86_400_000);
    d.setUTCHours(23, 59, 59, 0);
    return Math.floor(d.getTime() / 1000);
  }

  const shopPlace = () => place(1490, "1A0807", "from");

  function fromOf(b: Record<string, unknown>) {
    const d = num(b, "from_district_id");
    return d === undefined ? shopPlace() : place(d, str(b, "from_ward_code"), "from");
  }

  function checkCreate(b: Record<string, unknown>) {
    const payment = num(b, "payment_type_id");
    if (payment !== 1 && payment !== 2) throw new Refused(400, "payment_type_id không hợp lệ");
    const note = str(b, "required_note");
    if (note !== "CHOTHUHANG" && note !== "CHOXEMHANGKHONGTHU" && note !== "KHONGCHOXEMHANG") throw new Refused(400, "required_note không hợp lệ");
    const typeId = serviceType(b);
    for (const k of ["to_name", "to_phone", "to_address"]) {
      const v = str(b, k);
      if (!v) throw new Refused(400, `Thiếu ${k}`);
      if (k !== "to_phone" && [...v].length > limits.name) throw new Refused(400, `${k} quá dài`);
    }
    const to = place(num(b, "to_district_id"), str(b, "to_ward_code"), "to");
    const from = fromOf(b);
    const w = num(b, "weight") ?? 0;
    if (w <= 0 || w > limits.weight) throw new Refused(400, `weight phải từ 1 đến ${limits.weight}`);
    for (const k of ["length", "width", "height"]) if ((num(b, k) ?? 0) > limits.side) throw new Refused(400, `${k} tối đa ${limits.side}`);
    if ((num(b, "cod_amount") ?? 0) > limits.cod || (num(b, "cod_amount") ?? 0) < 0) throw new Refused(400, `cod_amount tối đa ${limits.cod}`);
    if ((num(b, "insurance_value") ?? 0) > limits.insurance) throw new Refused(400, `insurance_value tối đa ${limits.insurance}`);
    if ([...(str(b, "content") ?? "")].length > limits.content) throw new Refused(400, "content quá dài");
    if ([...(str(b, "note") ?? "")].length > limits.note) throw new Refused(400, "note quá dài");
    const items = b.items;
    if (!Array.isArray(items) || items.length === 0 || items.some((i) => !i || typeof i !== "object" || typeof (i as Record<string, unknown>).name !== "string" || !(Number((i as Record<string, unknown>).quantity) >= 1))) {
      throw new Refused(400, "items cần name và quantity");
    }
    const client = str(b, "client_order_code") ?? "";
    if (client.length > 50) throw new Refused(400, "client_order_code quá dài");
    // The duplicate's body is undocumented (CARRIERS.md §1.5): the fake's words.
    if (client && byClientCode.has(client)) throw new Refused(400, `Mã đơn hàng khách hàng đã tồn tại: ${client}`);
    return { typeId, to, from, payment, note, client };
  }

  function feeObject(p: { main: number; insurance: number; codFee: number }) {
    return {
      main_service: p.main,
      insurance: p.insurance,
      cod_fee: p.codFee,
      station_do: 0,
      station_pu: 0,
      return: 0,
      r2s: 0,
      return_again: 0,
      coupon: 0,
      document_return: 0,
      double_check: 0,
      double_check_deliver: 0,
      pick_remote_areas_fee: 0,
      deliver_remote_areas_fee: 0,
      pick_remote_areas_fee_return: 0,
      deliver_remote_areas_fee_return: 0,
      cod_failed_fee: 0,
    };
  }

  function newOrderCode(): string {
    seq++;
    return `G8${(1_000_000 + seq * 7919).toString(36).toUpperCase().padStart(6, "0").slice(-6)}`;
  }

  function createResponse(o: FakeGhnOrder) {
    return {
      order_code: o.order_code,
      sort_code: o.sort_code,
      trans_type: "truck",
      ward_encode: "",
      district_encode: "",
      fee: o.fee,
      total_fee: o.total_fee,
      expected_delivery_time: o.expected_delivery_time,
      operation_partner: "",
    };
  }

  function makeOrder(b: Record<string, unknown>, orderCode?: string): FakeGhnOrder {
    const c = checkCreate(b);
    const p = price(b, c.from.district, c.to.district, c.typeId);
    const w = weights(b, c.typeId);
    const lead = leadtimeFor(c.from.district, c.to.district);
    const at = iso();
    return {
      order_code: orderCode ?? newOrderCode(),
      client_order_code: c.client,
      shop_id: shopId,
      status: "ready_to_pick",
      log: [{ status: "ready_to_pick", updated_date: at }],
      payment_type_id: c.payment,
      required_note: c.note,
      service_type_id: c.typeId,
      service_id: SERVICES.find((s) => s.service_type_id === c.typeId)!.service_id,
      from_district_id: c.from.district.DistrictID,
      from_ward_code: c.from.ward.WardCode,
      to_name: str(b, "to_name")!,
      to_phone: str(b, "to_phone")!,
      to_address: str(b, "to_address")!,
      to_district_id: c.to.district.DistrictID,
      to_ward_code: c.to.ward.WardCode,
      weight: w.weight,
      length: num(b, "length") ?? 0,
      width: num(b, "width") ?? 0,
      height: num(b, "height") ?? 0,
      converted_weight: w.converted,
      calculate_weight: w.calculate,
      cod_amount: num(b, "cod_amount") ?? 0,
      insurance_value: num(b, "insurance_value") ?? 0,
      content: str(b, "content") ?? "",
      note: str(b, "note") ?? "",
      items: b.items as Record<string, unknown>[],
      fee: feeObject(p),
      total_fee: p.total,
      expected_delivery_time: new Date(lead * 1000).toISOString(),
      sort_code: `40-G-${String(c.to.district.DistrictID % 100).padStart(2, "0")}-A1`,
      warehouse: `Bưu Cục ${c.from.district.DistrictName}`,
      is_cod_collected: false,
      is_cod_transferred: false,
      cod_transfer_date: null,
      created_date: at,
      updated_date: at,
    };
  }

  function detailOf(o: FakeGhnOrder) {
    return {
      shop_id: o.shop_id,
      client_id: 164936,
      from_district_id: o.from_district_id,
      from_ward_code: o.from_ward_code,
      to_name: o.to_name,
      to_phone: o.to_phone,
      to_address: o.to_address,
      to_ward_code: o.to_ward_code,
      to_district_id: o.to_district_id,
      weight: o.weight,
      length: o.length,
      width: o.width,
      height: o.height,
      converted_weight: o.converted_weight,
      calculate_weight: o.calculate_weight,
      service_type_id: o.service_type_id,
      service_id: o.service_id,
      payment_type_id: o.payment_type_id,
      cod_amount: o.cod_amount,
      cod_collect_date: o.is_cod_collected ? o.updated_date : null,
      cod_transfer_date: o.cod_transfer_date,
      is_cod_transferred: o.is_cod_transferred,
      is_cod_collected: o.is_cod_collected,
      insurance_value: o.insurance_value,
      order_value: 0,
      client_order_code: o.client_order_code,
      required_note: o.required_note,
      content: o.content,
      note: o.note,
      items: o.items,
      order_code: o.order_code,
      updated_date: o.updated_date,
      created_date: o.created_date,
      status: o.status,
      log: o.log,
      leadtime: o.expected_delivery_time,
      order_date: o.created_date,
      finish_date: TERMINAL.has(o.status) ? o.updated_date : null,
    };
  }

  function findOrder(b: Record<string, unknown>): FakeGhnOrder {
    const code = str(b, "order_code");
    const o = code ? orders.get(code) : undefined;
    if (!o) throw new Refused(400, "Không tìm thấy đơn hàng");
    return o;
  }

  function move(o: FakeGhnOrder, status: string) {
    o.status = status;
    o.updated_date = iso();
    o.log.push({ status, updated_date: o.updated_date });
    if (status === "delivered" && o.cod_amount > 0) o.is_cod_collected = true;
  }

  function switchStatus(b: Record<string, unknown>, allowed: Set<string>, to: string) {
    const codes = Array.isArray(b.order_codes) ? (b.order_codes as unknown[]).filter((x): x is string => typeof x === "string") : [];
    if (codes.length === 0) throw new Refused(400, "order_codes là bắt buộc");
    return codes.map((code) => {
      const o = orders.get(code);
      if (!o || o.shop_id !== shopId || !allowed.has(o.status)) return { order_code: code, result: false, message: "Trạng thái đơn hàng không hợp lệ" };
      move(o, to);
      return { order_code: code, result: true, message: "OK" };
    });
  }

  // ── routes ──
  type Handler = (b: Record<string, unknown>) => unknown;
  const routes: Record<string, { shop: boolean; run: Handler }> = {
    "/master-data/province": { shop: false, run: () => provinces },
    "/master-data/district": {
      shop: false,
      run: (b) => {
        const p = num(b, "province_id");
        return p === undefined ? districts : districts.filter((d) => d.ProvinceID === p);
      },
    },
    "/master-data/ward": {
      shop: false,
      run: (b) => {
        const d = num(b, "district_id");
        if (d === undefined || !districtById.has(d)) throw new Refused(404, "code=404, message=Not Found");
        return wards.filter((w) => w.DistrictID === d);
      },
    },
    "/v2/shipping-order/available-services": {
      shop: false,
      run: (b) => {
        if (num(b, "shop_id") !== shopId) throw new Refused(400, "Lỗi lấy thông tin shop", "SERVER_ERR_COMMON");
        for (const k of ["from_district", "to_district"]) if (!districtById.has(num(b, k) ?? -1)) throw new Refused(400, `${k} không hợp lệ`);
        return SERVICES.map((s) => ({ ...s }));
      },
    },
    "/v2/shipping-order/fee": {
      shop: true,
      run: (b) => {
        const typeId = serviceType(b);
        const to = place(num(b, "to_district_id"), str(b, "to_ward_code"), "to");
        const from = fromOf(b);
        if ((num(b, "insurance_value") ?? 0) > limits.insurance) throw new Refused(400, `insurance_value tối đa ${limits.insurance}`);
        const p = price(b, from.district, to.district, typeId);
        return {
          total: p.total,
          service_fee: p.main,
          insurance_fee: p.insurance,
          pick_station_fee: 0,
          coupon_value: 0,
          r2s_fee: 0,
          return_again: 0,
          document_return: 0,
          double_check: 0,
          cod_fee: p.codFee,
          pick_remote_areas_fee: 0,
          deliver_remote_areas_fee: 0,
          cod_failed_fee: 0,
        };
      },
    },
    "/v2/shipping-order/leadtime": {
      shop: true,
      run: (b) => {
        if (!SERVICES.some((s) => s.service_id === num(b, "service_id"))) throw new Refused(400, "service_id không hợp lệ");
        const to = place(num(b, "to_district_id"), str(b, "to_ward_code"), "to");
        const from = fromOf(b);
        return { leadtime: leadtimeFor(from.district, to.district), order_date: 0 };
      },
    },
    "/v2/shipping-order/preview": { shop: true, run: (b) => createResponse(makeOrder(b)) },
    "/v2/shipping-order/create": {
      shop: true,
      run: (b) => {
        const o = makeOrder(b);
        orders.set(o.order_code, o);
        if (o.client_order_code) byClientCode.set(o.client_order_code, o.order_code);
        return createResponse(o);
      },
    },
    "/v2/shipping-order/detail": { shop: false, run: (b) => detailOf(findOrder(b)) },
    "/v2/shipping-order/detail-by-client-code": {
      shop: false,
      run: (b) => {
        const code = byClientCode.get(str(b, "client_order_code") ?? "");
        const o = code ? orders.get(code) : undefined;
        if (!o) throw new Refused(400, "Không tìm thấy đơn hàng");
        return detailOf(o);
      },
    },
    "/v2/shipping-order/soc": {
      shop: false,
      run: (b) => {
        const o = findOrder(b);
        return { total: o.total_fee, detail: o.fee, payment: [{ value: o.total_fee, payment_type: o.payment_type_id, paid_date: null, created_date: o.created_date }] };
      },
    },
    "/v2/shipping-order/update": {
      shop: true,
      run: (b) => {
        const o = findOrder(b);
        if (TERMINAL.has(o.status)) throw new Refused(400, "Trạng thái đơn hàng không hợp lệ");
        if (typeof b.note === "string") o.note = b.note;
        if (typeof b.to_phone === "string") o.to_phone = b.to_phone;
        if (typeof b.to_address === "string") o.to_address = b.to_address;
        o.updated_date = iso();
        return null;
      },
    },
    "/v2/shipping-order/updateCOD": {
      shop: true,
      run: (b) => {
        const o = findOrder(b);
        const cod = num(b, "cod_amount");
        if (cod === undefined || cod < 0 || cod > limits.cod) throw new Refused(400, "cod_amount không hợp lệ");
        if (TERMINAL.has(o.status) || o.status === "delivering") throw new Refused(400, "Trạng thái đơn hàng không hợp lệ");
        o.cod_amount = cod;
        o.updated_date = iso();
        return null;
      },
    },
    "/v2/switch-status/cancel": { shop: true, run: (b) => switchStatus(b, BEFORE_PICKED, "cancel") },
    "/v2/switch-status/return": { shop: true, run: (b) => switchStatus(b, new Set(["storing", "delivery_fail", "waiting_to_return"]), "return") },
    "/v2/switch-status/storing": { shop: true, run: (b) => switchStatus(b, new Set(["waiting_to_return"]), "storing") },
    "/v2/a5/gen-token": {
      shop: false,
      run: (b) => {
        const codes = Array.isArray(b.order_codes) ? (b.order_codes as unknown[]).filter((x): x is string => typeof x === "string") : [];
        if (codes.length === 0 || codes.some((c) => !orders.has(c))) throw new Refused(400, "Không tìm thấy đơn hàng");
        const t = crypto.randomUUID();
        printTokens.set(t, codes);
        return { token: t };
      },
    },
    "/v2/shift/date": {
      shop: false,
      run: () => {
        const d = new Date(now() + 7 * 3600_000);
        const day = `${String(d.getUTCDate()).padStart(2, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${d.getUTCFullYear()}`;
        return [
          { id: 2, title: `Ca lấy ${day} (12h00 - 18h00)`, from_time: 43200, to_time: 64800 },
          { id: 3, title: `Ca lấy ${day} (18h00 - 21h00)`, from_time: 64800, to_time: 75600 },
        ];
      },
    },
  };

  const envelope = (data: unknown) => JSON.stringify({ code: 200, message: "Success", data });
  const error = (status: number, message: string, codeMessage: string) => JSON.stringify({ code: status, message, data: null, code_message: codeMessage });

  const app = new Hono();
  // Admin routes (no token, as the GHTK fake's), so a fake started outside the test process can be driven over HTTP.
  app.post("/_admin/advance", async (c) => {
    const b = (await c.req.json()) as { order_code: string; status: string };
    await fake.advance(String(b.order_code), String(b.status));
    return c.json({ ok: true });
  });
  app.post("/_admin/faults", async (c) => {
    const b = (await c.req.json()) as GhnFault & { path?: string; times?: number };
    const { path, times, ...fault } = b;
    fake.faults.inject(fault as GhnFault, { ...(path ? { path } : {}), ...(times ? { times } : {}) });
    return c.json({ ok: true });
  });
  app.delete("/_admin/faults", (c) => {
    fake.faults.clear();
    return c.json({ ok: true });
  });
  app.post("/_admin/flush-webhooks", async (c) => {
    await flushWebhooks();
    return c.json({ ok: true });
  });
  app.post("/_admin/webhook", async (c) => {
    webhookUrl = String(((await c.req.json()) as { url: string }).url);
    return c.json({ ok: true });
  });
  app.get("/a5/public-api/printA5", (c) => {
    const codes = printTokens.get(c.req.query("token") ?? "");
    if (!codes) return c.html("<!doctype html><p>Token không hợp lệ</p>", 404);
    return c.html(`<!doctype html><title>GHN A5</title>${codes.map((code) => `<section class="a5"><h1>${code}</h1></section>`).join("")}`);
  });
  app.all(`${GHN_ROOT_PATH}/*`, async (c: Context) => {
    const path = c.req.path.slice(GHN_ROOT_PATH.length);
    const raw = c.req.method === "GET" ? "" : await c.req.text();
    const record: GhnCall = { method: c.req.method, path, token: c.req.header("token"), shopId: c.req.header("shopid"), body: {}, status: 0, at: now() };
    calls.push(record);
    const answer = (status: number, text: string, type = "application/json; charset=utf-8") => {
      record.status = status;
      return c.body(text, status as 200, { "content-type": type });
    };
    let body: Record<string, unknown> = {};
    if (raw.trim()) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch (e) {
        return answer(400, error(400, `code=400, message=Syntax error: ${(e as Error).message}`, "USER_ERR_COMMON"));
      }
    }
    for (const [k, v] of new URL(c.req.url).searchParams) if (!(k in body)) body[k] = v;
    record.body = body;

    const fault = takeFault(path);
    if (fault) {
      record.fault = fault.kind;
      switch (fault.kind) {
        case "timeout":
          await new Promise<void>((resolve) => hanging.add(resolve));
          return answer(504, "");
        case "http":
          return answer(fault.status, fault.status === 429 ? "Too Many Requests" : "<html><body>Server error</body></html>", "text/html");
        case "html":
          return answer(200, "<!doctype html><html><body><h1>Bảo trì hệ thống</h1></body></html>", "text/html; charset=utf-8");
        case "refuse":
          return answer(fault.status ?? 400, error(fault.status ?? 400, fault.message, fault.codeMessage ?? "USER_ERR_COMMON"));
        case "address-convert-fail":
          return answer(400, error(400, "TO_ADDRESS_CONVERT_FAIL", "USER_ERR_COMMON"));
        case "token-expired":
          return answer(401, error(401, "Token is not valid!", "USER_ERR_COMMON"));
        case "lose-answer":
          break;
      }
    }

    const route = routes[path];
    if (!route) return answer(404, error(404, "code=404, message=Not Found", "USER_ERR_COMMON"));
    if (!record.token) return answer(400, error(400, "Token is required!", "USER_ERR_COMMON"));
    if (record.token !== token) return answer(401, error(401, "Token is not valid!", "USER_ERR_COMMON"));
    if (route.shop && record.shopId !== String(shopId)) return answer(400, error(400, "Lỗi lấy thông tin shop", "SERVER_ERR_COMMON"));

    let text: string;
    try {
      const cannedAnswer = canned.find((x) => x.left > 0 && x.path === path && (x.when === undefined || x.when === canonical(body)));
      if (cannedAnswer) {
        cannedAnswer.left--;
        // A captured create still makes its order, under the captured code.
        if (path === "/v2/shipping-order/create") {
          const data = cannedAnswer.data as Record<string, unknown>;
          const o = makeOrder(body, String(data.order_code));
          if (typeof data.total_fee === "number") o.total_fee = data.total_fee;
          if (typeof data.expected_delivery_time === "string") o.expected_delivery_time = data.expected_delivery_time;
          orders.set(o.order_code, o);
          if (o.client_order_code) byClientCode.set(o.client_order_code, o.order_code);
        }
        text = envelope(cannedAnswer.data);
      } else {
        text = envelope(route.run(body));
      }
    } catch (e) {
      if (e instanceof Refused) return answer(e.status, error(e.status, e.message, e.codeMessage));
      throw e;
    }
    if (fault?.kind === "lose-answer") {
      // The work is done; the answer never arrives.
      record.status = 0;
      (c.env as { incoming?: IncomingMessage }).incoming?.socket.destroy();
      return c.body(null, 500);
    }
    return answer(200, text);
  });

  function takeFault(path: string): GhnFault | undefined {
    const f = injected.find((x) => x.left > 0 && (x.path === undefined || x.path === path));
    if (!f) return undefined;
    f.left--;
    injected = injected.filter((x) => x.left > 0);
    return f.fault;
  }

  // ── webhooks ──
  function webhookBody(o: FakeGhnOrder, type: string): string {
    const fee = o.webhookFee ?? {
      CODFailedFee: o.fee.cod_failed_fee ?? 0,
      CODFee: o.fee.cod_fee ?? 0,
      Coupon: o.fee.coupon ?? 0,
      DeliverRemoteAreasFee: o.fee.deliver_remote_areas_fee ?? 0,
      DocumentReturn: o.fee.document_return ?? 0,
      DoubleCheck: o.fee.double_check ?? 0,
      Insurance: o.fee.insurance ?? 0,
      MainService: o.fee.main_service ?? 0,
      PickRemoteAreasFee: o.fee.pick_remote_areas_fee ?? 0,
      R2S: o.fee.r2s ?? 0,
      Return: o.fee.return ?? 0,
      StationDO: o.fee.station_do ?? 0,
      StationPU: o.fee.station_pu ?? 0,
      Total: o.total_fee,
    };
    return JSON.stringify({
      CODAmount: o.cod_amount,
      CODTransferDate: o.cod_transfer_date,
      ClientOrderCode: o.client_order_code,
      ConvertedWeight: o.converted_weight,
      Description: type === "create" ? "Tạo đơn hàng" : (DESCRIPTIONS[o.status] ?? o.status),
      Fee: fee,
      Height: o.height,
      IsPartialReturn: false,
      Length: o.length,
      OrderCode: o.order_code,
      PartialReturnCode: "",
      PaymentType: o.payment_type_id,
      Reason: "",
      ReasonCode: "",
      ShopID: o.shop_id,
      Status: o.status,
      Time: iso(),
      TotalFee: o.total_fee,
      Type: type,
      Warehouse: o.warehouse,
      Weight: o.weight,
      Width: o.width,
    });
  }

  async function postOnce(body: string, contentType = "application/json"): Promise<number> {
    if (!webhookUrl) throw new Error("fake GHN: setWebhook first");
    try {
      const res = await fetch(webhookUrl, { method: "POST", headers: { "content-type": contentType, "user-agent": "GHN-Webhook" }, body, signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel().catch(() => undefined);
      return res.status;
    } catch {
      return 0;
    }
  }

  // GHN's policy: only 200 counts; otherwise up to 10 retries.
  async function deliver(orderCode: string, body: string): Promise<void> {
    const d: GhnWebhookDelivery = { orderCode, body, attempts: [], delivered: false };
    webhooks.push(d);
    for (let attempt = 0; attempt <= 10; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, retryMs));
      let status: number;
      if (webhookFaults.failFirst > 0) {
        webhookFaults.failFirst--;
        status = 0;
      } else {
        status = await postOnce(body);
      }
      d.attempts.push(status);
      if (status === 200) {
        d.delivered = true;
        return;
      }
    }
  }

  async function notify(orderCode: string, type = "switch_status"): Promise<void> {
    const o = orders.get(orderCode);
    if (!o) throw new Error(`fake GHN: no order ${orderCode}`);
    // No webhook registered with GHN: nothing is sent (the order still moves).
    if (!webhookUrl) return;
    let body = webhookBody(o, type);
    // The docs' sample misses a comma; the fake drops the one after "Description".
    if (webhookFaults.brokenJson) body = body.replace(/("Description":"[^"]*"),/, "$1");
    await deliver(orderCode, body);
    for (let i = 0; i < webhookFaults.duplicates; i++) await deliver(orderCode, body);
  }

  // Posts once more every delivery GHN gave up on (its 10 retries all failed).
  async function flushWebhooks(): Promise<void> {
    for (const d of webhooks) {
      if (d.delivered) continue;
      const status = await postOnce(d.body);
      d.attempts.push(status);
      d.delivered = status === 200;
    }
  }

  const fake: FakeGhn = {
    url: "",
    origin: "",
    token,
    shopId,
    calls,
    webhooks,
    limits,
    setWebhook(url) {
      webhookUrl = url;
    },
    async advance(orderCode, status) {
      const o = orders.get(orderCode);
      if (!o) throw new Error(`fake GHN: no order ${orderCode}`);
      if (!(status in DESCRIPTIONS)) throw new Error(`fake GHN: unknown status ${status}`);
      if (TERMINAL.has(o.status)) throw new Error(`fake GHN: ${orderCode} is ${o.status}, final`);
      if (status === "cancel" && !BEFORE_PICKED.has(o.status)) throw new Error(`fake GHN: ${orderCode} cannot be cancelled once ${o.status}`);
      move(o, status);
      await notify(orderCode, "switch_status");
    },
    notify,
    async resend(index) {
      const d = webhooks.at(index);
      if (!d) throw new Error(`fake GHN: no webhook #${index}`);
      return postOnce(d.body);
    },
    postRaw: (body, contentType) => postOnce(body, contentType),
    flushWebhooks,
    importOrder(partial) {
      const at = iso();
      const o: FakeGhnOrder = {
        client_order_code: "",
        shop_id: shopId,
        status: "ready_to_pick",
        log: [{ status: partial.status ?? "ready_to_pick", updated_date: at }],
        payment_type_id: 1,
        required_note: "CHOXEMHANGKHONGTHU",
        service_type_id: 2,
        service_id: 53321,
        from_district_id: 1490,
        from_ward_code: "1A0807",
        to_name: "Khách",
        to_phone: "0987654321",
        to_address: "",
        to_district_id: 2264,
        to_ward_code: "90816",
        weight: 200,
        length: 10,
        width: 10,
        height: 10,
        converted_weight: 200,
        calculate_weight: 200,
        cod_amount: 0,
        insurance_value: 0,
        content: "",
        note: "",
        items: [],
        fee: feeObject({ main: 30_000, insurance: 0, codFee: 0 }),
        total_fee: 30_000,
        expected_delivery_time: at,
        sort_code: "40-G-33-A1",
        warehouse: "Bưu Cục Hoàng Mai",
        is_cod_collected: false,
        is_cod_transferred: false,
        cod_transfer_date: null,
        created_date: at,
        updated_date: at,
        ...partial,
      };
      orders.set(o.order_code, o);
      if (o.client_order_code) byClientCode.set(o.client_order_code, o.order_code);
      return o;
    },
    order: (code) => orders.get(code),
    respondWith(path, data, o = {}) {
      canned.push({ path, data, ...(o.when ? { when: canonical(o.when) } : {}), left: o.times ?? 1 });
    },
    faults: {
      inject(fault, o = {}) {
        injected.push({ fault, ...(o.path ? { path: o.path } : {}), left: o.times ?? 1 });
      },
      clear() {
        injected = [];
        webhookFaults.duplicates = 0;
        webhookFaults.brokenJson = false;
        webhookFaults.failFirst = 0;
      },
      webhook: webhookFaults,
    },
    close: async () => {
      for (const r of hanging) r();
      hanging.clear();
      const s = server as Server;
      s.closeAllConnections?.();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };

  let server: unknown;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      fake.origin = `http://127.0.0.1:${info.port}`;
      fake.url = `${fake.origin}${GHN_ROOT_PATH}`;
      resolve();
    });
  });
  return fake;
}
