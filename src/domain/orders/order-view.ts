import type { Order, OrderItem } from "../../db/schema";
import { lineOptions } from "./line-text";

/** An order in the shape of the operator API (CONTRACT.md). */
export function orderView(order: Order, items: readonly OrderItem[], buyer: { channel: string; userId: string; name: string }, vietqr: string | null = null) {
  return {
    code: order.code,
    status: order.status,
    paymentStatus: order.payment_status,
    channel: order.channel,
    buyer,
    items: items.map((i) => ({
      code: i.code,
      name: i.name,
      options: lineOptions(i.options),
      qty: i.qty,
      unitPrice: i.unit_price,
      lineTotal: i.line_total,
    })),
    subtotal: order.subtotal,
    deliveryFee: order.delivery_fee,
    total: order.total,
    fulfilment: order.fulfilment,
    zone: order.zone_name,
    address: order.address,
    phone: order.phone,
    slot: order.slot,
    note: order.note,
    payment: { method: order.payment_method, memo: order.code, ...(vietqr ? { vietqr } : {}), paidAmount: order.paid_amount },
    ...(order.cancel_reason ? { cancelReason: order.cancel_reason } : {}),
    ...(order.source ? { source: order.source } : {}),
    createdAt: order.created_at,
  };
}

export type OrderView = ReturnType<typeof orderView>;
