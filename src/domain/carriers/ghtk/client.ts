// GHTK as a CarrierClient (CARRIERS.md §2): fee, a waybill once per client code, read back,
// cancel, label. GHTK's names, units and status ids stay in this folder.
import {
  CarrierRefusal,
  CarrierUnavailable,
  type CarrierAccounts,
  type CarrierClient,
  type CarrierQuote,
  type CreatedShipment,
  type NewShipment,
  type Parcel,
  type ShipAddress,
  type ShipmentLabel,
  type ShipmentReport,
} from "../carrier";
import { ghtkPhone, ghtkPlace } from "./address";
import { GhtkHttp, GhtkRefusal, type GhtkBody, type GhtkHttpOptions } from "./http";
import { ghtkStatus, statusId } from "./status";
import { ghtkEstimate, ghtkTime } from "./time";
import { ghtkTrackingUrl } from "./webhook";

export type GhtkAccountConfig = NonNullable<CarrierAccounts["ghtk"]>;

/** GHTK's limit on `order.note` (§2.4). */
export const GHTK_NOTE_MAX = 120;

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** An amount GHTK sends as a number or a string ("37000"); integer đồng, or undefined. */
function money(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);

/** A waybill reference as GHTK's path segment: the label, or `partner_id:<our code>`. */
function refPath(ref: { waybill: string } | { clientCode: string }): string {
  return "waybill" in ref ? encodeURIComponent(ref.waybill) : `partner_id:${encodeURIComponent(ref.clientCode)}`;
}

function pickFields(from: ShipAddress) {
  const p = ghtkPlace(from);
  return {
    pick_name: from.name,
    pick_tel: ghtkPhone(from.phone),
    pick_address: p.address,
    pick_province: p.province,
    pick_district: p.district,
    pick_ward: p.ward,
    ...(p.street ? { pick_street: p.street } : {}),
  };
}

/** The note as GHTK takes it: one line, at most 120 characters (cut with an ellipsis). */
export function ghtkNote(note: string | undefined): string | undefined {
  const t = note?.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!t) return undefined;
  const chars = [...t];
  return chars.length <= GHTK_NOTE_MAX ? t : `${chars.slice(0, GHTK_NOTE_MAX - 1).join("")}…`;
}

/** The JSON body of `POST /services/shipment/order/?ver=1.5` for a shipment (weights in grams). */
export function ghtkOrderBody(s: NewShipment): { products: Record<string, unknown>[]; order: Record<string, unknown> } {
  const to = ghtkPlace(s.to);
  const note = ghtkNote(s.parcel.note);
  return {
    // weight_option "gram": our weights are grams, so nothing is converted (and a 150 g item is
    // not rounded to 0.2 kg); GHTK's default unit for products[].weight would be kg.
    products: s.parcel.items.map((i) => ({
      name: i.name,
      weight: Math.max(1, Math.round(i.weightGrams)),
      quantity: i.qty,
      price: i.unitPrice,
      product_code: i.code,
    })),
    order: {
      id: s.clientCode,
      ...pickFields(s.from),
      pick_money: s.parcel.cod,
      name: s.to.name,
      tel: ghtkPhone(s.to.phone),
      address: to.address,
      province: to.province,
      district: to.district,
      ward: to.ward,
      ...(to.street ? { street: to.street } : {}),
      ...(to.hamlet ? { hamlet: to.hamlet } : {}),
      // 1: the shop pays GHTK's fee; 0: GHTK collects it from the buyer on top of pick_money.
      is_freeship: s.feePaidBy === "shop" ? 1 : 0,
      // GHTK refuses a value of 0 (30110): a free parcel is declared at 1 đồng.
      value: Math.max(1, s.parcel.declaredValue),
      weight_option: "gram",
      total_weight: Math.max(1, Math.round(s.parcel.weightGrams)),
      pick_option: "cod",
      ...(note ? { note } : {}),
    },
  };
}

/** An order read back (`GET /services/shipment/v2/<ref>`) as our report. */
export function ghtkReport(order: Record<string, unknown>): ShipmentReport {
  const id = statusId(order.status);
  const meaning = id === undefined ? undefined : ghtkStatus(id);
  const label = str(order.label_id) ?? str(order.label);
  if (id === undefined || !meaning || !label) throw new CarrierUnavailable("ghtk", `detail: an order without a known status (${String(order.status)})`);
  const cod = money(order.pick_money) ?? 0;
  const ship = money(order.ship_money);
  const insurance = money(order.insurance) ?? 0;
  const reasonText = str(order.reason)?.trim() || (meaning.problem ? str(order.status_text)?.trim() || meaning.text : "");
  return {
    carrier: "ghtk",
    waybill: label,
    clientCode: str(order.partner_id)?.trim() || null,
    status: meaning.status,
    carrierStatus: String(id),
    at: ghtkTime(order.modified) ?? ghtkTime(order.created),
    reason: reasonText || null,
    codAmount: cod,
    codCollected: meaning.collected ? cod : 0,
    // 6 = settled: GHTK has paid the shop the COD. 5 = delivered, not settled: nothing paid yet.
    codPaidOut: meaning.settled ? cod : id === 5 ? 0 : null,
    // ship_money and insurance are separate in GHTK's read-back; what the shop owes is both.
    fee: ship === undefined ? null : ship + insurance,
  };
}

