// GHTK's status ids (CARRIERS.md §2.6) in our words (ShipmentStatus).
import type { ShipmentStatus } from "../carrier";

export interface GhtkStatusMeaning {
  status: ShipmentStatus;
  /** A problem worth showing the seller even though the status did not change (7, 8, 9, 10…). */
  problem: boolean;
  /** GHTK says the COD was collected from the buyer (5, 6). */
  collected: boolean;
  /** GHTK says it has settled with the shop (6: "Đã đối soát"). */
  settled: boolean;
  /** Vietnamese text GHTK uses for it (when an answer has no status_text). */
  text: string;
}

const m = (status: ShipmentStatus, text: string, extra: Partial<GhtkStatusMeaning> = {}): GhtkStatusMeaning => ({
  status,
  text,
  problem: false,
  collected: false,
  settled: false,
  ...extra,
});

/**
 * -1 cancelled; 1, 2, 12 waiting for pickup; 8 (pickup postponed) and 7 (could not pick up) stay
 * ready_to_pick with a reason; 3 picked (GHTK has no separate "in transit" id: 3 covers "in the
 * warehouse" until 4); 4 delivering, 10 (delivery postponed) still delivering; 9 delivery failed;
 * 5 delivered, COD collected, not yet settled; 6 delivered and settled (the COD paid out);
 * 20 returning; 21 returned; 11 (return's debts settled) and 13 (compensated: GHTK paid for goods
 * it lost or damaged) are ends of a return too: the buyer got nothing, nothing more will move.
 * The shipper's own reports (unconfirmed, webhooks only) never move us further than their
 * confirmed counterparts would: 123 picked, 127/128 pickup trouble, 45/49/410 still delivering.
 */
export const GHTK_STATUSES: Readonly<Record<number, GhtkStatusMeaning>> = {
  [-1]: m("cancelled", "Hủy đơn hàng"),
  1: m("ready_to_pick", "Chưa tiếp nhận"),
  2: m("ready_to_pick", "Đã tiếp nhận"),
  12: m("ready_to_pick", "Đã điều phối lấy hàng/Đang lấy hàng"),
  8: m("ready_to_pick", "Hoãn lấy hàng", { problem: true }),
  7: m("ready_to_pick", "Không lấy được hàng", { problem: true }),
  3: m("picked", "Đã lấy hàng/Đã nhập kho"),
  4: m("delivering", "Đã điều phối giao hàng/Đang giao hàng"),
  10: m("delivering", "Delay giao hàng", { problem: true }),
  9: m("delivery_failed", "Không giao được hàng", { problem: true }),
  5: m("delivered", "Đã giao hàng/Chưa đối soát", { collected: true }),
  6: m("delivered", "Đã đối soát", { collected: true, settled: true }),
  20: m("returning", "Đang trả hàng"),
  21: m("returned", "Đã trả hàng"),
  11: m("returned", "Đã đối soát công nợ trả hàng"),
  13: m("returned", "Đơn hàng bồi hoàn"),
  // Shipper reports (CARRIERS.md §2.6 "unconfirmed"): only ever as careful as the confirmed ids.
  123: m("picked", "Shipper báo đã lấy hàng"),
  127: m("ready_to_pick", "Shipper báo không lấy được hàng", { problem: true }),
  128: m("ready_to_pick", "Shipper báo delay lấy hàng", { problem: true }),
  45: m("delivering", "Shipper báo đã giao hàng"),
  49: m("delivering", "Shipper báo không giao được hàng", { problem: true }),
  410: m("delivering", "Shipper báo delay giao hàng", { problem: true }),
};

export function ghtkStatus(id: number): GhtkStatusMeaning | undefined {
  return Object.hasOwn(GHTK_STATUSES, id) ? GHTK_STATUSES[id] : undefined;
}

/** Reads GHTK's status, a number in the real answers and a string in the docs' samples. */
export function statusId(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
