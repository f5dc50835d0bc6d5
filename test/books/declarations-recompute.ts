// An independent recomputation of the declaration drafts' figures for the tests, straight from the
// rows the test made (orders, their items and products, returns, rows added by hand) with plain SQL —
// not through revenueLines, the ledger or taxOnRevenue — and the rates written out as BOOKS.md §1.3
// gives them. If the app's path and this one disagree, a test fails.
import type { Store } from "../../src/db/store";

export type Group = "goods" | "food_service" | "production" | "services" | "rental" | "digital" | "other";
const GROUPS: Group[] = ["goods", "food_service", "production", "services", "rental", "digital", "other"];

/** BOOKS.md §1.3 (VAT %, PIT %); food service is declared with production (row d). */
export const RATES: Record<Group, { vat: number; pit: number }> = {
  goods: { vat: 1, pit: 0.5 },
  food_service: { vat: 3, pit: 1.5 },
  production: { vat: 3, pit: 1.5 },
  services: { vat: 5, pit: 2 },
  rental: { vat: 5, pit: 5 },
  digital: { vat: 5, pit: 5 },
  other: { vat: 2, pit: 1 },
};
export const ROW: Record<Group, string> = { goods: "a", services: "b", rental: "c", production: "d", food_service: "d", digital: "e", other: "g" };
export const THRESHOLD = 1_000_000_000;

export interface Line {
  date: string;
  kind: "sale" | "return" | "manual";
  byGroup: Partial<Record<Group, number>>;
}

/** Vietnam is UTC+7 all year: the shop-local day of a UTC instant. */
const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

function largest(byGroup: Partial<Record<Group, number>>): Group {
  let best: Group | undefined;
  for (const g of GROUPS) if (byGroup[g] !== undefined && (best === undefined || byGroup[g]! > byGroup[best]!)) best = g;
  return best ?? "goods";
}

/** Every revenue line of a shop, from its rows. */
export async function linesFromRows(store: Store, shopId: number): Promise<Line[]> {
  const db = store.db;
  const orders = await db.selectFrom("orders").select(["id", "total", "delivered_at", "status"]).where("shop_id", "=", shopId).execute();
  const items = await db
    .selectFrom("order_items as i")
    .leftJoin("products as p", "p.id", "i.product_id")
    .innerJoin("orders as o", "o.id", "i.order_id")
    .select(["i.order_id", "i.line_total", "p.activity_group"])
    .where("o.shop_id", "=", shopId)
    .execute();
  const split = new Map<number, Partial<Record<Group, number>>>();
  for (const o of orders) {
    const byGroup: Partial<Record<Group, number>> = {};
    for (const i of items.filter((x) => x.order_id === o.id)) {
      const g = (i.activity_group ?? "goods") as Group;
      byGroup[g] = (byGroup[g] ?? 0) + Number(i.line_total);
    }
    const rest = Number(o.total) - Object.values(byGroup).reduce((s, v) => s + v, 0);
    const big = largest(byGroup);
    byGroup[big] = (byGroup[big] ?? 0) + rest;
    split.set(o.id, byGroup);
  }
  const lines: Line[] = orders.filter((o) => o.status === "delivered" && o.delivered_at).map((o) => ({ date: vnDay(o.delivered_at!), kind: "sale", byGroup: split.get(o.id)! }));
  const returns = await db.selectFrom("order_returns").select(["order_id", "accepted_date", "amount"]).where("shop_id", "=", shopId).where("deleted_at", "is", null).execute();
  for (const r of returns) {
    const whole = split.get(r.order_id)!;
    const total = Number(orders.find((o) => o.id === r.order_id)!.total);
    const byGroup: Partial<Record<Group, number>> = {};
    let given = 0;
    for (const [g, v] of Object.entries(whole) as [Group, number][]) {
      byGroup[g] = Math.trunc((-Number(r.amount) * v) / total);
      given += byGroup[g]!;
    }
    const big = largest(whole);
    byGroup[big] = (byGroup[big] ?? 0) + (-Number(r.amount) - given);
    lines.push({ date: r.accepted_date, kind: "return", byGroup });
  }
  const manual = await db.selectFrom("book_entries").select(["entry_date", "amount", "activity_group"]).where("shop_id", "=", shopId).where("kind", "=", "sale").where("deleted_at", "is", null).execute();
  for (const m of manual) lines.push({ date: m.entry_date, kind: "manual", byGroup: { [(m.activity_group ?? "goods") as Group]: Number(m.amount) } });
  return lines;
}

