// Vietnamese, the default. Every user-facing string lives here and in en.ts; the Messages type
// (built from this file) makes a key missing in English a type error.
import { formatVnd } from "../domain/money";

const vnd = formatVnd;

export const vi = {
  // general
  sorry: "Xin lỗi, hệ thống vừa gặp trục trặc. Bạn gửi lại giúp mình nhé.",
  busy: "Tin nhắn trước của bạn đang được xử lý, bạn gửi lại sau giây lát nhé.",
  welcome: (p: { shop: string }) => `Chào bạn! Đây là ${p.shop}. Bấm “Xem thực đơn” để đặt hàng, hoặc gõ mã món (ví dụ A1).`,
  welcomeBack: (p: { shop: string }) => `Chào mừng bạn quay lại ${p.shop}!`,
  help: [
    "Cách đặt hàng:",
    "• Bấm “Xem thực đơn” rồi chọn món, hoặc gõ mã món (A1) hay tên món.",
    "• Gõ số lượng: 2, hai, 2 phần…",
    "• “quay lại” để sửa bước trước, “huỷ” để huỷ đơn.",
    "Lệnh: /menu thực đơn · /orders đơn của bạn · /lang en English · /help trợ giúp",
  ].join("\n"),
  langChanged: "Đã chuyển sang tiếng Việt.",
  langUsage: "Gõ /lang vi (tiếng Việt) hoặc /lang en (English).",
  emptyMessage: "Bạn chưa gõ gì. Bấm “Xem thực đơn” hoặc gõ mã món để đặt hàng.",
  notUnderstood: "Mình chưa hiểu ý bạn. Bấm “Xem thực đơn” hoặc gõ mã món (ví dụ A1).",
  staleButton: "Nút này thuộc một lượt đặt trước đó. Mình tiếp tục ở bước hiện tại nhé:",
  cancelled: "Đã huỷ đơn đang đặt. Khi nào cần, bấm “Xem thực đơn” nhé.",
  nothingToCancel: "Bạn chưa có đơn nào đang đặt.",
  unknownCommand: "Lệnh này mình chưa biết. Gõ /help để xem các lệnh.",

  // buttons
  btnMenu: "📋 Xem thực đơn",
  btnBack: "⬅️ Quay lại",
  btnCancel: "✖️ Huỷ",
  btnAddMore: "➕ Thêm món",
  btnCheckout: "✅ Đặt hàng",
  btnClearCart: "🗑 Xoá giỏ",
  btnConfirm: "✅ Xác nhận đặt",
  btnSkip: "Bỏ qua",
  btnReorder: "🔁 Đặt lại đơn trước",
  btnPayPage: "💳 Mở trang thanh toán",
  btnDelivery: "🛵 Giao tận nơi",
  btnPickup: "🏪 Tự đến lấy",
  btnPayVietqr: "🏦 Chuyển khoản (VietQR)",
  btnPayCod: "💵 Tiền mặt khi nhận",
  btnSharePhone: "📱 Gửi số điện thoại của tôi",
  btnOtherZone: "📍 Chọn khu vực khác",
  btnUseLast: (p: { value: string }) => `↩️ ${p.value}`,

  // menu and products
  menuHeader: (p: { shop: string }) => `📋 Thực đơn ${p.shop}:`,
  menuItem: (p: { code: string; name: string; price: number; unit: string }) => `${p.code} · ${p.name} — ${vnd(p.price)}/${p.unit}`,
  menuItemUnavailable: (p: { code: string; name: string }) => `${p.code} · ${p.name} — tạm hết`,
  menuEmpty: "Hiện shop chưa có món nào đang bán. Bạn quay lại sau nhé.",
  menuPick: "Chọn món bằng nút bên dưới, hoặc gõ mã món (ví dụ A1) hay tên món.",
  productNotFound: (p: { text: string }) => `Không tìm thấy món “${p.text}”. Gõ mã món như A1, hoặc chọn trong thực đơn.`,
  productAmbiguous: "Có vài món giống vậy, bạn chọn giúp mình:",
  productSoldOut: (p: { name: string }) => `Rất tiếc, ${p.name} đã hết hàng.`,
  productNotToday: (p: { name: string }) => `${p.name} hôm nay không bán.`,
  productOutsideHours: (p: { name: string; from: string; to: string }) => `${p.name} chỉ bán từ ${p.from} đến ${p.to}.`,
  tryInstead: "Bạn có thể chọn món khác:",
  productCard: (p: { code: string; name: string; price: number; unit: string; description: string; labels: string[] }) =>
    [`${p.code} · ${p.name} — ${vnd(p.price)}/${p.unit}`, p.description, p.labels.length ? `🏷 ${p.labels.join(" · ")}` : ""]
      .filter(Boolean)
      .join("\n"),
  chooseOption: (p: { group: string; product: string }) => `Chọn ${p.group.toLowerCase()} cho ${p.product}:`,
  optionLabel: (p: { name: string; delta: number }) => (p.delta ? `${p.name} (${p.delta > 0 ? "+" : ""}${vnd(p.delta)})` : p.name),
  optionInvalid: (p: { group: string }) => `Bạn chọn ${p.group.toLowerCase()} bằng nút bên dưới, hoặc gõ số thứ tự (1, 2…).`,

  // quantity
  askQty: (p: { name: string; unit: string }) => `Bạn lấy mấy ${p.unit} ${p.name}? Gõ số, ví dụ 2 hoặc “hai”.`,
  qtyNotNumber: "Mình chưa hiểu số lượng. Gõ số, ví dụ 2, “hai” hoặc “2 phần”.",
  qtyZero: "Số lượng phải từ 1 trở lên.",
  qtyTooLarge: (p: { max: number }) => `Mỗi món đặt tối đa ${p.max}. Đặt nhiều hơn, bạn nhắn shop nhé.`,
  qtyNotWhole: "Số lượng phải là số nguyên, ví dụ 1 hoặc 2.",
  onlyLeft: (p: { name: string; left: number; unit: string }) => `${p.name} chỉ còn ${p.left} ${p.unit}.`,

  // cart
  addedToCart: (p: { qty: number; unit: string; name: string }) => `Đã thêm ${p.qty} ${p.unit} ${p.name} vào giỏ.`,
  cartHeader: "🛒 Giỏ hàng:",
  cartLine: (p: { name: string; options: string[]; qty: number; total: number }) =>
    `• ${p.name}${p.options.length ? ` (${p.options.join(", ")})` : ""} × ${p.qty} = ${vnd(p.total)}`,
  cartSubtotal: (p: { amount: number }) => `Tạm tính: ${vnd(p.amount)}`,
  cartEmpty: "Giỏ hàng đang trống. Chọn món trong thực đơn nhé.",
  cartFull: (p: { max: number }) => `Giỏ hàng tối đa ${p.max} món. Bạn đặt đơn này trước nhé.`,
  cartNext: "Bạn muốn thêm món hay đặt hàng luôn?",
  cartCleared: "Đã xoá giỏ hàng.",
  cartChanged: "Giá hoặc món trong giỏ vừa thay đổi, mình cập nhật lại giỏ nhé.",

  // fulfilment, zone, address, phone, slot, note
  chooseFulfilment: "Bạn muốn nhận hàng thế nào?",
  fulfilmentInvalid: "Bạn chọn “Giao tận nơi” hoặc “Tự đến lấy” nhé.",
  pickupAt: (p: { address: string }) => `Địa chỉ lấy hàng: ${p.address}`,
  chooseZone: "Bạn ở xã/phường nào? (phí giao · đơn tối thiểu)",
  zoneLabel: (p: { name: string; fee: number; min: number }) => `${p.name} · ${vnd(p.fee)}${p.min ? ` · từ ${vnd(p.min)}` : ""}`,
  zoneInvalid: "Bạn chọn khu vực bằng nút bên dưới, hoặc gõ tên xã/phường.",
  belowMinimum: (p: { zone: string; min: number; subtotal: number }) =>
    `Đơn giao đến ${p.zone} tối thiểu ${vnd(p.min)}; giỏ của bạn mới ${vnd(p.subtotal)} (thiếu ${vnd(p.min - p.subtotal)}).`,
  askAddress: "Địa chỉ giao hàng của bạn? (số nhà, thôn/xóm, đường)",
  addressTooShort: "Địa chỉ hơi ngắn. Bạn ghi rõ số nhà, thôn/xóm giúp mình nhé.",
  askPhone: "Số điện thoại để shop/shipper liên hệ?",
  phoneInvalid: "Số điện thoại chưa đúng. Gõ số di động 10 số, ví dụ 0912 345 678.",
  phoneNotMobile: "Bạn cho mình số di động (bắt đầu 03, 05, 07, 08 hoặc 09) nhé.",
  contactNotOwn: "Đây là số của người khác. Bấm nút gửi số của bạn, hoặc gõ số điện thoại.",
  chooseSlot: "Bạn muốn nhận lúc nào?",
  slotLabel: (p: { day: "today" | "tomorrow"; from: string; to: string }) => `${p.day === "today" ? "Hôm nay" : "Ngày mai"} ${p.from}–${p.to}`,
  slotInvalid: "Bạn chọn giờ nhận bằng nút bên dưới, hoặc gõ số thứ tự.",
  askNote: "Bạn có ghi chú gì cho shop không? (ít cay, không hành…) Nếu không, bấm “Bỏ qua”.",

  // summary, confirmation, payment
  summaryHeader: "🧾 Kiểm tra lại đơn hàng:",
  summaryFee: (p: { zone: string; fee: number }) => `Phí giao (${p.zone}): ${vnd(p.fee)}`,
  summaryPickup: "Nhận tại shop: miễn phí giao",
  summaryTotal: (p: { amount: number }) => `Tổng cộng: ${vnd(p.amount)}`,
  summaryDeliverTo: (p: { address: string }) => `📍 Giao đến: ${p.address}`,
  summaryPhone: (p: { phone: string }) => `📞 ${p.phone}`,
  summarySlot: (p: { slot: string }) => `🕒 ${p.slot}`,
  summaryNote: (p: { note: string }) => `📝 ${p.note}`,
  summaryAsk: "Đúng rồi thì bấm “Xác nhận đặt” nhé.",
  confirmInvalid: "Bấm “Xác nhận đặt” để đặt, “Quay lại” để sửa, hoặc “Huỷ”.",
  outOfStockAtConfirm: (p: { name: string; left: number; unit: string }) =>
    p.left > 0
      ? `Rất tiếc, ${p.name} vừa được đặt gần hết, chỉ còn ${p.left} ${p.unit}. Bạn sửa giỏ hàng nhé.`
      : `Rất tiếc, ${p.name} vừa hết hàng. Bạn chọn món khác nhé.`,
  choosePayment: (p: { code: string }) => `Đơn ${p.code} đã giữ hàng cho bạn. Bạn thanh toán thế nào?`,
  paymentInvalid: "Bạn chọn cách thanh toán bằng nút bên dưới nhé.",
  orderPlacedVietqr: (p: { code: string; total: number }) =>
    `✅ Đơn ${p.code} đã được ghi nhận!\nVui lòng chuyển khoản ${vnd(p.total)} với nội dung: ${p.code}\nMở trang thanh toán để quét mã QR.`,
  orderPlacedCod: (p: { code: string; total: number }) =>
    `✅ Đơn ${p.code} đã được ghi nhận!\nBạn trả ${vnd(p.total)} tiền mặt khi nhận hàng. Shop sẽ báo khi đơn được chuẩn bị.`,
  draftGone: "Đơn này đã hết thời gian giữ hàng. Bạn đặt lại giúp mình nhé.",

  // re-order and the buyer's orders
  reorderNone: "Bạn chưa có đơn nào trước đây. Chọn món trong thực đơn nhé.",
  reorderSkipped: (p: { names: string[] }) => `Một số món không còn bán nên mình bỏ ra: ${p.names.join(", ")}.`,
  ordersNone: "Bạn chưa có đơn hàng nào.",
  ordersHeader: "Đơn hàng gần đây của bạn:",
  orderLine: (p: { code: string; total: number; status: string; payment: string }) => `• ${p.code} — ${vnd(p.total)} — ${p.status} (${p.payment})`,
  status: {
    draft: "đang đặt",
    pending_payment: "chờ thanh toán",
    confirmed: "đã xác nhận",
    preparing: "đang chuẩn bị",
    out_for_delivery: "đang giao",
    delivered: "đã giao",
    cancelled: "đã huỷ",
  },
  paymentStatus: {
    unpaid: "chưa thanh toán",
    partial: "thanh toán thiếu",
    paid: "đã thanh toán",
    overpaid: "chuyển dư",
    cod: "trả khi nhận",
  },
  // web chat page
  webchatTitle: (p: { shop: string }) => `${p.shop} · Đặt hàng`,
  webchatPlaceholder: "Gõ tin nhắn… (ví dụ: A1)",
  webchatSend: "Gửi",
  webchatRetrying: "Mạng chập chờn, đang gửi lại…",
  webchatOffline: "Chưa gửi được. Kiểm tra mạng rồi bấm Gửi lại.",
  webchatResend: "Gửi lại",
  webchatYou: "Bạn",
  // payment page
  payTitle: (p: { code: string }) => `Thanh toán đơn ${p.code}`,
  payAmount: "Số tiền",
  payBank: "Ngân hàng",
  payHolder: "Chủ tài khoản",
  payAccount: "Số tài khoản",
  payMemo: "Nội dung chuyển khoản",
  payMemoHint: "Ghi đúng nội dung này để shop nhận ra đơn của bạn.",
  payStatus: "Trạng thái",
  payItems: "Món đã đặt",
  payCod: "Đơn này trả tiền mặt khi nhận hàng.",
  payCopy: "Sao chép",
  payCopied: "Đã chép",
  // payments
  payQrCaption: (p: { code: string; total: number }) => `Quét mã QR để chuyển ${vnd(p.total)} cho đơn ${p.code}.`,
  payTransferDetails: (p: { bank: string; account: string; holder: string; total: number; code: string }) =>
    [`🏦 ${p.bank}`, `Số tài khoản: ${p.account}`, p.holder ? `Chủ tài khoản: ${p.holder}` : "", `Số tiền: ${vnd(p.total)}`, `Nội dung: ${p.code}`].filter(Boolean).join("\n"),
  paymentReceived: (p: { code: string; amount: number }) => `✅ Đã nhận ${vnd(p.amount)} cho đơn ${p.code}. Cảm ơn bạn! Shop đang chuẩn bị đơn.`,
  paymentPartial: (p: { code: string; amount: number; remaining: number }) =>
    `Đã nhận ${vnd(p.amount)} cho đơn ${p.code}, còn thiếu ${vnd(p.remaining)}. Bạn chuyển thêm ${vnd(p.remaining)} với nội dung ${p.code} nhé.`,
  paymentOverpaid: (p: { code: string; amount: number; excess: number }) =>
    `Đã nhận ${vnd(p.amount)} cho đơn ${p.code}, dư ${vnd(p.excess)} so với số cần trả. Shop sẽ liên hệ để hoàn lại tiền dư.`,
  paymentLate: (p: { code: string; amount: number }) =>
    `Đã nhận ${vnd(p.amount)} cho đơn ${p.code}, nhưng đơn này đã bị huỷ trước đó. Shop sẽ liên hệ để hoàn tiền hoặc giao lại đơn.`,
  paymentReminder: (p: { code: string; total: number }) =>
    `⏰ Đơn ${p.code} đang giữ hàng cho bạn nhưng chưa nhận được tiền. Bạn chuyển ${vnd(p.total)} với nội dung ${p.code} nhé.`,
  paymentTimedOut: (p: { code: string }) => `Đơn ${p.code} đã bị huỷ vì quá hạn thanh toán. Bạn có thể đặt lại bất cứ lúc nào.`,
  sharePhonePrompt: "👇 Hoặc bấm nút dưới đây để gửi số điện thoại của bạn.",
  backInStock: (p: { code: string; name: string }) => `🔔 ${p.code} · ${p.name} đã có hàng trở lại! Đặt ngay kẻo hết nhé.`,
  btnOrderNow: "🛒 Đặt ngay",
  staffNewOrder: (p: { code: string; total: number; payment: string }) => `🆕 Đơn mới ${p.code} — ${vnd(p.total)} (${p.payment})`,
  staffTransfer: (p: { outcome: string; amount: number; code: string; memo: string; paid: number; total: number }) =>
    p.outcome === "paid"
      ? `💰 ${p.code}: đã nhận ${vnd(p.amount)}, đủ tiền.`
      : p.outcome === "partial"
        ? `⚠️ ${p.code}: nhận ${vnd(p.amount)}, mới đủ ${vnd(p.paid)}/${vnd(p.total)}.`
        : p.outcome === "overpaid"
          ? `⚠️ ${p.code}: nhận ${vnd(p.amount)}, tổng ${vnd(p.paid)} vượt ${vnd(p.total)}. Cần hoàn lại ${vnd(p.paid - p.total)}.`
          : p.outcome === "late"
            ? `⚠️ ${p.code}: nhận ${vnd(p.amount)} sau khi đơn đã huỷ. Cần hoàn tiền hoặc giao lại.`
            : p.outcome === "other_account"
              ? `❓ Tiền vào tài khoản khác: ${vnd(p.amount)} — “${p.memo}”.`
              : `❓ Tiền vào không khớp đơn nào: ${vnd(p.amount)} — “${p.memo}”. Kiểm tra và gán đơn bằng tay.`,
  commentTaken: (p: { who: string; items: string; minutes: number; link: string }) => `✅ ${p.who}: ${p.items} — giữ hàng ${p.minutes} phút. Hoàn tất đơn: ${p.link}`,
  commentOnlyLeft: (p: { who: string; code: string; left: number; unit: string }) => `⚠️ ${p.who}: ${p.code} chỉ còn ${p.left} ${p.unit}, bạn chốt lại số lượng nhé.`,
  commentSoldOut: (p: { who: string; code: string; name: string; link: string }) => `❌ ${p.who}: ${p.code} ${p.name} đã hết. Nhận tin khi có lại: ${p.link}`,
  commentFinishPrivately: (p: { code: string; items: string; total: number; minutes: number }) =>
    `Shop đã giữ ${p.items} cho bạn (đơn ${p.code}, tạm tính ${vnd(p.total)}) trong ${p.minutes} phút. Bấm để hoàn tất: cách nhận hàng, địa chỉ, thanh toán.`,
  btnFinishOrder: "✅ Hoàn tất đơn",
  claimNotYours: "Liên kết này là của một đơn khác hoặc đã hết hạn. Bạn chốt lại trong nhóm, hoặc bấm “Xem thực đơn” nhé.",
  waitlistJoined: (p: { code: string; name: string }) => `🔔 Đã ghi tên bạn vào danh sách chờ ${p.code} · ${p.name}. Có hàng lại, mình nhắn ngay.`,
  heldCartFixed: "Đơn chốt từ nhóm giữ nguyên các món đã chốt. Muốn đổi, bạn huỷ đơn này rồi chốt lại nhé.",
  staffOnly: "Lệnh này chỉ dành cho nhân viên shop.",
  staffUsageStock: "Cách dùng: /stock A1 20 (đặt số còn bán của món A1 là 20).",
  staffUsageSoldout: "Cách dùng: /soldout A1 (báo hết), /soldout A1 off (bán lại).",
  staffUnknownCode: (p: { code: string }) => `Không có món mã ${p.code}.`,
  staffStockSet: (p: { code: string; stock: number }) => `✅ ${p.code}: còn ${p.stock}.`,
  staffSoldOut: (p: { code: string }) => `✅ ${p.code}: đã báo hết hàng.`,
  staffWaitlistTold: (p: { count: number }) => `🔔 Đã báo ${p.count} khách đang chờ.`,
  staffNoOrders: "Hôm nay chưa có đơn nào.",
  staffOrdersHeader: (p: { date: string; count: number; total: number }) => `📦 Đơn ngày ${p.date}: ${p.count} đơn, ${vnd(p.total)}`,
  staffLinkInGroup: "Gõ lệnh này trong nhóm cần liên kết.",
  staffLinked: (p: { shop: string }) => `✅ Nhóm này đã được liên kết với ${p.shop}. Bài đăng của shop sẽ gửi vào đây.`,
  staffLinkInvalid: "Mã liên kết không đúng hoặc đã hết hạn. Tạo mã mới trên trang quản lý.",
  staffGroupSet: "✅ Nhóm này là nhóm nhân viên: đơn mới và tiền vào sẽ báo ở đây.",
  staffProductSaved: (p: { code: string; name: string; price: number; unit: string; added: boolean }) =>
    `✅ ${p.added ? "Đã thêm" : "Đã cập nhật"} ${p.code} · ${p.name} — ${vnd(p.price)}/${p.unit}.${p.added ? ` Gõ /stock ${p.code} <số lượng> để mở bán.` : ""}`,
  staffUsagePhoto: "Để thêm món: gửi ảnh kèm chú thích “A7 Mật ong hoa cà phê 250000 hộp” (mã, tên, giá, đơn vị).",
  buyerPreparing: (p: { code: string }) => `👩‍🍳 Shop đã nhận đơn ${p.code} và đang chuẩn bị.`,
  buyerOutForDelivery: (p: { code: string; shipper: string; phone: string }) => `🛵 Đơn ${p.code} đang trên đường giao. Shipper: ${p.shipper}${p.phone ? ` – ${p.phone}` : ""}.`,
  buyerDelivered: (p: { code: string }) => `✅ Đơn ${p.code} đã giao xong. Cảm ơn bạn đã ủng hộ shop!`,
  buyerCancelled: (p: { code: string; reason: string; refund: boolean }) =>
    `❌ Đơn ${p.code} đã bị huỷ${p.reason ? `: ${p.reason}` : ""}.${p.refund ? " Shop sẽ liên hệ hoàn tiền cho bạn." : ""}`,
  cancelReasons: {
    out_of_stock: "hết hàng",
    outside_area: "ngoài khu vực giao",
    too_busy: "shop đang quá tải",
    buyer_cancelled: "bạn đã huỷ",
    payment_timeout: "quá hạn thanh toán",
    expired: "hết thời gian giữ hàng",
  },
  btnStaffAccept: "✅ Nhận đơn",
  btnStaffReject: "✖️ Từ chối",
  btnStaffCancel: "✖️ Huỷ đơn",
  btnStaffPaid: "💰 Đã nhận tiền",
  btnStaffShip: "🛵 Giao hàng",
  btnStaffDelivered: "📦 Đã giao",
  btnShipMyself: "🙋 Tôi đi giao",
  btnReasonOutOfStock: "Hết hàng",
  btnReasonOutsideArea: "Ngoài vùng giao",
  btnReasonTooBusy: "Quá tải",
  staffChooseReason: (p: { code: string }) => `Lý do huỷ đơn ${p.code}? Chọn bên dưới, hoặc gõ: /cancel ${p.code} <lý do>`,
  staffChooseShipper: (p: { code: string }) => `Ai giao đơn ${p.code}? Chọn bên dưới, hoặc gõ: /ship ${p.code} <tên> <số điện thoại>`,
  staffDone: (p: { who: string; code: string; status: string }) => `✅ ${p.who}: đơn ${p.code} → ${p.status}.`,
  staffAlreadyHandled: (p: { code: string; who: string; status: string }) => `Đơn ${p.code} đã được ${p.who || "người khác"} xử lý (hiện: ${p.status}).`,
  staffNotYourOrder: "Đơn này không giao cho bạn.",
  staffUnknownOrder: (p: { code: string }) => `Không có đơn ${p.code}.`,
  staffUsageShip: "Cách dùng: /ship CC7K2M9Q Anh Tú 0912345678",
  staffUsageCancel: "Cách dùng: /cancel CC7K2M9Q lý do",
  staffNothingToPay: (p: { code: string }) => `Đơn ${p.code} không còn khoản nào cần thu.`,
  staffShipperOrders: "Đơn bạn cần giao:",
  summaryTitle: (p: { date: string }) => `📊 Tổng kết ngày ${p.date}`,
  summaryOrders: (p: { orders: number; delivered: number; cancelled: number }) => `Đơn: ${p.orders} (đã giao ${p.delivered}, huỷ ${p.cancelled})`,
  summaryRevenue: (p: { revenue: number; ordered: number }) => `Doanh thu đã thu: ${vnd(p.revenue)} / giá trị đơn: ${vnd(p.ordered)}`,
  summaryUnpaid: (p: { count: number; amount: number }) => `Chưa thu: ${p.count} đơn, ${vnd(p.amount)}`,
  summaryTop: "Bán chạy:",
  btnReorderCode: (p: { code: string }) => `🔁 Đặt lại ${p.code}`,
  reorderUnknown: "Không thấy đơn này trong các đơn của bạn. Chọn món trong thực đơn nhé.",
  replyToOrder: "👉 Trả lời tin này: “chốt 2” để đặt.",
  broadcastStarted: (p: { targets: number }) => `📣 Đang gửi bài tới ${p.targets} nhóm…`,
  broadcastProgress: (p: { sent: number; targets: number }) => `📣 Đã gửi ${p.sent}/${p.targets} nhóm…`,
  broadcastDone: (p: { sent: number; targets: number }) => `📣 Xong: đã gửi ${p.sent}/${p.targets} nhóm.`,
  broadcastUncertain: "chưa rõ đã gửi chưa (máy chủ khởi động lại giữa chừng), kiểm tra nhóm rồi gửi lại nếu cần",
  broadcastNoGroups: "Chưa có nhóm nào được liên kết. Gõ /link <mã> trong nhóm khách trước.",
  broadcastEmptyMenu: "Hiện không có món nào đang bán để đăng.",
  staffUsagePost: "Cách dùng: /post A1 (đăng một món), /post menu (đăng thực đơn), /post new <nội dung> (bài tự do, có thể kèm ảnh).",
};
