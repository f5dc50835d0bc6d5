// What every carrier client gives the rest of the product (issue 23): a quote, a waybill made once
// per client order code, the waybill read back, cancel, label. GHN (ghn/) and GHTK (ghtk/) each
// implement it with a small typed client of their own (no maintained SDK on the registry); their
// own ids, names, units and status words never leave their folder.

export type CarrierId = "ghn" | "ghtk";
export const CARRIER_IDS: readonly CarrierId[] = ["ghn", "ghtk"];

/**
 * A place as the 2025 list names it (GSO codes and names: src/domain/address/), with what the buyer
 * typed below the commune. Each client maps it to its own address fields at the edge (GHN's numeric
 * DistrictID and WardCode through the old units, src/domain/address/old-units.ts; GHTK's names).
 */
export interface ShipAddress {
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  /** Thôn / bản / xóm / ấp / tổ (GHTK requires one when there is no street: "Khác" stands for none). */
  hamlet: string | null;
  /** House number and street. */
  street: string | null;
  name: string;
  phone: string;
}

export interface ParcelItem {
  code: string;
  name: string;
  qty: number;
  /** Đồng, integer. */
  unitPrice: number;
  /** Grams, for one unit (options included). */
  weightGrams: number;
}

export interface Parcel {
  /** Grams, the whole parcel. */
  weightGrams: number;
  /** Đồng: what the goods are worth (insurance). */
  declaredValue: number;
  /** Đồng the carrier collects from the buyer on delivery (the unpaid total; 0 when paid). */
  cod: number;
  items: ParcelItem[];
  note?: string;
}

export interface CarrierQuote {
  carrier: CarrierId;
  /** Đồng. */
  fee: number;
  /** When the carrier expects to deliver, if it says. */
  expectedDelivery: Date | null;
}

export interface NewShipment {
  /** Ours, unique per order (e.g. the order code): a retry or a double tap finds the same waybill. */
  clientCode: string;
  from: ShipAddress;
  to: ShipAddress;
  parcel: Parcel;
  /** Who pays the carrier's fee: the shop, or the buyer (added to what is collected). */
  feePaidBy: "shop" | "buyer";
}

export interface CreatedShipment {
  carrier: CarrierId;
  /** The carrier's code for it (GHN order_code, GHTK label). */
  waybill: string;
  clientCode: string;
  fee: number;
  expectedDelivery: Date | null;
  /** The public page where the buyer can follow it. */
  trackingUrl: string;
}

/** Where a parcel is, in our words (each client maps its carrier's statuses to these). */
export type ShipmentStatus =
  | "ready_to_pick"
  | "picked"
  | "in_transit"
  | "delivering"
  | "delivered"
  | "delivery_failed"
  | "returning"
  | "returned"
  | "cancelled"
  | "lost";

/** A waybill as the carrier reports it when read back (the only report believed). */
export interface ShipmentReport {
  carrier: CarrierId;
  waybill: string;
  clientCode: string | null;
  status: ShipmentStatus;
  /** The carrier's own status word or number, as text (kept for the seller and for dedupe). */
  carrierStatus: string;
  /** When the carrier says it happened, if it says. */
  at: Date | null;
  reason: string | null;
  /** Đồng to collect on delivery, and collected so far (once delivered). */
  codAmount: number;
  codCollected: number;
  /** Đồng the carrier says it has paid the shop for this waybill, when it says (else null). */
  codPaidOut: number | null;
  /** The carrier's fee for it, if it says. */
  fee: number | null;
}

/** What a carrier's webhook claims: only which waybill to read back (never believed as it is). */
export interface WebhookNotice {
  waybill: string;
  clientCode: string | null;
  carrierStatus: string;
  at: Date | null;
}

export type ShipmentLabel = { kind: "url"; url: string } | { kind: "pdf"; bytes: Uint8Array };

/** The carrier answered, and said no (a rule broken, a waybill that cannot be cancelled…). */
export class CarrierRefusal extends Error {
  constructor(
    readonly carrier: CarrierId,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${carrier}: ${code} ${description}`);
    this.name = "CarrierRefusal";
  }
}

/** No usable answer: network, timeout, 5xx, 429, a body that is not the carrier's JSON. Worth a retry. */
export class CarrierUnavailable extends Error {
  constructor(
    readonly carrier: CarrierId,
    message: string,
  ) {
    super(`${carrier}: ${message}`);
    this.name = "CarrierUnavailable";
  }
}

export interface CarrierClient {
  readonly id: CarrierId;
  quote(from: ShipAddress, to: ShipAddress, parcel: Parcel): Promise<CarrierQuote>;
  /** Makes the waybill once per clientCode: a second call with the same code returns the first. */
  create(shipment: NewShipment): Promise<CreatedShipment>;
  /** Reads the waybill back from the carrier. */
  detail(ref: { waybill: string } | { clientCode: string }): Promise<ShipmentReport>;
  /** Cancels before pickup; a CarrierRefusal once it is too late. */
  cancel(waybill: string): Promise<void>;
  label(waybill: string): Promise<ShipmentLabel>;
}

/** Reads a carrier's webhook body (raw text and its content type) to the waybill it names, or undefined. */
export type WebhookReader = (body: string, contentType: string) => WebhookNotice | undefined;

/** A shop's account at each carrier (from its settings, or the environment for the default shop). */
export interface CarrierAccounts {
  ghn?: { apiRoot: string; token: string; shopId: number };
  ghtk?: { apiRoot: string; token: string; clientSource?: string };
}
