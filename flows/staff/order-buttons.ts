import type { ReplyButton } from "../../src/chat/types";
import type { Order } from "../../src/db/schema";
import type { Messages } from "../../src/i18n/messages";

/** A staff action on an order, as a button: `so:<code>:<verb>[:<arg>]` (well under Telegram's 64 bytes). */
export const staffAction = (code: string, verb: string, arg?: string | number) => (arg === undefined ? `so:${code}:${verb}` : `so:${code}:${verb}:${arg}`);

/** The next things staff can do with an order, by its status (none once delivered or cancelled). */
export function staffOrderButtons(
  t: Messages,
  order: Pick<Order, "code" | "status" | "payment_status" | "payment_method" | "fulfilment"> & Partial<Pick<Order, "ship_carrier" | "ship_commune_code">>,
): ReplyButton[] {
  const b = (label: string, verb: string) => ({ label, action: staffAction(order.code, verb) });
  // An order to a carrier address (issue 23): its waybill in one tap, with the carrier chosen at checkout.
  const carrier = order.fulfilment === "delivery" && order.ship_commune_code && order.ship_carrier ? order.ship_carrier : undefined;
  const waybill = carrier && (order.status === "confirmed" || order.status === "preparing") ? [{ label: `🚚 ${carrier.toUpperCase()}`, action: staffAction(order.code, "waybill", carrier) }] : [];
  return [...waybill, ...staffOrderButtonsByStatus(t, order, b)];
}

function staffOrderButtonsByStatus(t: Messages, order: Pick<Order, "status" | "fulfilment">, b: (label: string, verb: string) => ReplyButton): ReplyButton[] {
  switch (order.status) {
    case "pending_payment":
      return [b(t.btnStaffPaid, "paid"), b(t.btnStaffReject, "reject")];
    case "confirmed":
      return [b(t.btnStaffAccept, "accept"), b(t.btnStaffReject, "reject")];
    case "preparing":
      return [...(order.fulfilment === "delivery" ? [b(t.btnStaffShip, "ship")] : []), b(t.btnStaffDelivered, "deliver"), b(t.btnStaffCancel, "reject")];
    case "out_for_delivery":
      return [b(t.btnStaffDelivered, "deliver"), b(t.btnStaffCancel, "reject")];
    default:
      return [];
  }
}

/** "Hoàn tác" under a just-cancelled order, for its undo window. */
export function staffUndoButton(t: Messages, code: string): ReplyButton {
  return { label: t.btnStaffUndo, action: staffAction(code, "undo") };
}