const sumOf = (l: Line) => Object.values(l.byGroup).reduce((s, v) => s + (v ?? 0), 0);

/** Revenue per group (and in all) over [from, to]. */
export function revenue(lines: readonly Line[], from: string, to: string): { total: number; byGroup: Record<Group, number>; count: Record<Line["kind"], number> } {
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
  const count = { sale: 0, return: 0, manual: 0 };
  let total = 0;
  for (const l of lines) {
    if (l.date < from || l.date > to) continue;
    count[l.kind]++;
    total += sumOf(l);
    for (const [g, v] of Object.entries(l.byGroup) as [Group, number][]) byGroup[g] += v;
  }
  return { total, byGroup, count };
}

export interface QuarterTax {
  /** Per form row letter: [11] revenue, [14] VAT, [16] deduction, [17] PIT. */
  rows: Record<string, { revenue: number; vat: number; deduction: number; pit: number }>;
  vat: number;
  pit: number;
  taxable: boolean;
}

/**
 * 01/CNKD for a whole quarter of 2026, as BOOKS.md words it: taxable when the year's revenue to the
 * quarter's end is above 1 tỷ; VAT = revenue × VAT % (no 2026 cut without e-invoices); the 1 tỷ yearly
 * deduction, less what the year's earlier revenue used, set against the highest PIT % first; whole đồng.
 */
export function quarterTax(lines: readonly Line[], from: string, to: string): QuarterTax {
  const year = from.slice(0, 4);
  const before = revenue(lines, `${year}-01-01`, dayBefore(from)).total;
  const q = revenue(lines, from, to);
  const taxable = before + q.total > THRESHOLD;
  let left = Math.max(0, THRESHOLD - before);
  const per = new Map<Group, { vat: number; deduction: number; pit: number }>();
  for (const g of [...GROUPS].sort((a, b) => RATES[b].pit - RATES[a].pit)) {
    const base = Math.max(0, q.byGroup[g]);
    const deduction = Math.min(left, base);
    left -= deduction;
    per.set(g, { vat: taxable ? Math.round((base * RATES[g].vat) / 100) : 0, deduction, pit: taxable ? Math.round(((base - deduction) * RATES[g].pit) / 100) : 0 });
  }
  const rows: QuarterTax["rows"] = {};
  for (const g of GROUPS) {
    const r = (rows[ROW[g]] ??= { revenue: 0, vat: 0, deduction: 0, pit: 0 });
    r.revenue += q.byGroup[g];
    r.vat += per.get(g)!.vat;
    r.deduction += per.get(g)!.deduction;
    r.pit += per.get(g)!.pit;
  }
  const vat = Object.values(rows).reduce((s, r) => s + r.vat, 0);
  const pit = Object.values(rows).reduce((s, r) => s + r.pit, 0);
  return { rows, vat, pit, taxable };
}

/** The first day on which the year's revenue from 1 January reached `share` × `amount` (strictly above when share is 1). */
export function firstDayReaching(lines: readonly Line[], year: string, amount: number, share: number): string | null {
  const days = [...new Set(lines.filter((l) => l.date.startsWith(year)).map((l) => l.date))].sort();
  let sum = 0;
  for (const day of days) {
    sum += lines.filter((l) => l.date === day).reduce((s, l) => s + sumOf(l), 0);
    if (share === 1 ? sum > amount : sum * 100 >= amount * share * 100) return day;
  }
  return null;
}

export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
