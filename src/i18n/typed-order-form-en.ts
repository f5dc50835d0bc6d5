import { formatVnd } from "../domain/money";
import type { TypedOrderFormMessages } from "./typed-order-form";

/** English words of the orders board's typed-in order form. */
export const typedOrderFormEn: TypedOrderFormMessages = {
  title: "Enter an order for a buyer",
  hint: "The same as /don in chat: the phone, the items, then a dash — and the delivery address (or “tự lấy” for pick-up). Add “cod” when the buyer pays cash.",
  label: "Order line",
  placeholder: "0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than",
  submit: "Make the order",
  created: (p) => `Order ${p.code} made — ${formatVnd(p.total)}`,
  payLink: "Payment link (with the QR) — copy it and send it to the buyer:",
  sentToBuyer: "The bot sent the buyer the order and its QR.",
  notSent: "The bot cannot write to this buyer yet: send them the link above.",
  cashOnDelivery: "The buyer pays cash on delivery.",
  refused: "No order was made:",
  forbidden: "Only the shop's owners and staff may enter orders.",
};
