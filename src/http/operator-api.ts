import type { BankTransaction } from "../db/schema";
import type { Store } from "../db/store";
import type { Clock } from "../platform/clock";
import { findByCode, loadCatalog } from "../domain/catalog/catalog";
import { patchProduct } from "../domain/catalog/stock-admin";
import { notifyWaitlist } from "../domain/catalog/waitlist";
import { newSecretToken } from "../domain/orders/codes";
import { findOrderByCode, listOrdersOfDay } from "../domain/orders/queries";
import { applyOrderAction } from "../domain/orders/transitions";
import { confirmedManualAmount } from "../domain/payments/manual-confirmation";
import { amountDue } from "../domain/payments/order-qr";
import { recentTransfers } from "../domain/payments/recent-transfers";
import { recordTransfer } from "../domain/payments/record-transfer";
import { createLinkCode } from "../domain/shops/groups";
import { addStaff, removeStaff } from "../domain/shops/staff";
import { localTime } from "../platform/shop-time";
import { jsonError } from "./errors";
import { booksRoutes } from "./operator-api/books";
import { readJsonBody } from "./json-body";
import { manualPayment, newLinkCode, newStaff, productPatch, statusChange } from "./operator-api/bodies";
import { ordersWithBuyers, productView, transferView } from "./operator-api/views";
import { operatorOnly, ownerOrOperator, shopScopedApi, type ShopScoped } from "./shop-scope";

export { productView } from "./operator-api/views";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// The operator acts with an owner's rights (an id no staff row has).
const OPERATOR = { id: 0, name: "operator", role: "owner" as const };

const TRANSFER_OUTCOMES = ["paid", "partial", "overpaid", "late", "unmatched", "other_account", "unreadable"] as const;

