import type { Reply } from "../../src/chat/types";
import type { Order, Staff } from "../../src/db/schema";
import { amountDue } from "../../src/domain/payments/order-qr";
import { recordTransfer } from "../../src/domain/payments/record-transfer";
import { applyOrderAction, cancelReasonText, type OrderAction } from "../../src/domain/orders/transitions";
import { findOrderByCode } from "../../src/domain/orders/queries";
import { openDeliveriesOf } from "../../src/domain/orders/open-deliveries";
import { findStaffById, listShippers } from "../../src/domain/shops/staff-lists";
import { CANCEL_UNDO_WINDOW_MS, undoCancel } from "../../src/domain/orders/cancel-undo";
import { parseVietnamesePhone } from "../parse/phone";
import type { GroupContext } from "../group-context";
import { staffAction, staffOrderButtons, staffUndoButton } from "./order-buttons";
import { cancelWaybillBeforeOrder, staffWaybill } from "./waybill-command";

const CODE = /^CC[A-Z2-9]{6}$/i;

async function apply(ctx: GroupContext, actor: Staff, code: string, action: OrderAction): Promise<Reply[]> {
  // An order with a waybill: cancelled at the carrier first (refused once the carrier has the parcel).
  if (action.kind === "cancel" && actor.role !== "shipper") {
    const stop = await cancelWaybillBeforeOrder(ctx, code.toUpperCase());
    if (stop) return stop;
  }
  const result = await applyOrderAction(ctx.store, ctx.shop, code, action, actor, ctx.now);
  if (result.ok) return [doneReply(ctx, actor, result.value)];
  const why = result.reason;
  if (why.reason === "unknown_order") return [{ text: ctx.t.staffUnknownOrder({ code }) }];
  if (why.reason === "forbidden") return [{ text: ctx.t.staffNotYourOrder }];
  return [{ text: ctx.t.staffAlreadyHandled({ code: code.toUpperCase(), who: why.handledBy ?? "", status: ctx.t.status[why.status] }) }];
}

function doneReply(ctx: GroupContext, actor: Staff, order: Order): Reply {
  // A cancel that can still be taken back says so, with its "Hoàn tác" button, until its window ends.
  if (order.status === "cancelled" && order.cancelled_from) {
    return {
      text: ctx.t.staffCancelledUndo({ who: actor.name, code: order.code, status: ctx.t.status.cancelled, reason: cancelReasonText(ctx.shop.lang, order.cancel_reason), seconds: CANCEL_UNDO_WINDOW_MS / 1000 }),
      buttons: [staffUndoButton(ctx.t, order.code)],
    };
  }
  return { text: ctx.t.staffDone({ who: actor.name, code: order.code, status: ctx.t.status[order.status] }), buttons: staffOrderButtons(ctx.t, order) };
}

/** "Đã nhận tiền": records the amount still due as a manual payment (once per order, however many taps). */
async function markPaid(ctx: GroupContext, actor: Staff, code: string): Promise<Reply[]> {
  const order = await findOrderByCode(ctx.store, ctx.shop.id, code);
  if (!order) return [{ text: ctx.t.staffUnknownOrder({ code }) }];
  const due = amountDue(order);
  if (due <= 0 || order.status === "cancelled") return [{ text: ctx.t.staffNothingToPay({ code: order.code }) }];
  const result = await recordTransfer(
    ctx.store,
    ctx.shop,
    { provider: "manual", providerTxId: `staff-button:${order.code}:${order.paid_amount}`, amount: due, content: order.code, orderCode: order.code, recordedBy: actor.name, raw: { by: actor.name } },
    ctx.now,
  );
  const after = result.order ?? order;
  return [doneReply(ctx, actor, after)];
}

async function shipperChoice(ctx: GroupContext, code: string): Promise<Reply[]> {
  const shippers = await listShippers(ctx.store, ctx.shop.id);
  const buttons = [...shippers.map((s) => ({ label: `🛵 ${s.name}`, action: staffAction(code, "shipto", s.id) })), { label: ctx.t.btnShipMyself, action: staffAction(code, "shipto", "me") }];
  return [{ text: ctx.t.staffChooseShipper({ code }), buttons }];
}

async function shipTo(ctx: GroupContext, actor: Staff, code: string, who: string): Promise<Reply[]> {
  const staff = who === "me" ? actor : await findStaffById(ctx.store, ctx.shop.id, Number(who));
  if (!staff) return shipperChoice(ctx, code);
  return apply(ctx, actor, code, { kind: "ship", shipper: { staffId: staff.id, name: staff.name, phone: staff.phone ?? "" } });
}

const REASON_CODES = ["out_of_stock", "outside_area", "too_busy"];

