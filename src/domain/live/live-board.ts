import type { Store } from "../../db/store";
import { lineOptions } from "../orders/line-text";

export interface LiveBoard {
  liveId: number;
  items: { code: string; name: string; cap: number; sold: number; held: number; remaining: number; waiting: number }[];
  buyers: { name: string; userId: string; items: { code: string; qty: number; options: string[] }[]; total: number; status: string; paid: number; startedBot: boolean }[];
  /** The latest answers to comments that could not be read, for buyers the bot cannot write to. */
  answers: string[];
  /** Orders placed from the live (checked out, not cancelled). */
  orders: number;
  /** Holds not yet checked out. */
  unfinished: number;
  /** Value of the placed orders (integer đồng). */
  revenue: number;
  paid: number;
  waitlistServed: number;
  waitlistTotal: number;
}

/** Everything a live's summary, board and report show, from the database (the holds are the truth). */
export async function liveBoard(store: Store, liveId: number): Promise<LiveBoard> {
  const items = await store.db
    .selectFrom("live_items as i")
    .innerJoin("products as p", "p.id", "i.product_id")
    .select(["i.product_id", "i.code", "p.name", "i.cap", "i.taken"])
    .where("i.live_id", "=", liveId)
    .orderBy("i.code")
    .execute();
  const orders = await store.db
    .selectFrom("live_orders as l")
    .innerJoin("orders as o", "o.id", "l.order_id")
    .innerJoin("buyers as b", "b.id", "l.buyer_id")
    .select(["o.id", "o.status", "o.total", "o.paid_amount", "o.payment_status", "l.display_name", "l.user_id", "b.private_chat_id"])
    .where("l.live_id", "=", liveId)
    .orderBy("o.id")
    .execute();
  const lines = orders.length
    ? await store.db
        .selectFrom("order_items")
        .select(["order_id", "code", "qty", "product_id", "options"])
        .where(
          "order_id",
          "in",
          orders.map((o) => o.id),
        )
        .execute()
    : [];
  const waits = await store.db.selectFrom("live_waitlist").select(["product_id", "served_at"]).where("live_id", "=", liveId).execute();
  const live = orders.filter((o) => o.status !== "cancelled" && o.total > 0);
  const placed = live.filter((o) => o.status !== "draft");
  const soldIds = new Set(placed.map((o) => o.id));
  const qtyOf = (productId: number, sold: boolean) =>
    lines.filter((l) => l.product_id === productId && live.some((o) => o.id === l.order_id) && soldIds.has(l.order_id) === sold).reduce((s, l) => s + l.qty, 0);
  const paidOf = (o: (typeof orders)[number]) => (o.payment_status === "cod" ? (o.status === "delivered" ? o.total : 0) : Math.min(o.paid_amount, o.total));
  return {
    liveId,
    items: items.map((i) => ({
      code: i.code,
      name: i.name,
      cap: i.cap,
      sold: qtyOf(i.product_id, true),
      held: qtyOf(i.product_id, false),
      remaining: Math.max(0, i.cap - i.taken),
      waiting: waits.filter((w) => w.product_id === i.product_id && !w.served_at).length,
    })),
    buyers: live.map((o) => ({
      name: o.display_name,
      userId: o.user_id,
      items: lines.filter((l) => l.order_id === o.id).map((l) => ({ code: l.code, qty: l.qty, options: lineOptions(l.options) })),
      total: o.total,
      status: o.status,
      paid: paidOf(o),
      startedBot: o.private_chat_id !== null,
    })),
    orders: placed.length,
    unfinished: live.length - placed.length,
    revenue: placed.reduce((s, o) => s + o.total, 0),
    paid: placed.reduce((s, o) => s + paidOf(o), 0),
    waitlistServed: waits.filter((w) => w.served_at).length,
    waitlistTotal: waits.length,
    answers: (await store.db.selectFrom("live_answers").select("text").where("live_id", "=", liveId).orderBy("id", "desc").limit(MAX_ANSWERS_SHOWN).execute()).map((a) => a.text).reverse(),
  };
}

const MAX_ANSWERS_SHOWN = 5;

