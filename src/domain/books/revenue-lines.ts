// What counts as revenue (../shared/BOOKS.md §1.4, Decree 68/2026 Art.5): a delivered order on the
// shop-local day it was delivered (ownership passes to the buyer; paid or not), its goods and the
// delivery fee charged; a cancelled order never; goods returned after delivery a negative line on the
// day the return was accepted; a sale the seller adds by hand on its date. Every book and draft is
// built from these lines, so they all agree.
//
// The activity group is each product's as the catalog says now (an order line keeps no copy): a
// seller who changes a product's group changes the books of past periods too (README says so). The
// delivery fee goes with the order's largest group; a return is split over the order's groups in
// proportion, the rounding left on the largest.
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { addDays, localTime } from "../../platform/shop-time";
import { ACTIVITY_GROUPS, isActivityGroup, type ActivityGroup } from "./activity-groups";
import { manualEntriesOf } from "./manual-entries";

export interface BookPeriod {
  /** Shop-local YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
}

export type RevenueKind = "sale" | "return" | "manual_sale";

export interface RevenueLine {
  /** Shop-local YYYY-MM-DD the revenue is booked on. */
  date: string;
  kind: RevenueKind;
  /** The order's code (a sale, a return), or what the seller typed as a reference. */
  ref: string | null;
  orderId: number | null;
  /** For a row added by hand: its book_entries id. */
  entryId: number | null;
  description: string;
  /** Đồng; negative for a return. Equals the sum of byGroup. */
  amount: number;
  byGroup: Partial<Record<ActivityGroup, number>>;
  /** Added by hand, not made from an order. */
  manual: boolean;
}

const DESCRIPTION_MAX = 160;

interface OrderRow {
  id: number;
  code: string;
  delivered_at: string;
  subtotal: number;
  delivery_fee: number;
  total: number;
}
interface ItemRow {
  order_id: number;
  name: string;
  qty: number;
  line_total: number;
  activity_group: string | null;
}

/** The revenue lines of a period, by date then order code (a sale before its own return). */
export async function revenueLines(store: Store, shop: { id: number; time_zone: string }, period: BookPeriod): Promise<RevenueLine[]> {
  const [sales, returns, manual] = await Promise.all([deliveredSales(store, shop, period), returnLines(store, shop.id, period), manualSales(store, shop.id, period)]);
  const kindOrder: Record<RevenueKind, number> = { sale: 0, return: 1, manual_sale: 2 };
  return [...sales, ...returns, ...manual].sort(
    (a, b) => a.date.localeCompare(b.date) || kindOrder[a.kind] - kindOrder[b.kind] || (a.ref ?? "").localeCompare(b.ref ?? "") || (a.entryId ?? 0) - (b.entryId ?? 0),
  );
}

/** The sum of lines, in all and per group. */
export function revenueTotals(lines: readonly RevenueLine[]): { total: number; byGroup: Record<ActivityGroup, number> } {
  const byGroup = Object.fromEntries(ACTIVITY_GROUPS.map((g) => [g, 0])) as Record<ActivityGroup, number>;
  let total = 0;
  for (const line of lines) {
    total += line.amount;
    for (const [g, v] of Object.entries(line.byGroup) as [ActivityGroup, number][]) byGroup[g] += v;
  }
  return { total, byGroup };
}

async function deliveredSales(store: Store, shop: { id: number; time_zone: string }, period: BookPeriod): Promise<RevenueLine[]> {
  // delivered_at is UTC: a day either side catches every zone; the local date decides.
  const orders = await sql<OrderRow>`
    SELECT id, code, delivered_at, subtotal, delivery_fee, total FROM orders
     WHERE shop_id = ${shop.id} AND status = 'delivered' AND delivered_at IS NOT NULL
       AND delivered_at >= ${`${addDays(period.from, -1)}T00:00:00`} AND delivered_at < ${`${addDays(period.to, 2)}T00:00:00`}
     ORDER BY delivered_at, id`.execute(store.db);
  const inPeriod = orders.rows
    .map((o) => ({ ...o, date: localTime(new Date(o.delivered_at), shop.time_zone).date }))
    .filter((o) => o.date >= period.from && o.date <= period.to);
  const items = await itemsByOrder(
    store,
    inPeriod.map((o) => o.id),
  );
  return inPeriod.map((o) => {
    const lines = items.get(o.id) ?? [];
    const what = lines.map((l) => `${l.name} x${l.qty}`).join(", ");
    return {
      date: o.date,
      kind: "sale",
      ref: o.code,
      orderId: o.id,
      entryId: null,
      description: clip(`Bán hàng đơn ${o.code}${what ? `: ${what}` : ""}`),
      amount: Number(o.total),
      byGroup: orderGroups(lines, Number(o.total)),
      manual: false,
    };
  });
}

