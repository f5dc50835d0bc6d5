import { Hono } from "hono";
import { CANCEL_UNDO_WINDOW_MS, undoCancel } from "../../../domain/orders/cancel-undo";
import { findOrderByCode } from "../../../domain/orders/queries";
import { applyOrderAction, TRANSITIONS, type OrderAction } from "../../../domain/orders/transitions";
import { amountDue } from "../../../domain/payments/order-qr";
import { recordTransfer } from "../../../domain/payments/record-transfer";
import { shopFor, type DashboardDeps, type DashboardEnv } from "../context";
import { actorOf } from "./actor";
import { REJECT_REASONS } from "./reject-page";
import { cancelWaybillFirst } from "./waybill-routes";

// What the form asks for, as an order action; undefined when it is not one (or lacks a shipper's name).
function actionOf(form: Record<string, unknown>, reason: string): OrderAction | undefined {
  if (form.action === "accept") return { kind: "accept" };
  if (form.action === "deliver") return { kind: "deliver" };
  if (form.action === "cancel") return { kind: "cancel", reason, undoWindowMs: CANCEL_UNDO_WINDOW_MS };
  if (form.action === "ship" && typeof form.shipperName === "string" && form.shipperName.trim())
    return { kind: "ship", shipper: { staffId: null, name: form.shipperName.trim().slice(0, 60), phone: typeof form.shipperPhone === "string" ? form.shipperPhone.slice(0, 20) : "" } };
  return undefined;
}

/** An order card's buttons: mark paid, undo a cancel, or any action of the order rules; back to the board with a banner key. */
export function orderActRoute(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.post("/orders/:code/act", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const form = await c.req.parseBody();
    const code = c.req.param("code").toUpperCase().slice(0, 12);
    const actor = actorOf(c.get("session"));
    const back = (q: string) => c.redirect(`/dashboard?shop=${encodeURIComponent(shop.slug)}&${q}`, 303);
    const refused = (why: string) => back(`err=${why}&code=${encodeURIComponent(code)}`);
    const now = deps.clock.now();
    if (form.action === "paid") {
      if (actor.role === "shipper") return refused("forbidden");
      const order = await findOrderByCode(deps.store, shop.id, code);
      if (!order) return refused("unknown_order");
      if (amountDue(order) <= 0) return refused("nothing_to_pay");
      await recordTransfer(deps.store, shop, { provider: "manual", providerTxId: `dashboard:${code}:${order.paid_amount}`, amount: amountDue(order), content: code, orderCode: code, recordedBy: actor.name, raw: { by: actor.name } }, now);
      deps.onOutboxWrite?.();
      return back(`ok=${encodeURIComponent(code)}`);
    }
    if (form.action === "undo") {
      if (actor.role === "shipper") return refused("forbidden");
      const undone = await undoCancel(deps.store, shop, code, actor.name, now);
      if (!undone.ok) return refused(undone.reason.reason === "out_of_stock" ? "undo_out_of_stock" : undone.reason.reason);
      return back(`undone=${encodeURIComponent(code)}`);
    }
    // A cancel needs a reason the seller chose (no preset): one of the codes, or their own words.
    const reason = form.reason === "other" ? (typeof form.reasonText === "string" ? form.reasonText.trim().slice(0, 200) : "") : REJECT_REASONS.includes(String(form.reason)) ? String(form.reason) : "";
    if (form.action === "cancel" && !reason) return refused("reason_required");
    const action = actionOf(form, reason);
    if (!action) return refused("bad_request");
    // An order with a waybill: cancelled at the carrier first (refused once the carrier has it).
    if (action.kind === "cancel" && actor.role !== "shipper") {
      const order = await findOrderByCode(deps.store, shop.id, code);
      const stop = order && TRANSITIONS.cancel.from.includes(order.status) ? await cancelWaybillFirst(deps, c, shop, order) : undefined;
      if (stop) return stop;
    }
    const result = await applyOrderAction(deps.store, shop, code, action, actor, now);
    if (!result.ok) return refused(result.reason.reason === "not_allowed" ? `not_allowed&status=${result.reason.status}` : result.reason.reason);
    deps.onOutboxWrite?.();
    return back(action.kind === "cancel" ? `cancelled=${encodeURIComponent(code)}` : `ok=${encodeURIComponent(code)}`);
  });
  return app;
}
