// What a parcel's journey says (issue 23 part 4), Vietnamese (default): the buyer's push on each
// change and the staff's alerts for a failed delivery or a return. tracking-en.ts must have every key.
export const trackingVi = {
  carrierName: { ghn: "GHN", ghtk: "GHTK" },
  /** What happened, after the carrier's name ("GHN đã lấy hàng"). */
  happened: {
    ready_to_pick: "đang chờ lấy hàng",
    picked: "đã lấy hàng",
    in_transit: "đang chuyển hàng đến bạn",
    delivering: "đang giao hàng cho bạn",
    delivered: "đã giao hàng xong",
    delivery_failed: "chưa giao được hàng",
    returning: "đang hoàn hàng về shop",
    returned: "đã hoàn hàng về shop",
    cancelled: "đã huỷ vận đơn",
    lost: "báo thất lạc hàng",
  },
  buyerUpdate: (p: { code: string; carrier: string; happened: string; waybill: string; url: string }) =>
    `📦 Đơn ${p.code}: ${p.carrier} ${p.happened}. Mã vận đơn ${p.waybill}${p.url ? ` — theo dõi: ${p.url}` : ""}`,
  buyerFailedHint: "Shop sẽ liên hệ bạn để hẹn giao lại.",
  buyerDeliveredThanks: "Cảm ơn bạn đã ủng hộ shop!",
  reason: (p: { reason: string }) => `Lý do: ${p.reason}`,
  staffAlert: (p: { code: string; carrier: string; happened: string; waybill: string }) => `⚠️ Đơn ${p.code}: ${p.carrier} ${p.happened} (vận đơn ${p.waybill}).`,
  staffCall: (p: { phone: string }) => `Gọi khách: ${p.phone}`,
  /** The order's cancel reason once the parcel is back at the shop. */
  returnedReason: (p: { carrier: string }) => `${p.carrier} đã hoàn hàng về shop`,
};
