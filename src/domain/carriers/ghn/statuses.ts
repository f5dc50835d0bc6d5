// GHN's status words (CARRIERS.md §1.7) in ours. The mapping:
//   ready_to_pick, picking, money_collect_picking            → ready_to_pick
//   picked                                                   → picked
//   storing, transporting, sorting                           → in_transit
//   delivering, money_collect_delivering                     → delivering
//   delivered                                                → delivered
//   delivery_fail, waiting_to_return                         → delivery_failed
//   return, return_transporting, return_sorting, returning, return_fail → returning
//   returned                                                 → returned
//   cancel                                                   → cancelled
//   lost, damage                                             → lost
//   exception (and any word GHN adds later)                  → undefined: keep the last known one
import type { ShipmentStatus } from "../carrier";

const MAP: Record<string, ShipmentStatus> = {
  ready_to_pick: "ready_to_pick",
  picking: "ready_to_pick",
  money_collect_picking: "ready_to_pick",
  picked: "picked",
  storing: "in_transit",
  transporting: "in_transit",
  sorting: "in_transit",
  delivering: "delivering",
  money_collect_delivering: "delivering",
  delivered: "delivered",
  delivery_fail: "delivery_failed",
  waiting_to_return: "delivery_failed",
  return: "returning",
  return_transporting: "returning",
  return_sorting: "returning",
  returning: "returning",
  return_fail: "returning",
  returned: "returned",
  cancel: "cancelled",
  lost: "lost",
  damage: "lost",
};

/** Ours for a GHN status word, or undefined (exception, unknown): the caller keeps the last known. */
export function ghnStatus(word: string): ShipmentStatus | undefined {
  return MAP[word.trim().toLowerCase()];
}

/** Every GHN status word the mapping knows (the fake and the tests walk them). */
export const GHN_STATUS_WORDS = [...Object.keys(MAP), "exception"] as const;
