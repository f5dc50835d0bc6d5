import type { Store } from "../../db/store";
import { lineOptions } from "./line-text";
import { itemsOfOrders, listOrdersOfDay } from "./queries";

export interface DaySummary {
  date: string;
  /** Orders placed that day (drafts that never became orders are not counted). */
  orders: number;
  delivered: number;
  cancelled: number;
  /** Money received for that day's orders, cancelled ones excluded (integer đồng). */
  revenue: number;
  /** Value of orders not cancelled, paid or not. */
  ordered: number;
  unpaid: { count: number; amount: number };
  /** The best sellers, one row per product and choice of options (as the kitchen makes them). */
  topItems: { code: string; name: string; options: string[]; qty: number; amount: number }[];
}

/** The figures of one shop-local day, to the đồng. */
export async function summarizeDay(store: Store, shopId: number, date: string): Promise<DaySummary> {
  const orders = (await listOrdersOfDay(store, shopId, date)).filter((o) => o.status !== "draft");
  const live = orders.filter((o) => o.status !== "cancelled");
  const items = await itemsOfOrders(
    store,
    live.map((o) => o.id),
  );
  const byItem = new Map<string, DaySummary["topItems"][number]>();
  for (const list of items.values()) {
    for (const i of list) {
      const options = lineOptions(i.options);
      const key = JSON.stringify([i.code, options]);
      const row = byItem.get(key) ?? { code: i.code, name: i.name, options, qty: 0, amount: 0 };
      row.qty += i.qty;
      row.amount += i.line_total;
      byItem.set(key, row);
    }
  }
  // Cash on delivery counts as received once delivered; transfers as what the bank reported.
  const received = (o: (typeof live)[number]) => (o.payment_status === "cod" ? (o.status === "delivered" ? o.total : 0) : Math.min(o.paid_amount, o.total));
  const unpaid = live.filter((o) => received(o) < o.total);
  return {
    date,
    orders: orders.length,
    delivered: orders.filter((o) => o.status === "delivered").length,
    cancelled: orders.filter((o) => o.status === "cancelled").length,
    revenue: live.reduce((s, o) => s + received(o), 0),
    ordered: live.reduce((s, o) => s + o.total, 0),
    unpaid: { count: unpaid.length, amount: unpaid.reduce((s, o) => s + (o.total - received(o)), 0) },
    topItems: [...byItem.values()].sort((a, b) => b.qty - a.qty || b.amount - a.amount || a.code.localeCompare(b.code) || a.options.join().localeCompare(b.options.join())).slice(0, 5),
  };
}
