import type { Order, Shop } from "../../db/schema";
import { buildVietQrPayload } from "./vietqr";

/** What is still owed on an order (never negative). */
export function amountDue(order: Pick<Order, "total" | "paid_amount">): number {
  return Math.max(0, order.total - order.paid_amount);
}

/**
 * The VietQR payload a buyer scans for an order: the shop's account, the amount still due and the
 * order code as memo. Null when the shop takes no transfers, the order is not paid by transfer, or
 * nothing is due.
 */
export function orderVietQr(shop: Shop, order: Order): string | null {
  if (order.payment_method === "cod" || !shop.bank_bin || !shop.bank_account) return null;
  const due = amountDue(order);
  if (due <= 0) return null;
  const built = buildVietQrPayload({ bin: shop.bank_bin, account: shop.bank_account, amount: due, memo: order.code });
  return built.ok ? built.value : null;
}
