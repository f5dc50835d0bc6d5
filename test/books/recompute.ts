// The books' figures recomputed in the test, straight from the orders, items, transactions, returns and
// rows by hand, with code of its own (no revenueLines, no moneyLines): what the API says must equal
// what this says. Vietnam is UTC+7 with no DST, so a local day is the UTC instant plus seven hours.
import type { Store } from "../../src/db/store";

export const GROUPS = ["goods", "food_service", "production", "services", "rental", "digital", "other"] as const;
export type Group = (typeof GROUPS)[number];

const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
const within = (d: string, from: string, to: string) => d >= from && d <= to;

export interface Recomputed {
  revenue: number;
  byGroup: Record<Group, number>;
  /** Codes of the orders delivered in the period. */
  delivered: Set<string>;
}

/** S1a/S2a revenue of a period. */
export async function recomputeRevenue(store: Store, shopId: number, from: string, to: string): Promise<Recomputed> {
  const db = store.db;
  const orders = (await db.selectFrom("orders").select(["id", "code", "total", "delivered_at", "status"]).where("shop_id", "=", shopId).execute()).filter(
    (o) => o.status === "delivered" && o.delivered_at !== null && within(vnDay(o.delivered_at), from, to),
  );
  const items = await db.selectFrom("order_items").innerJoin("products", "products.id", "order_items.product_id").select(["order_items.order_id", "order_items.line_total", "products.activity_group"]).execute();
  const split = (orderId: number, total: number): Record<string, number> => {
    const parts: Record<string, number> = {};
    for (const i of items.filter((i) => i.order_id === orderId)) parts[i.activity_group] = (parts[i.activity_group] ?? 0) + i.line_total;
    // The delivery fee with the largest group (the first of GROUPS on a tie).
    let largest: string = "goods";
    let best = -Infinity;
    for (const g of GROUPS) if (parts[g] !== undefined && parts[g]! > best) [largest, best] = [g, parts[g]!];
    parts[largest] = (parts[largest] ?? 0) + total - Object.values(parts).reduce((s, v) => s + v, 0);
    return parts;
  };
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
  let revenue = 0;
  for (const o of orders) {
    revenue += o.total;
    for (const [g, v] of Object.entries(split(o.id, o.total))) byGroup[g as Group] += v;
  }
  const returns = (await db.selectFrom("order_returns").innerJoin("orders", "orders.id", "order_returns.order_id").select(["order_returns.amount", "order_returns.accepted_date", "orders.id", "orders.total"]).where("order_returns.shop_id", "=", shopId).where("order_returns.deleted_at", "is", null).execute()).filter((r) =>
    within(r.accepted_date, from, to),
  );
  for (const r of returns) {
    revenue -= r.amount;
    const parts = split(r.id, r.total);
    let given = 0;
    let largest: string = "goods";
    let best = -Infinity;
    for (const g of GROUPS) {
      if (parts[g] === undefined) continue;
      const share = Math.trunc((-r.amount * parts[g]!) / r.total);
      byGroup[g] += share;
      given += share;
      if (parts[g]! > best) [largest, best] = [g, parts[g]!];
    }
    byGroup[largest as Group] += -r.amount - given;
  }
  const sales = (await db.selectFrom("book_entries").selectAll().where("shop_id", "=", shopId).where("kind", "=", "sale").where("deleted_at", "is", null).execute()).filter((e) => within(e.entry_date, from, to));
  for (const e of sales) {
    revenue += e.amount;
    byGroup[(e.activity_group ?? "goods") as Group] += e.amount;
  }
  return { revenue, byGroup, delivered: new Set(orders.map((o) => o.code)) };
}

export interface CashBank {
  cash: { opening: number; in: number; out: number; closing: number };
  bank: { opening: number; in: number; out: number; closing: number };
}

/** S2e's balances: the money of each account from 2026-01-01 to the day before `from`, then in and out within the period. */
export async function recomputeCashBank(store: Store, shopId: number, from: string, to: string): Promise<CashBank> {
  const db = store.db;
  const moves: { day: string; account: "cash" | "bank"; amount: number }[] = [];
  const counted = new Set(["paid", "partial", "overpaid", "late"]);
  const txs = (await db.selectFrom("bank_transactions").selectAll().where("shop_id", "=", shopId).execute()).filter((t) => t.order_id !== null && counted.has(t.outcome));
  for (const t of txs) {
    const day = t.transaction_at ? t.transaction_at.slice(0, 10) : vnDay(t.created_at);
    moves.push({ day, account: t.provider === "manual" ? "cash" : "bank", amount: t.amount });
  }
  const withCarrier = new Set((await db.selectFrom("shipments").select(["order_id", "cod_amount", "cancelled_at"]).execute()).filter((s) => s.cod_amount > 0 && s.cancelled_at === null).map((s) => s.order_id));
  const cod = await db.selectFrom("orders").selectAll().where("shop_id", "=", shopId).where("status", "=", "delivered").where("payment_method", "=", "cod").execute();
  for (const o of cod) {
    if (withCarrier.has(o.id) || !o.delivered_at) continue;
    const received = txs.filter((t) => t.order_id === o.id).reduce((s, t) => s + t.amount, 0);
    if (o.total > received) moves.push({ day: vnDay(o.delivered_at), account: "cash", amount: o.total - received });
  }
  for (const r of await db.selectFrom("order_returns").selectAll().where("shop_id", "=", shopId).where("deleted_at", "is", null).execute()) if (r.refund_account) moves.push({ day: r.accepted_date, account: r.refund_account, amount: -r.amount });
  for (const e of await db.selectFrom("book_entries").selectAll().where("shop_id", "=", shopId).where("deleted_at", "is", null).execute()) {
    if (!e.account) continue;
    moves.push({ day: e.entry_date, account: e.account, amount: e.kind === "expense" || e.kind === "withdrawal" ? -e.amount : e.amount });
  }
  const balance = (account: "cash" | "bank") => {
    const mine = moves.filter((m) => m.account === account && m.day >= "2026-01-01" && m.day <= to);
    const opening = mine.filter((m) => m.day < from).reduce((s, m) => s + m.amount, 0);
    const inside = mine.filter((m) => m.day >= from);
    const moneyIn = inside.filter((m) => m.amount > 0).reduce((s, m) => s + m.amount, 0);
    const moneyOut = inside.filter((m) => m.amount < 0).reduce((s, m) => s - m.amount, 0);
    return { opening, in: moneyIn, out: moneyOut, closing: opening + moneyIn - moneyOut };
  };
  return { cash: balance("cash"), bank: balance("bank") };
}