/** The operator/staff API: orders and catalog of a shop. */
export function operatorApi(deps: { store: Store; clock: Clock; adminToken: string | undefined; onOutboxWrite?: () => void }): ShopScoped {
  const app = shopScopedApi(deps);

  app.get("/:shop/orders", async (c) => {
    const shop = c.get("shop");
    const date = c.req.query("date") ?? localTime(deps.clock.now(), shop.time_zone).date;
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) return jsonError(c, 400, "date must be YYYY-MM-DD");
    return c.json(await ordersWithBuyers(deps.store, shop, await listOrdersOfDay(deps.store, shop.id, date)));
  });

  app.get("/:shop/orders/:code", async (c) => {
    const order = await findOrderByCode(deps.store, c.get("shop").id, c.req.param("code").slice(0, 20));
    if (!order) return jsonError(c, 404, "unknown order");
    const [view] = await ordersWithBuyers(deps.store, c.get("shop"), [order]);
    return c.json(view);
  });

  // "Đã nhận tiền": a staff member confirms money that reached the account another way.
  app.post("/:shop/orders/:code/payments", async (c) => {
    const shop = c.get("shop");
    const order = await findOrderByCode(deps.store, shop.id, c.req.param("code").slice(0, 20));
    if (!order) return jsonError(c, 404, "unknown order");
    const body = await readJsonBody(c, manualPayment);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const reference = body.value.reference ?? `${order.code}:${newSecretToken(8)}`;
    // A resent confirmation replays the first one (its amount), whatever is due now.
    const amount = (await confirmedManualAmount(deps.store, shop.id, reference)) ?? body.value.amount ?? amountDue(order);
    if (amount <= 0) return jsonError(c, 409, "nothing is due on this order");
    const now = deps.clock.now();
    const result = await recordTransfer(
      deps.store,
      shop,
      {
        provider: "manual",
        providerTxId: reference,
        amount,
        content: order.code,
        orderCode: order.code,
        recordedBy: body.value.by ?? "operator",
        raw: { by: body.value.by ?? "operator", at: now.toISOString() },
      },
      now,
    );
    deps.onOutboxWrite?.();
    const [view] = await ordersWithBuyers(deps.store, shop, [result.order ?? order]);
    return c.json({ outcome: result.outcome, duplicate: result.duplicate, transaction: transferView(result.transaction, order.code), order: view }, result.duplicate ? 200 : 201);
  });

  app.get("/:shop/payments", async (c) => {
    const shop = c.get("shop");
    const outcome = c.req.query("outcome");
    if (outcome && !(TRANSFER_OUTCOMES as readonly string[]).includes(outcome)) return jsonError(c, 400, `outcome must be one of ${TRANSFER_OUTCOMES.join(", ")}`);
    const rows = await recentTransfers(deps.store, shop.id, outcome as BankTransaction["outcome"] | undefined);
    return c.json(rows.map((r) => transferView(r, r.order_code)));
  });

  app.post("/:shop/orders/:code/status", async (c) => {
    const shop = c.get("shop");
    const body = await readJsonBody(c, statusChange);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const b = body.value;
    const action = b.action === "ship" ? { kind: "ship" as const, shipper: { staffId: null, name: b.shipper.name, phone: b.shipper.phone } } : b.action === "cancel" ? { kind: "cancel" as const, reason: b.reason } : { kind: b.action };
    const result = await applyOrderAction(deps.store, shop, c.req.param("code").slice(0, 20), action, OPERATOR, deps.clock.now());
    if (!result.ok) {
      if (result.reason.reason === "unknown_order") return jsonError(c, 404, "unknown order");
      if (result.reason.reason === "forbidden") return jsonError(c, 403, "not allowed");
      return jsonError(c, 409, `cannot ${b.action} an order that is ${result.reason.status}`);
    }
    deps.onOutboxWrite?.();
    const [view] = await ordersWithBuyers(deps.store, shop, [result.value]);
    return c.json(view);
  });

  app.post("/:shop/staff", operatorOnly, async (c) => {
    const body = await readJsonBody(c, newStaff);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const staff = await addStaff(deps.store, { shopId: c.get("shop").id, ...body.value }, deps.clock.now());
    return c.json({ channel: staff.channel, userId: staff.user_id, name: staff.name, role: staff.role }, 201);
  });

  // The staff member's dashboard sessions end in the same batch as their staff row (removeStaff).
  app.delete("/:shop/staff/:channel/:userId", ownerOrOperator, async (c) => {
    const channel = c.req.param("channel");
    const userId = c.req.param("userId");
    if (channel.length > 20 || userId.length > 64) return jsonError(c, 404, "unknown staff member");
    const removed = await removeStaff(deps.store, c.get("shop").id, channel, userId);
    if (!removed) return jsonError(c, 404, "unknown staff member");
    return c.body(null, 204);
  });

  app.post("/:shop/link-codes", async (c) => {
    const body = await readJsonBody(c, newLinkCode);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const created = await createLinkCode(deps.store, c.get("shop").id, body.value.code, deps.clock.now());
    if (!created.ok) return jsonError(c, 409, "that code is already in use");
    return c.json(created.value, 201);
  });

  app.get("/:shop/products", async (c) => {
    return c.json((await loadCatalog(deps.store, c.get("shop").id)).map(productView));
  });

  // Stock, price or "sold out" from a till or a script; more stock serves the waiting list as `/stock` does.
  app.patch("/:shop/products/:code", async (c) => {
    const shop = c.get("shop");
    const body = await readJsonBody(c, productPatch);
    if (!body.ok) return jsonError(c, 400, body.reason);
    const product = await patchProduct(deps.store, shop.id, c.req.param("code").slice(0, 10), body.value);
    if (!product) return jsonError(c, 404, "unknown product");
    if (!product.sold_out && (body.value.stock !== undefined || body.value.soldOut === false)) {
      if (await notifyWaitlist(deps.store, product, () => undefined, deps.clock.now())) deps.onOutboxWrite?.();
    }
    const item = findByCode(await loadCatalog(deps.store, shop.id), product.code);
    return item ? c.json(productView(item)) : jsonError(c, 404, "unknown product");
  });

  booksRoutes(app, deps);
  return app;
}
