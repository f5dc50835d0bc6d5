import type { CarrierId } from "../src/domain/carriers/carrier";
import type { CartLine } from "../src/domain/orders/pricing";

export type OrderStep =
  | "product"
  | "options"
  | "qty"
  | "cart"
  | "fulfilment"
  | "zone"
  | "address"
  | "phone"
  | "slot"
  | "note"
  | "summary"
  | "payment"
  // delivery by a carrier beyond the shop's zones (flows/order/ship-steps.ts)
  | "ship_province"
  | "ship_commune"
  | "ship_hamlet"
  | "ship_street"
  | "ship_carrier";

/** A guided order in progress. */
export interface OrderDraft {
  /** Random id carried by this draft's buttons: a button from an earlier draft is recognised as stale. */
  id: string;
  step: OrderStep;
  history: OrderStep[];
  cart: CartLine[];
  /** The item being configured (options, quantity) before it joins the cart. */
  picking?: { productId: number; optionIds: number[]; /** already said ("2 suất cơm gà"): not asked again */ qty?: number };
  fulfilment?: "delivery" | "pickup";
  zoneId?: number;
  /** Set when the buyer chose "elsewhere": a carrier delivers (then zoneId is unset). */
  ship?: ShipDraft;
  address?: string;
  phone?: string;
  slot?: string;
  /** null once the buyer skipped the note */
  note?: string | null;
  /** Set once confirmed: the draft order holding the stock. */
  orderId?: number;
  /** A draft order made earlier (a group comment) whose stock is already held: checkout fills it in. */
  existingOrderId?: number;
}

/** A carrier-delivered address as the steps fill it in, and the carrier chosen with its quote. */
export interface ShipDraft {
  provinceCode?: string;
  communeCode?: string;
  /** null: the buyer has none. */
  hamlet?: string | null;
  /** null: skipped. */
  street?: string | null;
  /** The choices last offered (province or commune codes), so a typed "2" or a stale list is read right. */
  offered?: string[];
  /** The carriers' quotes for this cart and place (asked once, when the street was given). */
  quotes?: { carrier: CarrierId; fee: number; paidBy: "buyer" | "shop"; fallback: boolean; expected: string | null; note?: string }[];
  /** The carrier chosen among the quotes. */
  carrier?: CarrierId;
}

/** What a conversation remembers between messages. */
export interface ConversationState {
  v: typeof STATE_VERSION;
  order?: OrderDraft;
}

// Bump when the shape changes: a stored state of another version reads as empty rather than
// being misread (an expired step is cheaper than a wrong order).
export const STATE_VERSION = 1 as const;

/** An empty state: no order in progress. */
export function freshState(): ConversationState {
  return { v: STATE_VERSION };
}

/** The stored JSON as state; anything unreadable or of another version is a fresh state. */
export function readState(json: string): ConversationState {
  try {
    const v = JSON.parse(json) as Partial<ConversationState>;
    if (v && v.v === STATE_VERSION) return v as ConversationState;
  } catch {
    // fall through: a fresh state
  }
  return { v: STATE_VERSION };
}