/** An order's total split over its groups: each group its lines, the rest (the delivery fee) to the largest. */
function orderGroups(lines: readonly ItemRow[], total: number): Partial<Record<ActivityGroup, number>> {
  const byGroup: Partial<Record<ActivityGroup, number>> = {};
  for (const l of lines) {
    const g = isActivityGroup(l.activity_group) ? l.activity_group : "goods";
    byGroup[g] = (byGroup[g] ?? 0) + Number(l.line_total);
  }
  const largest = largestGroup(byGroup) ?? "goods";
  const counted = Object.values(byGroup).reduce((s, v) => s + v, 0);
  byGroup[largest] = (byGroup[largest] ?? 0) + (total - counted);
  return byGroup;
}

function largestGroup(byGroup: Partial<Record<ActivityGroup, number>>): ActivityGroup | undefined {
  let best: ActivityGroup | undefined;
  for (const g of ACTIVITY_GROUPS) if (byGroup[g] !== undefined && (best === undefined || byGroup[g]! > byGroup[best]!)) best = g;
  return best;
}

async function itemsByOrder(store: Store, orderIds: readonly number[]): Promise<Map<number, ItemRow[]>> {
  const map = new Map<number, ItemRow[]>();
  // Chunks keep each statement under SQLite's (and D1's) bound-parameter limit.
  for (let i = 0; i < orderIds.length; i += 90) {
    const ids = orderIds.slice(i, i + 90);
    const rows = await sql<ItemRow>`
      SELECT i.order_id, i.name, i.qty, i.line_total, p.activity_group FROM order_items i
        LEFT JOIN products p ON p.id = i.product_id
       WHERE i.order_id IN (${sql.join(ids)}) ORDER BY i.order_id, i.line_no`.execute(store.db);
    for (const r of rows.rows) map.set(r.order_id, [...(map.get(r.order_id) ?? []), r]);
  }
  return map;
}

async function returnLines(store: Store, shopId: number, period: BookPeriod): Promise<RevenueLine[]> {
  const rows = await sql<{ id: number; order_id: number; code: string; total: number; accepted_date: string; amount: number; reason: string }>`
    SELECT r.id, r.order_id, o.code, o.total, r.accepted_date, r.amount, r.reason FROM order_returns r
      JOIN orders o ON o.id = r.order_id
     WHERE r.shop_id = ${shopId} AND r.deleted_at IS NULL AND r.accepted_date >= ${period.from} AND r.accepted_date <= ${period.to}
     ORDER BY r.accepted_date, r.id`.execute(store.db);
  const items = await itemsByOrder(store, [...new Set(rows.rows.map((r) => r.order_id))]);
  return rows.rows.map((r) => {
    const whole = orderGroups(items.get(r.order_id) ?? [], Number(r.total));
    return {
      date: r.accepted_date,
      kind: "return",
      ref: r.code,
      orderId: r.order_id,
      entryId: null,
      description: clip(`Hàng bán bị trả lại đơn ${r.code}${r.reason ? `: ${r.reason}` : ""}`),
      amount: -Number(r.amount),
      byGroup: share(whole, Number(r.total), -Number(r.amount)),
      manual: false,
    };
  });
}

/** `amount` split over groups in proportion to `whole` (which sums to `total`), whole đồng, the rest on the largest. */
function share(whole: Partial<Record<ActivityGroup, number>>, total: number, amount: number): Partial<Record<ActivityGroup, number>> {
  const out: Partial<Record<ActivityGroup, number>> = {};
  if (total <= 0) return { goods: amount };
  let given = 0;
  for (const [g, v] of Object.entries(whole) as [ActivityGroup, number][]) {
    out[g] = Math.trunc((amount * v) / total);
    given += out[g]!;
  }
  const largest = largestGroup(whole) ?? "goods";
  out[largest] = (out[largest] ?? 0) + (amount - given);
  return out;
}

async function manualSales(store: Store, shopId: number, period: BookPeriod): Promise<RevenueLine[]> {
  const sales = (await manualEntriesOf(store, shopId, period)).filter((e) => e.kind === "sale");
  return sales.map((e) => ({
    date: e.date,
    kind: "manual_sale" as const,
    ref: e.ref,
    orderId: null,
    entryId: e.id,
    description: clip(e.description),
    amount: e.amount,
    byGroup: { [e.group ?? "goods"]: e.amount },
    manual: true,
  }));
}

function clip(text: string): string {
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX - 1)}…` : text;
}
