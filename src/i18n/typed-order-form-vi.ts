import { formatVnd } from "../domain/money";

// The orders board's typed-in order form, Vietnamese (default): the same line as /don in chat.
// typed-order-form-en.ts must have every key (type-checked).
export const typedOrderFormVi = {
  title: "Nhập đơn cho khách",
  hint: "Giống lệnh /don trong chat: số điện thoại, các món, rồi dấu — và địa chỉ giao (hoặc “tự lấy”). Thêm “cod” nếu khách trả tiền mặt.",
  label: "Dòng đơn",
  placeholder: "0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than",
  submit: "Tạo đơn",
  created: (p: { code: string; total: number }) => `Đã tạo đơn ${p.code} — ${formatVnd(p.total)}`,
  payLink: "Liên kết thanh toán (có mã QR) — chép và gửi cho khách:",
  sentToBuyer: "Bot đã nhắn đơn và mã QR cho khách.",
  notSent: "Bot chưa nhắn được cho khách này: gửi khách liên kết trên.",
  cashOnDelivery: "Khách trả tiền mặt khi nhận hàng.",
  refused: "Chưa tạo được đơn:",
  forbidden: "Chỉ chủ shop và nhân viên được nhập đơn.",
};
