// ghnClient: the CarrierClient for GHN (CARRIERS.md §1), over GhnHttp. GHN's ids, units and words
// stay in this folder; what leaves is the shared contract of ../carrier.ts.
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
  type ShipmentStatus,
} from "../carrier";
import { foldText } from "../../../text/normalize";
import { addressBookFor, type GhnAddressBook, type GhnPlace } from "./address";
import { GhnHttp } from "./http";
import { ghnStatus } from "./statuses";
import { ghnTrackingUrl } from "./webhook";

/** Grams from which GHN's "Hàng nặng" (service_type_id 5, priced on items) is used instead of "Hàng nhẹ" (2). */
export const GHN_HEAVY_GRAMS = 20_000;
/** GHN's insurance ceiling (CARRIERS.md §1.4): declared values above it are insured up to it. */
export const GHN_MAX_INSURANCE = 5_000_000;
/** The note for the shipper: the buyer may look, not try (CARRIERS.md §1.5). */
export const GHN_REQUIRED_NOTE = "CHOXEMHANGKHONGTHU";

type Account = NonNullable<CarrierAccounts["ghn"]>;

export function ghnClient(account: Account, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): CarrierClient {
  return new GhnClient(account, opts);
}

interface Detail {
  order_code?: unknown;
  client_order_code?: unknown;
  status?: unknown;
  cod_amount?: unknown;
  is_cod_collected?: unknown;
  is_cod_transferred?: unknown;
  cod_transfer_date?: unknown;
  updated_date?: unknown;
  leadtime?: unknown;
  log?: unknown;
}

class GhnClient implements CarrierClient {
  readonly id = "ghn" as const;
  private readonly http: GhnHttp;
  private readonly book: GhnAddressBook;

  constructor(
    private readonly account: Account,
    opts: { fetch?: typeof fetch; timeoutMs?: number },
  ) {
    this.http = new GhnHttp(account, opts);
    this.book = addressBookFor(this.http.root);
  }

  async quote(from: ShipAddress, to: ShipAddress, parcel: Parcel): Promise<CarrierQuote> {
    const [src, dst] = await Promise.all([this.fromPlace(from), this.book.place(to, this.http)]);
    const serviceTypeId = serviceType(parcel);
    const serviceId = src ? await this.serviceId(src, dst, serviceTypeId) : undefined;
    const fee = await this.fee(src, dst, parcel, serviceTypeId);
    let expectedDelivery: Date | null = null;
    if (src && serviceId !== undefined) expectedDelivery = await this.leadtime(src, dst, serviceId);
    return { carrier: "ghn", fee, expectedDelivery };
  }

  async create(shipment: NewShipment): Promise<CreatedShipment> {
    const clientCode = shipment.clientCode;
    let dst: GhnPlace;
    let src: GhnPlace | undefined;
    try {
      [src, dst] = await Promise.all([this.fromPlace(shipment.from), this.book.place(shipment.to, this.http)]);
    } catch (error) {
      // Nothing was sent to create yet, but an earlier try may have made it.
      const found = await this.findByClientCode(clientCode);
      if (found) return found;
      throw error;
    }
    const { parcel } = shipment;
    const serviceTypeId = serviceType(parcel);
    const dims = dimensions(parcel.weightGrams);
    const body = {
      payment_type_id: shipment.feePaidBy === "shop" ? 1 : 2,
      required_note: GHN_REQUIRED_NOTE,
      client_order_code: clientCode,
      from_name: cap(shipment.from.name, 1024),
      from_phone: shipment.from.phone,
      from_address: cap(addressLine(shipment.from, src), 1024),
      ...(src ? { from_ward_name: src.wardName, from_district_name: src.districtName, from_province_name: src.provinceName } : {}),
      to_name: cap(shipment.to.name, 1024),
      to_phone: shipment.to.phone,
      to_address: cap(addressLine(shipment.to, dst), 1024),
      to_ward_code: dst.wardCode,
      to_district_id: dst.districtId,
      cod_amount: Math.max(0, Math.round(parcel.cod)),
      content: cap(parcel.items.map((i) => `${i.name} x${i.qty}`).join(", "), 2000),
      note: cap(parcel.note ?? "", 5000),
      weight: Math.max(1, Math.round(parcel.weightGrams)),
      ...dims,
      insurance_value: insurance(parcel),
      service_type_id: serviceTypeId,
      items: items(parcel, serviceTypeId),
    };
    let data: { order_code?: unknown; total_fee?: unknown; expected_delivery_time?: unknown };
    try {
      data = await this.http.call("/v2/shipping-order/create", body, { shop: true });
    } catch (error) {
      // A duplicate client_order_code, or any refusal or lost answer that may hide an earlier success:
      // GHN's own record by our code decides, so a retry never makes a second waybill.
      if (error instanceof CarrierRefusal || error instanceof CarrierUnavailable) {
        const found = await this.findByClientCode(clientCode);
        if (found) return found;
      }
      throw error;
    }
    const waybill = typeof data?.order_code === "string" ? data.order_code : "";
    if (!waybill) throw new CarrierUnavailable("ghn", "/v2/shipping-order/create: no order_code");
    return {
      carrier: "ghn",
      waybill,
      clientCode,
      fee: money(data.total_fee) ?? 0,
      expectedDelivery: date(data.expected_delivery_time),
      trackingUrl: ghnTrackingUrl(waybill),
    };
  }

