import type { Reply } from "../../src/chat/types";
import type { Order } from "../../src/db/schema";
import { bankByBin } from "../../src/domain/payments/banks";
import { findOrderOfShop, itemsOfOrders } from "../../src/domain/orders/queries";
import { notifyStaffOfNewOrder } from "../../src/domain/orders/staff-notices";
import { cancelReasonText } from "../../src/domain/orders/transitions";
import { waitingProductIds } from "../../src/domain/stock/first-paid";
import { messagesFor } from "../../src/i18n/messages";
import { staffOrderButtons } from "../staff/order-buttons";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import type { StepOutcome } from "./step";

// What the buyer hears once an order has left the checkout: how to pay, that it waits in line for
// a first-paid item, or why it is gone (split from checkout-steps.ts, which decides when).

/** The link to the buyer's payment page. */
export function payPageUrl(ctx: FlowContext, order: Pick<Order, "pay_token">): string {
  return `${ctx.publicUrl}/pay/${order.pay_token}`;
}

/**
 * The order as an earlier run left it. A run can die after the order's change and before the
 * conversation's (a crash, a lost reply): the order is placed while the chat still waits at the
 * payment step. Then its staff notice is made sure of (same key: never twice) and it is answered as
 * placed, not as expired.
 */
export async function placedEarlier(ctx: FlowContext, orderId: number): Promise<Order | undefined> {
  const order = await findOrderOfShop(ctx.store, ctx.shop.id, orderId);
  if (!order || order.status === "draft" || order.status === "cancelled" || order.payment_method === null) return order;
  const items = (await itemsOfOrders(ctx.store, [order.id])).get(order.id) ?? [];
  await notifyStaffOfNewOrder(ctx.store, ctx.shop, order, items, ctx.now, staffOrderButtons(messagesFor(ctx.shop.lang), order));
  return order;
}

/** What the buyer hears about an order after the payment step: how to pay, or why it is gone. */
export async function placedOutcome(ctx: FlowContext, draft: OrderDraft, order: Order | undefined): Promise<StepOutcome> {
  const menu = { label: ctx.t.btnMenu, action: "menu" };
  // Still a draft after the choice: another message of this chat is on it; the buyer can send again.
  if (order?.status === "draft") return { draft, replies: [{ text: ctx.t.busy }] };
  if (!order || order.status === "cancelled" || order.payment_method === null) {
    // Gone for another reason than time (sold out to someone who paid first, the shop): say which.
    const other = order?.status === "cancelled" && order.cancel_reason !== null && !["expired", "payment_timeout"].includes(order.cancel_reason);
    const text = other ? ctx.t.buyerCancelled({ code: order.code, reason: cancelReasonText(ctx.lang, order.cancel_reason), refund: order.paid_amount > 0 }) : ctx.t.draftGone;
    return { draft: undefined, replies: [{ text, buttons: [menu] }] };
  }
  if (order.payment_method === "cod") {
    return { draft: undefined, replies: [{ text: ctx.t.orderPlacedCod({ code: order.code, total: order.total }), buttons: [menu] }] };
  }
  if (order.payment_status === "paid" || order.payment_status === "overpaid") {
    return { draft: undefined, replies: [{ text: ctx.t.orderPlacedPaid({ code: order.code, total: order.total }), buttons: [menu] }] };
  }
  // Transfer: the QR to scan, and the same details as text for buyers who copy rather than scan.
  const bank = bankByBin(ctx.shop.bank_bin);
  const details = ctx.t.payTransferDetails({
    bank: bank ? `${bank.name} (${bank.shortName})` : (ctx.shop.bank_bin ?? ""),
    account: ctx.shop.bank_account ?? "",
    holder: ctx.shop.bank_holder ?? "",
    total: order.total,
    code: order.code,
  });
  const waiting = await waitingItems(ctx, order.id);
  const placedText = ctx.t.orderPlacedVietqr({ code: order.code, total: order.total });
  const replies: Reply[] = [
    { text: waiting ? `${placedText}\n${ctx.t.firstPaidWaiting({ items: waiting })}` : placedText, image: `${payPageUrl(ctx, order)}/qr.png` },
    { text: details, buttons: [{ label: ctx.t.btnPayPage, url: payPageUrl(ctx, order) }, menu] },
  ];
  return { draft: undefined, replies };
}

/** The items an order waits in line for ("A4 Lẩu cá tầm"), or "" when it holds all it has. */
export async function waitingItems(ctx: FlowContext, orderId: number): Promise<string> {
  const ids = await waitingProductIds(ctx.store, orderId);
  if (ids.length === 0) return "";
  const catalog = await ctx.catalog();
  return ids.map((id) => catalog.find((p) => p.id === id)).filter((p) => p !== undefined).map((p) => `${p.code} ${p.name}`).join(", ");
}