export class GhtkClient implements CarrierClient {
  readonly id = "ghtk" as const;
  private readonly http: GhtkHttp;

  constructor(account: GhtkAccountConfig, opts: GhtkHttpOptions = {}) {
    this.http = new GhtkHttp(account, opts);
  }

  /** `GET /services/authenticated`: true when GHTK takes the token (for the settings page). */
  async authenticated(): Promise<boolean> {
    try {
      await this.http.call("authenticated", "GET", "/services/authenticated");
      return true;
    } catch (e) {
      if (e instanceof CarrierRefusal) return false;
      throw e;
    }
  }

  async quote(from: ShipAddress, to: ShipAddress, parcel: Parcel): Promise<CarrierQuote> {
    const pick = ghtkPlace(from);
    const dest = ghtkPlace(to);
    const body = await this.http.call("fee", "GET", "/services/shipment/fee", {
      query: {
        pick_province: pick.province,
        pick_district: pick.district,
        pick_ward: pick.ward,
        pick_address: pick.address,
        province: dest.province,
        district: dest.district,
        ward: dest.ward,
        address: dest.address,
        weight: Math.max(1, Math.round(parcel.weightGrams)),
        value: parcel.declaredValue,
        deliver_option: "none",
      },
    });
    const fee = obj(body.fee);
    if (fee?.delivery === false) throw new CarrierRefusal("ghtk", "NOT_DELIVERED", "GHTK does not deliver to this area");
    const total = money(fee?.fee);
    if (total === undefined) throw new CarrierUnavailable("ghtk", "fee: an answer without fee.fee");
    // The fee call gives no date (pick-time gives a pickup shift, not a delivery date).
    return { carrier: "ghtk", fee: total, expectedDelivery: null };
  }

  async create(s: NewShipment): Promise<CreatedShipment> {
    let body: GhtkBody;
    try {
      body = await this.http.call("create", "POST", "/services/shipment/order/?ver=1.5", { json: ghtkOrderBody(s) });
    } catch (e) {
      // The id was already used: this is a retry (or a double tap) of a waybill GHTK made. Read it back.
      if (e instanceof GhtkRefusal && (e.code === "ORDER_ID_EXIST" || e.code === "30107")) return this.existing(s.clientCode, e);
      throw e;
    }
    const order = obj(body.order);
    const label = str(order?.label);
    if (!order || !label) throw new CarrierUnavailable("ghtk", "create: an answer without order.label");
    const fee = money(order.fee);
    return {
      carrier: "ghtk",
      waybill: label,
      clientCode: s.clientCode,
      fee: fee === undefined ? 0 : fee + (money(order.insurance_fee) ?? 0),
      expectedDelivery: ghtkEstimate(order.estimated_deliver_time),
      trackingUrl: ghtkTrackingUrl(label),
    };
  }

  private async existing(clientCode: string, refusal: GhtkRefusal): Promise<CreatedShipment> {
    const label = str(obj(refusal.body.error)?.ghtk_label);
    const report = await this.detail(label ? { waybill: label } : { clientCode });
    // A cancelled waybill is not "the same one" to return: the order needs a new client code.
    if (report.status === "cancelled") {
      throw new CarrierRefusal("ghtk", refusal.code, `the waybill ${report.waybill} made for ${clientCode} was cancelled; use a new client code`);
    }
    return {
      carrier: "ghtk",
      waybill: report.waybill,
      clientCode,
      fee: report.fee ?? 0,
      expectedDelivery: null,
      trackingUrl: ghtkTrackingUrl(report.waybill),
    };
  }

  async detail(ref: { waybill: string } | { clientCode: string }): Promise<ShipmentReport> {
    const body = await this.http.call("detail", "GET", `/services/shipment/v2/${refPath(ref)}`);
    const order = obj(body.order);
    if (!order) throw new CarrierUnavailable("ghtk", "detail: an answer without order");
    return ghtkReport(order);
  }

  async cancel(waybill: string): Promise<void> {
    try {
      await this.http.call("cancel", "POST", `/services/shipment/cancel/${encodeURIComponent(waybill)}`);
    } catch (e) {
      // 50101 "already cancelled": what we asked for is true; a repeated cancel is not an error.
      if (e instanceof CarrierRefusal && e.code === "50101") return;
      throw e;
    }
  }

  async label(waybill: string): Promise<ShipmentLabel> {
    const res = await this.http.send("label", "GET", `/services/label/${encodeURIComponent(waybill)}`, {
      query: { original: "portrait", paper_size: "A5" },
      accept: "application/pdf, application/json",
    });
    const type = res.headers.get("content-type") ?? "";
    if (res.ok && /application\/pdf/i.test(type)) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      // "%PDF" or nothing: a proxy's page under the right header is no label.
      if (bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return { kind: "pdf", bytes };
      throw new CarrierUnavailable("ghtk", "label: an answer that is not a PDF");
    }
    // JSON means a refusal (40102: no such label); anything else is no usable answer.
    await this.http.envelope("label", res);
    throw new CarrierUnavailable("ghtk", "label: success without a PDF");
  }
}

/** GHTK for one shop's account. */
export function ghtkClient(account: GhtkAccountConfig, opts?: { fetch?: typeof fetch; timeoutMs?: number }): CarrierClient {
  return new GhtkClient(account, opts);
}