  async detail(ref: { waybill: string } | { clientCode: string }): Promise<ShipmentReport> {
    const data =
      "waybill" in ref
        ? await this.http.call<Detail>("/v2/shipping-order/detail", { order_code: ref.waybill }, { shop: false })
        : await this.http.call<Detail>("/v2/shipping-order/detail-by-client-code", { client_order_code: ref.clientCode }, { shop: false });
    return report(data, "waybill" in ref ? ref.waybill : undefined);
  }

  async cancel(waybill: string): Promise<void> {
    const data = await this.http.call<unknown>("/v2/switch-status/cancel", { order_codes: [waybill] }, { shop: true });
    const row = Array.isArray(data) ? (data as { order_code?: unknown; result?: unknown; message?: unknown }[]).find((r) => r?.order_code === waybill) ?? data[0] : undefined;
    if (!row || typeof row !== "object") throw new CarrierUnavailable("ghn", "/v2/switch-status/cancel: no result");
    const r = row as { result?: unknown; message?: unknown };
    if (r.result !== true) throw new CarrierRefusal("ghn", "CANCEL_REFUSED", typeof r.message === "string" ? r.message : "");
  }

  async label(waybill: string): Promise<ShipmentLabel> {
    const data = await this.http.call<{ token?: unknown }>("/v2/a5/gen-token", { order_codes: [waybill] }, { shop: false });
    const token = typeof data?.token === "string" ? data.token : "";
    if (!token) throw new CarrierUnavailable("ghn", "/v2/a5/gen-token: no token");
    return { kind: "url", url: `${this.http.origin}/a5/public-api/printA5?token=${encodeURIComponent(token)}` };
  }

  // ── helpers ──

  /** The shop's pickup place; undefined when it cannot be mapped (GHN then uses the ShopId's store). */
  private async fromPlace(from: ShipAddress): Promise<GhnPlace | undefined> {
    try {
      return await this.book.place(from, this.http);
    } catch (error) {
      if (error instanceof CarrierRefusal) return undefined;
      throw error;
    }
  }

  private async serviceId(src: GhnPlace, dst: GhnPlace, serviceTypeId: number): Promise<number | undefined> {
    try {
      const data = await this.http.call<unknown>(
        "/v2/shipping-order/available-services",
        { shop_id: this.account.shopId, from_district: src.districtId, to_district: dst.districtId },
        { shop: false },
      );
      if (!Array.isArray(data)) return undefined;
      const found = (data as { service_id?: unknown; service_type_id?: unknown }[]).find((s) => s?.service_type_id === serviceTypeId);
      return typeof found?.service_id === "number" ? found.service_id : undefined;
    } catch {
      // Only the date needs it: a fee is still quoted by service_type_id.
      return undefined;
    }
  }

  private async fee(src: GhnPlace | undefined, dst: GhnPlace, parcel: Parcel, serviceTypeId: number): Promise<number> {
    const body = {
      service_type_id: serviceTypeId,
      ...(src ? { from_district_id: src.districtId, from_ward_code: src.wardCode } : {}),
      to_district_id: dst.districtId,
      to_ward_code: dst.wardCode,
      weight: Math.max(1, Math.round(parcel.weightGrams)),
      ...dimensions(parcel.weightGrams),
      insurance_value: insurance(parcel),
      cod_value: Math.max(0, Math.round(parcel.cod)),
      coupon: null,
      ...(serviceTypeId === 5 ? { items: items(parcel, serviceTypeId) } : {}),
    };
    const data = await this.http.call<{ total?: unknown }>("/v2/shipping-order/fee", body, { shop: true });
    const total = money(data?.total);
    if (total === undefined) throw new CarrierUnavailable("ghn", "/v2/shipping-order/fee: no total");
    return total;
  }

  private async leadtime(src: GhnPlace, dst: GhnPlace, serviceId: number): Promise<Date | null> {
    try {
      const data = await this.http.call<{ leadtime?: unknown }>(
        "/v2/shipping-order/leadtime",
        { from_district_id: src.districtId, from_ward_code: src.wardCode, to_district_id: dst.districtId, to_ward_code: dst.wardCode, service_id: serviceId },
        { shop: true },
      );
      return typeof data?.leadtime === "number" && data.leadtime > 0 ? new Date(data.leadtime * 1000) : null;
    } catch {
      // A fee without a date is still a quote.
      return null;
    }
  }

