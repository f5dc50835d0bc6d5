// The shipment status machine (issue 23, part 4): where a parcel may go from where it is, in our
// words (carrier.ts ShipmentStatus). Carriers resend and reorder their webhooks; what we believe is
// only the status read back from the carrier, and even that never moves a parcel backwards.
import type { ShipmentStatus } from "./carrier";

/** Statuses nothing moves out of. */
export const TERMINAL_STATUSES: ReadonlySet<ShipmentStatus> = new Set<ShipmentStatus>(["delivered", "returned", "cancelled", "lost"]);

// How far along the forward path a status is. A failed delivery sits beside "delivering": the
// carrier may try again (delivering) or send it back (returning).
const RANK: Record<ShipmentStatus, number> = {
  ready_to_pick: 0,
  picked: 1,
  in_transit: 2,
  delivering: 3,
  delivery_failed: 3,
  returning: 5,
  delivered: 9,
  returned: 9,
  cancelled: 9,
  lost: 9,
};

export const isTerminal = (s: ShipmentStatus): boolean => TERMINAL_STATUSES.has(s);

/**
 * Whether a parcel in `from` may be recorded as `to`. Never backwards, never out of a terminal
 * status, never the same status again (that is a resend). A skipped step is fine (a missed webhook).
 */
export function canMove(from: ShipmentStatus, to: ShipmentStatus): boolean {
  if (from === to || isTerminal(from)) return false;
  // The carrier's word on a parcel cancelled or lost stands wherever it was.
  if (to === "cancelled" || to === "lost") return true;
  // A failed attempt, then another try; or a try that fails.
  if ((from === "delivery_failed" && to === "delivering") || (from === "delivering" && to === "delivery_failed")) return true;
  // A parcel on its way back is not delivered after all.
  if (to === "delivered") return RANK[from] <= RANK.delivering;
  return RANK[to] > RANK[from];
}

/** The order's own status a shipment status asks for (CONTRACT.md order statuses), if any. */
export function orderStatusFor(s: ShipmentStatus): "out_for_delivery" | "delivered" | "cancelled" | undefined {
  switch (s) {
    case "picked":
    case "in_transit":
    case "delivering":
    case "delivery_failed":
    case "returning":
      return "out_for_delivery";
    case "delivered":
      return "delivered";
    case "returned":
      return "cancelled";
    default:
      return undefined;
  }
}

/** Statuses the staff hear about at once (besides the buyer). */
export function alertsStaff(from: ShipmentStatus, to: ShipmentStatus): boolean {
  if (to === "delivery_failed" || to === "returning" || to === "lost") return true;
  // A return the webhooks skipped straight to its end is still a return the staff must hear of, once.
  return to === "returned" && from !== "returning";
}