/** "Hoàn tác": puts a just-cancelled order back, while the buyer has not been told. */
async function undo(ctx: GroupContext, actor: Staff, code: string): Promise<Reply[]> {
  const result = await undoCancel(ctx.store, ctx.shop, code, actor.name, ctx.now);
  if (result.ok) return [{ text: ctx.t.staffUndone({ who: actor.name, code: result.value.code, status: ctx.t.status[result.value.status] }), buttons: staffOrderButtons(ctx.t, result.value) }];
  if (result.reason.reason === "unknown_order") return [{ text: ctx.t.staffUnknownOrder({ code }) }];
  if (result.reason.reason === "out_of_stock") return [{ text: ctx.t.staffUndoOutOfStock({ code: code.toUpperCase() }) }];
  return [{ text: ctx.t.staffUndoTooLate({ code: code.toUpperCase() }) }];
}

/** A tap on a staff button under an order notice (`so:<code>:<verb>[:<arg>]`). */
export async function runStaffOrderButton(ctx: GroupContext, actor: Staff, action: string): Promise<Reply[]> {
  const [, code = "", verb = "", arg = ""] = action.split(":");
  if (!CODE.test(code)) return [];
  switch (verb) {
    case "accept":
      return apply(ctx, actor, code, { kind: "accept" });
    case "deliver":
      return apply(ctx, actor, code, { kind: "deliver" });
    case "paid":
      return markPaid(ctx, actor, code);
    case "reject":
      return [
        {
          text: ctx.t.staffChooseReason({ code }),
          buttons: [
            { label: ctx.t.btnReasonOutOfStock, action: staffAction(code, "cancel", "out_of_stock") },
            { label: ctx.t.btnReasonOutsideArea, action: staffAction(code, "cancel", "outside_area") },
            { label: ctx.t.btnReasonTooBusy, action: staffAction(code, "cancel", "too_busy") },
          ],
        },
      ];
    case "cancel":
      // Only a reason chosen from the buttons cancels (never a preset one), and it can be undone for a while.
      if (!REASON_CODES.includes(arg)) return runStaffOrderButton(ctx, actor, staffAction(code, "reject"));
      return apply(ctx, actor, code, { kind: "cancel", reason: arg, undoWindowMs: CANCEL_UNDO_WINDOW_MS });
    case "undo":
      return undo(ctx, actor, code);
    case "ship":
      return shipperChoice(ctx, code);
    case "shipto":
      return shipTo(ctx, actor, code, arg);
    case "waybill":
      return arg === "ghn" || arg === "ghtk" || arg === "cancel" ? staffWaybill(ctx, actor, code.toUpperCase(), arg) : [];
    default:
      return [];
  }
}

/** Typed forms: /accept CODE, /done CODE, /cancel CODE reason…, /ship CODE name phone, /paid CODE. */
export async function runStaffOrderCommand(ctx: GroupContext, actor: Staff, command: string, args: string): Promise<Reply[] | undefined> {
  const [code = "", ...rest] = args.trim().split(/\s+/);
  if (!["accept", "done", "cancel", "ship", "paid"].includes(command)) return undefined;
  if (!CODE.test(code)) return [{ text: command === "ship" ? ctx.t.staffUsageShip : command === "cancel" ? ctx.t.staffUsageCancel : ctx.t.staffUnknownOrder({ code: code.slice(0, 12) }) }];
  switch (command) {
    case "accept":
      return apply(ctx, actor, code, { kind: "accept" });
    case "done":
      return apply(ctx, actor, code, { kind: "deliver" });
    case "paid":
      return markPaid(ctx, actor, code);
    case "cancel": {
      const reason = rest.join(" ").slice(0, 200);
      return reason ? apply(ctx, actor, code, { kind: "cancel", reason, undoWindowMs: CANCEL_UNDO_WINDOW_MS }) : [{ text: ctx.t.staffUsageCancel }];
    }
    default: {
      const phoneAt = rest.findIndex((w) => parseVietnamesePhone(w).ok);
      const phone = phoneAt >= 0 ? parseVietnamesePhone(rest[phoneAt] ?? "") : undefined;
      const name = rest.filter((_, i) => i !== phoneAt).join(" ").slice(0, 60);
      if (!name || !phone?.ok) return [{ text: ctx.t.staffUsageShip }];
      return apply(ctx, actor, code, { kind: "ship", shipper: { staffId: null, name, phone: phone.value } });
    }
  }
}

/** A shipper's own open deliveries, each with its buttons. */
export async function shipperOrders(ctx: GroupContext, actor: Staff): Promise<Reply[]> {
  const orders = await openDeliveriesOf(ctx.store, ctx.shop.id, actor.id);
  if (orders.length === 0) return [{ text: ctx.t.staffNoOrders }];
  return [
    { text: ctx.t.staffShipperOrders },
    ...orders.map((o) => ({ text: `${o.code} · ${o.address ?? ""} · ${o.phone ?? ""}`, buttons: staffOrderButtons(ctx.t, o).filter((b) => !b.action?.endsWith(":reject")) })),
  ];
}