  /** The waybill GHN already has for our client code, or undefined when it has none (or cannot say). */
  private async findByClientCode(clientCode: string): Promise<CreatedShipment | undefined> {
    let data: Detail;
    try {
      data = await this.http.call<Detail>("/v2/shipping-order/detail-by-client-code", { client_order_code: clientCode }, { shop: false });
    } catch {
      return undefined;
    }
    const waybill = typeof data?.order_code === "string" ? data.order_code : "";
    if (!waybill || data.client_order_code !== clientCode) return undefined;
    // The detail carries no fee: soc has it (the breakdown of what GHN charges for this waybill).
    let fee = 0;
    try {
      const soc = await this.http.call<{ detail?: { main_service?: unknown }; total?: unknown }>("/v2/shipping-order/soc", { order_code: waybill }, { shop: false });
      fee = money(soc?.total) ?? 0;
    } catch {
      fee = 0;
    }
    return { carrier: "ghn", waybill, clientCode, fee, expectedDelivery: date(data.leadtime), trackingUrl: ghnTrackingUrl(waybill) };
  }
}

function report(data: Detail, asked: string | undefined): ShipmentReport {
  const waybill = typeof data?.order_code === "string" ? data.order_code : asked;
  const word = typeof data?.status === "string" ? data.status.toLowerCase() : "";
  if (!waybill || !word) throw new CarrierUnavailable("ghn", "detail: no order_code or status");
  const codAmount = money(data.cod_amount) ?? 0;
  const delivered = word === "delivered";
  const collected = data.is_cod_collected === true || (delivered && data.is_cod_collected === undefined);
  const paidOut = data.is_cod_transferred === true || (typeof data.cod_transfer_date === "string" && data.cod_transfer_date !== "") ? codAmount : data.is_cod_transferred === false ? 0 : null;
  const log = Array.isArray(data.log) ? (data.log as { status?: unknown; updated_date?: unknown; reason?: unknown; reason_code?: unknown }[]) : [];
  const last = log.at(-1);
  return {
    carrier: "ghn",
    waybill,
    clientCode: typeof data.client_order_code === "string" && data.client_order_code ? data.client_order_code : null,
    status: ghnStatus(word) ?? lastKnown(log),
    carrierStatus: word,
    at: date(last?.updated_date) ?? date(data.updated_date),
    reason: typeof last?.reason === "string" && last.reason ? last.reason : null,
    codAmount,
    codCollected: collected ? codAmount : 0,
    codPaidOut: paidOut,
    fee: null,
  };
}

// For `exception` (or a word we do not know): the last status in the log we do know; with none,
// the first one (tracking never moves backwards, so it changes nothing).
function lastKnown(log: { status?: unknown }[]): ShipmentStatus {
  for (let i = log.length - 1; i >= 0; i--) {
    const s = log[i]?.status;
    const mapped = typeof s === "string" ? ghnStatus(s) : undefined;
    if (mapped) return mapped;
  }
  return "ready_to_pick";
}

function serviceType(parcel: Parcel): 2 | 5 {
  return parcel.weightGrams >= GHN_HEAVY_GRAMS ? 5 : 2;
}

// GHN prices on max(weight, L·W·H/5): a cube whose volume weight stays within the real weight, so
// the size we do not know never raises the fee.
function dimensions(weightGrams: number): { length: number; width: number; height: number } {
  const side = Math.min(200, Math.max(1, Math.floor(Math.cbrt(Math.max(1, weightGrams) * 5))));
  return { length: side, width: side, height: side };
}

function insurance(parcel: Parcel): number {
  return Math.min(GHN_MAX_INSURANCE, Math.max(0, Math.round(parcel.declaredValue)));
}

function items(parcel: Parcel, serviceTypeId: number) {
  return parcel.items.map((i) => {
    const weight = Math.max(1, Math.round(i.weightGrams));
    return {
      name: cap(i.name, 200),
      code: cap(i.code, 100),
      quantity: Math.max(1, Math.round(i.qty)),
      price: Math.max(0, Math.round(i.unitPrice)),
      weight,
      ...(serviceTypeId === 5 ? dimensions(weight) : {}),
    };
  });
}

// What the shipper reads: the street and hamlet, the 2025 commune and province, and GHN's old ward
// and district it was mapped to (GHN geocodes this text; its lists still have the old names).
function addressLine(a: ShipAddress, place: GhnPlace | undefined): string {
  const parts = [a.street, a.hamlet, a.communeName, place?.wardName, place?.districtName, a.provinceName];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    const t = p?.trim();
    if (!t || t === "Khác") continue;
    const k = foldText(t);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out.join(", ");
}

function cap(s: string, n: number): string {
  return [...s].slice(0, n).join("");
}

function money(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? Math.round(v) : undefined;
}

function date(v: unknown): Date | null {
  if (typeof v !== "string" || !v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
