import type { TrackingMessages } from "./tracking";

/** English words of a parcel's journey. */
export const trackingEn: TrackingMessages = {
  carrierName: { ghn: "GHN", ghtk: "GHTK" },
  happened: {
    ready_to_pick: "is waiting to pick up the parcel",
    picked: "has picked up the parcel",
    in_transit: "is bringing the parcel to you",
    delivering: "is delivering the parcel to you",
    delivered: "has delivered the parcel",
    delivery_failed: "could not deliver the parcel",
    returning: "is returning the parcel to the shop",
    returned: "has returned the parcel to the shop",
    cancelled: "has cancelled the waybill",
    lost: "reports the parcel lost",
  },
  buyerUpdate: (p) => `📦 Order ${p.code}: ${p.carrier} ${p.happened}. Waybill ${p.waybill}${p.url ? ` — track it: ${p.url}` : ""}`,
  buyerFailedHint: "The shop will contact you to arrange another delivery.",
  buyerDeliveredThanks: "Thank you for shopping with us!",
  reason: (p) => `Reason: ${p.reason}`,
  staffAlert: (p) => `⚠️ Order ${p.code}: ${p.carrier} ${p.happened} (waybill ${p.waybill}).`,
  staffCall: (p) => `Call the buyer: ${p.phone}`,
  returnedReason: (p) => `${p.carrier} returned the parcel to the shop`,
};
