import { sql } from "kysely";
import type { Order } from "../../db/schema";
import type { Store } from "../../db/store";
import { messagesFor } from "../../i18n/messages";
import { enqueueIfChangedQuery } from "../outbox/enqueue";
import { joinWaitlist } from "../catalog/waitlist";
import { notifyStaff } from "../orders/staff-notices";
import { findShopById } from "../shops/shops";
import { releaseOrderStock } from "./reservations";

// First paid, first served (issue 18): for a hot item an unpaid order takes no stock. It waits in
// line (stock_queue) and the stock goes to whichever order is paid first; the others are told it
// sold out, with their money back if they had paid, and put on the item's waiting list.

/**
 * Puts an order in line for `qty` of a first-paid-first-served product, once, while that much is
 * on sale (an item already sold out is refused at checkout as before). Takes no stock. Returns
 * whether the order has its place (or already got the stock).
 */
export async function queueForStock(store: Store, orderId: number, productId: number, qty: number, now: Date): Promise<boolean> {
  await store.batch([
    sql`INSERT INTO stock_queue (order_id, product_id, qty, status, created_at)
        SELECT ${orderId}, ${productId}, ${qty}, 'waiting', ${now.toISOString()}
        WHERE EXISTS (SELECT 1 FROM products WHERE id = ${productId} AND stock >= ${qty} AND sold_out = 0)
          AND NOT EXISTS (SELECT 1 FROM stock_reservations WHERE order_id = ${orderId} AND product_id = ${productId})
        ON CONFLICT DO NOTHING`.compile(store.db),
  ]);
  const row = await store.db.selectFrom("stock_queue").select("status").where("order_id", "=", orderId).where("product_id", "=", productId).executeTakeFirst();
  return row?.status === "waiting" || row?.status === "claimed";
}

/** The products an order is still waiting in line for. */
export async function waitingProductIds(store: Store, orderId: number): Promise<number[]> {
  const rows = await store.db.selectFrom("stock_queue").select("product_id").where("order_id", "=", orderId).where("status", "=", "waiting").orderBy("id").execute();
  return rows.map((r) => r.product_id);
}

export type ClaimOutcome =
  /** Nothing to do: the order waits for nothing, is not paid in full yet, or has ended. */
  | { kind: "none" }
  /** The order now holds all it waited for. */
  | { kind: "claimed"; productIds: number[] }
  /** Someone paid first: the order is cancelled, the buyer told (money back, waiting list), staff asked to refund. */
  | { kind: "sold_out"; productIds: number[] };

const PAID = new Set<Order["payment_status"]>(["paid", "overpaid"]);

/**
 * Gives a paid order the stock it waited in line for: each line, in one batch, takes the stock only
 * while enough is left and the line is still waiting, and writes the held reservation. Safe to run
 * again and from several places at once (the bank webhook, the payment-deadlines sweep): a line is
 * taken once. When a line cannot be served, the order is cancelled kindly (see ClaimOutcome); when all
 * are, unpaid orders still waiting for more than is left are told it sold out.
 */
export async function claimPaidStock(store: Store, orderId: number, now: Date): Promise<ClaimOutcome> {
  const order = await store.db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst();
  if (!order) return { kind: "none" };
  if (order.status === "cancelled") {
    await releaseOrderStock(store, orderId, now);
    return { kind: "none" };
  }
  if (!PAID.has(order.payment_status)) return { kind: "none" };
  const waiting = await store.db.selectFrom("stock_queue").select(["product_id", "qty"]).where("order_id", "=", orderId).where("status", "=", "waiting").orderBy("id").execute();
  if (waiting.length === 0) return { kind: "none" };

  const at = now.toISOString();
  const lost: number[] = [];
  let claimedHere = 0;
  for (const line of waiting) {
    const isWaiting = sql`EXISTS (SELECT 1 FROM stock_queue WHERE order_id = ${orderId} AND product_id = ${line.product_id} AND status = 'waiting')`;
    const [taken] = await store.batch([
      sql`UPDATE products SET stock = stock - ${line.qty}
          WHERE id = ${line.product_id} AND stock >= ${line.qty} AND sold_out = 0 AND ${isWaiting}`.compile(store.db),
      sql`UPDATE stock_queue SET status = 'claimed', settled_at = ${at}
          WHERE order_id = ${orderId} AND product_id = ${line.product_id} AND status = 'waiting' AND changes() = 1`.compile(store.db),
      sql`INSERT INTO stock_reservations (order_id, product_id, qty, status, created_at)
          SELECT ${orderId}, ${line.product_id}, ${line.qty}, 'held', ${at} WHERE changes() = 1
          ON CONFLICT DO NOTHING`.compile(store.db),
    ]);
    if (taken?.changes === 1) {
      claimedHere++;
      continue;
    }
    // Not taken here: none left, or another run for this order (a webhook and the sweep at once) took it first.
    const after = await store.db.selectFrom("stock_queue").select("status").where("order_id", "=", orderId).where("product_id", "=", line.product_id).executeTakeFirst();
    if (after?.status === "waiting") lost.push(line.product_id);
  }
  if (lost.length > 0) {
    await store.db
      .updateTable("stock_queue")
      .set({ status: "sold_out", settled_at: at })
      .where("order_id", "=", orderId)
      .where("product_id", "in", lost)
      .where("status", "=", "waiting")
      .execute();
    await turnAway(store, order, lost, "paid", now);
    return { kind: "sold_out", productIds: lost };
  }
  // Claimed by the other run: it tells the buyer and turns the others away, not this one.
  if (claimedHere === 0) return { kind: "none" };
  for (const line of waiting) await turnAwayUnpaidInLine(store, line.product_id, now);
  return { kind: "claimed", productIds: waiting.map((l) => l.product_id) };
}

/**
 * Unpaid orders waiting for more of a product than is left (someone paid first, or the seller marked
 * it sold out): each is cancelled and told, in one batch, not to transfer, and put on the waiting
 * list. A partly paid order is left in line: money has moved, so it is settled when paid or by staff.
 */
export async function turnAwayUnpaidInLine(store: Store, productId: number, now: Date): Promise<number> {
  const product = await store.db.selectFrom("products").select(["stock", "sold_out"]).where("id", "=", productId).executeTakeFirst();
  if (!product) return 0;
  let line = store.db
    .selectFrom("stock_queue as q")
    .innerJoin("orders as o", "o.id", "q.order_id")
    .selectAll("o")
    .where("q.product_id", "=", productId)
    .where("q.status", "=", "waiting")
    .where("o.status", "in", ["draft", "pending_payment"])
    .where("o.payment_status", "=", "unpaid");
  // Marked sold out: nobody in line can be served; otherwise those waiting for more than is left.
  if (product.sold_out !== 1) line = line.where("q.qty", ">", product.stock);
  const rows = await line.orderBy("q.id").limit(500).execute();
  let told = 0;
  for (const order of rows) {
    await store.db
      .updateTable("stock_queue")
      .set({ status: "sold_out", settled_at: now.toISOString() })
      .where("order_id", "=", order.id)
      .where("product_id", "=", productId)
      .where("status", "=", "waiting")
      .execute();
    if (await turnAway(store, order, [productId], "unpaid", now)) told++;
  }
  return told;
}

/** Cancels an order whose first-paid line went to someone else, tells the buyer kindly, and (paid) asks staff to refund. */
async function turnAway(store: Store, order: Order, productIds: number[], paid: "paid" | "unpaid", now: Date): Promise<boolean> {
  const at = now.toISOString();
  const products = await store.db.selectFrom("products").select(["id", "code", "name"]).where("id", "in", productIds).execute();
  const items = products.map((p) => `${p.code} ${p.name}`).join(", ");
  const t = messagesFor(order.lang);
  const text = paid === "paid" ? t.firstPaidLost({ code: order.code, items, amount: order.paid_amount }) : t.firstPaidSoldOut({ code: order.code, items });
  const from = paid === "paid" ? sql`status IN ('draft', 'pending_payment', 'confirmed', 'preparing')` : sql`status IN ('draft', 'pending_payment') AND payment_status = 'unpaid'`;
  const [changed] = await store.batch([
    sql`UPDATE orders SET status = 'cancelled', cancel_reason = 'out_of_stock', expires_at = NULL, updated_at = ${at}
        WHERE id = ${order.id} AND ${from}`.compile(store.db),
    enqueueIfChangedQuery(store, { channel: order.channel, botId: order.bot_id, chatId: order.chat_id, reply: { text }, dedupeKey: `order:${order.id}:first-paid-sold-out` }, now),
  ]);
  const after = await store.db.selectFrom("orders").select("status").where("id", "=", order.id).executeTakeFirst();
  if (after?.status === "cancelled") await releaseOrderStock(store, order.id, now);
  if (!changed?.changes) return false;

  const buyer = await store.db.selectFrom("buyers").select("user_id").where("id", "=", order.buyer_id).executeTakeFirst();
  if (buyer) {
    for (const productId of productIds) {
      await joinWaitlist(store, { shopId: order.shop_id, productId, channel: order.channel, botId: order.bot_id, userId: buyer.user_id, chatId: order.chat_id, lang: order.lang }, now);
    }
  }
  if (paid === "paid") {
    const shop = await findShopById(store, order.shop_id);
    if (shop) {
      const staffText = messagesFor(shop.lang).staffFirstPaidRefund({ code: order.code, items, amount: order.paid_amount });
      await notifyStaff(store, shop, { text: staffText }, `order:${order.id}:first-paid-refund`, now);
    }
  }
  return true;
}

/**
 * The sweep (run with the payment deadlines): paid orders still waiting get their stock, in the
 * order they were paid, so first paid is first served even when the bank's notice was handled
 * elsewhere; unpaid orders waiting for more than is left are told it sold out.
 */
export async function settleFirstPaidLines(store: Store, now: Date): Promise<{ claimed: number; turnedAway: number }> {
  const paid = await store.db
    .selectFrom("stock_queue as q")
    .innerJoin("orders as o", "o.id", "q.order_id")
    .select(["o.id", "o.paid_at"])
    .distinct()
    .where("q.status", "=", "waiting")
    .where("o.payment_status", "in", ["paid", "overpaid"])
    .orderBy("o.paid_at")
    .orderBy("o.id")
    .limit(500)
    .execute();
  let claimed = 0;
  for (const o of paid) if ((await claimPaidStock(store, o.id, now)).kind === "claimed") claimed++;

  const ended = await store.db
    .selectFrom("stock_queue as q")
    .innerJoin("orders as o", "o.id", "q.order_id")
    .select("q.order_id")
    .distinct()
    .where("q.status", "=", "waiting")
    .where("o.status", "=", "cancelled")
    .limit(500)
    .execute();
  for (const r of ended) await releaseOrderStock(store, r.order_id, now);

  const products = await store.db.selectFrom("stock_queue").select("product_id").distinct().where("status", "=", "waiting").limit(500).execute();
  let turnedAway = 0;
  for (const p of products) turnedAway += await turnAwayUnpaidInLine(store, p.product_id, now);
  return { claimed, turnedAway };
}
