import { Hono } from "hono";
import { html, raw } from "hono/html";
import { sql } from "kysely";
import type { Store } from "../../db/store";
import { formatVnd } from "../../domain/money";
import { dashboardAdminMessages, type DashboardAdminMessages } from "../../i18n/dashboard-admin";
import { addDays, localTime } from "../../platform/shop-time";
import { requireSession, shopFor, type DashboardDeps, type DashboardEnv } from "./context";
import { page } from "./layout";

const DAYS = 30;

/** One shop-local day's figures as the sales page shows them. */
export interface SalesDay {
  date: string;
  /** Orders placed that day, drafts excluded (cancelled ones included), as summarizeDay counts them. */
  orders: number;
  /** Money received for that day's orders, as summarizeDay defines revenue (integer đồng). */
  revenue: number;
}

/**
 * Revenue and order counts per shop-local day from `from` to `to` (inclusive, every day present),
 * in one grouped query rather than one summarizeDay per day; the CASE is summarizeDay's `received`:
 * cancelled orders count nothing, cash on delivery counts once delivered, transfers up to the total.
 */
export async function salesByDay(store: Store, shopId: number, from: string, to: string): Promise<SalesDay[]> {
  const rows = await store.db
    .selectFrom("orders")
    .select([
      "service_date",
      sql<number>`COUNT(*)`.as("orders"),
      sql<number>`COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 0
                                    WHEN payment_status = 'cod' THEN CASE WHEN status = 'delivered' THEN total ELSE 0 END
                                    ELSE MIN(paid_amount, total) END), 0)`.as("revenue"),
    ])
    .where("shop_id", "=", shopId)
    .where("status", "!=", "draft")
    .where("service_date", ">=", from)
    .where("service_date", "<=", to)
    .groupBy("service_date")
    .execute();
  const byDate = new Map(rows.map((r) => [r.service_date, r]));
  const days: SalesDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const r = byDate.get(date);
    days.push({ date, orders: Number(r?.orders ?? 0), revenue: Number(r?.revenue ?? 0) });
  }
  return days;
}

/** The best-selling items of a shop between two shop-local days (cancelled orders and drafts excluded), by quantity. */
export async function topItemsBetween(store: Store, shopId: number, from: string, to: string, limit = 10) {
  const rows = await store.db
    .selectFrom("order_items as i")
    .innerJoin("orders as o", "o.id", "i.order_id")
    .select(["i.code", sql<string>`MAX(i.name)`.as("name"), sql<number>`SUM(i.qty)`.as("qty"), sql<number>`SUM(i.line_total)`.as("amount")])
    .where("o.shop_id", "=", shopId)
    .where("o.status", "not in", ["draft", "cancelled"])
    .where("o.service_date", ">=", from)
    .where("o.service_date", "<=", to)
    .groupBy("i.code")
    .orderBy(sql`SUM(i.qty)`, "desc")
    .orderBy(sql`SUM(i.line_total)`, "desc")
    .orderBy("i.code")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, qty: Number(r.qty), amount: Number(r.amount) }));
}

// A round axis top (1, 2, 2.5 or 5 × 10^k) at or above the largest value, so the gridline labels read cleanly.
function niceCeil(value: number): number {
  if (value <= 0) return 100_000;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

// Axis labels must fit in ~35 px: "450k", "1,2tr".
function compactVnd(n: number, a: DashboardAdminMessages): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, "").replace(".", a.decimalMark)}${a.millionSuffix}`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}${a.thousandSuffix}`;
  return String(n);
}

/**
 * The revenue chart as inline SVG drawn on the server: one bar per day (a `<title>` tooltip with the
 * day's figures on each), gridlines with compact amounts, a date under every seventh bar ending today.
 * The viewBox is 360 wide so a phone shows it at about its natural size.
 */
export function salesChartSvg(days: readonly SalesDay[], a: DashboardAdminMessages) {
  const W = 360;
  const H = 210;
  const left = 40;
  const right = 6;
  const top = 14;
  const bottom = 30;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const max = niceCeil(Math.max(0, ...days.map((d) => d.revenue)));
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.72);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const grid = [0, max / 2, max].map(
    (v) => html`<line x1="${left}" x2="${W - right}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${v === 0 ? "#888" : "#e3e1da"}" stroke-width="1"/><text x="${left - 4}" y="${r1(y(v) + 3.5)}" text-anchor="end">${compactVnd(v, a)}</text>`,
  );
  const last = days.length - 1;
  const bars = days.map((d, i) => {
    const h = d.revenue > 0 ? Math.max(1, (d.revenue / max) * plotH) : 0;
    const x = left + i * slot;
    return html`<g class="bar" data-date="${d.date}" data-revenue="${d.revenue}" data-orders="${d.orders}"><title>${a.barTitle({ date: a.longDate({ date: d.date }), revenue: formatVnd(d.revenue), orders: d.orders })}</title><rect class="hit" x="${r1(x)}" y="${top}" width="${r1(slot)}" height="${plotH}" fill="transparent"/><rect class="v" x="${r1(x + (slot - barW) / 2)}" y="${r1(top + plotH - h)}" width="${r1(barW)}" height="${r1(h)}" rx="1" fill="${i === last ? "#2e9b60" : "#1f6f43"}"/></g>`;
  });
  // Labels under every seventh day counted back from today; the last one is right-aligned so it stays inside.
  const labels = days.map((d, i) =>
    (last - i) % 7 === 0
      ? html`<text x="${r1(i === last ? left + (i + 1) * slot : left + (i + 0.5) * slot)}" y="${H - bottom + 14}" text-anchor="${i === last ? "end" : "middle"}">${a.shortDate({ date: d.date })}</text><line x1="${r1(left + (i + 0.5) * slot)}" x2="${r1(left + (i + 0.5) * slot)}" y1="${top + plotH}" y2="${top + plotH + 3}" stroke="#888"/>`
      : "",
  );
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="10" fill="#555" style="max-width:720px;display:block;background:#fff;border-radius:10px">
<title id="chart-title">${a.chartTitle}</title>${grid}${bars}${labels}</svg>`;
}

/** The sales section: the last 30 shop-local days' revenue and orders as a server-drawn SVG bar chart, per-day figures and top items. Shippers: 403. */
export function salesRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const app = new Hono<DashboardEnv>();
  app.use("/sales/*", requireSession(deps));
  app.use("/sales/*", async (c, next) => {
    if (c.get("session").user.role === "shipper") return c.html(`<p>${c.get("d").forbidden}</p>`, 403);
    await next();
  });

  app.get("/sales", async (c) => {
    const shop = await shopFor(c, deps.store);
    if (shop instanceof Response) return shop;
    const d = c.get("d");
    const session = c.get("session");
    const a = dashboardAdminMessages(session.lang);
    const to = localTime(deps.clock.now(), shop.time_zone).date;
    const from = addDays(to, -(DAYS - 1));
    const days = await salesByDay(deps.store, shop.id, from, to);
    const top = await topItemsBetween(deps.store, shop.id, from, to);
    const revenue = days.reduce((s, x) => s + x.revenue, 0);
    const orders = days.reduce((s, x) => s + x.orders, 0);
    const withOrders = days.filter((x) => x.orders > 0).reverse();
    const body = html`<style>${raw(".total{font-size:18px;margin:0 0 8px}.num{text-align:right;white-space:nowrap}")}</style>
<p class="total" id="total"><strong>${a.total30({ revenue: formatVnd(revenue), orders })}</strong></p>
<div class="card">${salesChartSvg(days, a)}<p class="muted" style="margin:6px 0 0">${a.revenueNote}</p></div>
<h2>${a.byDay}</h2>
${withOrders.length
  ? html`<table><thead><tr><th>${a.day}</th><th class="num">${a.orders}</th><th class="num">${a.revenue}</th></tr></thead><tbody>${withOrders.map((x) => html`<tr data-date="${x.date}"><td>${a.longDate({ date: x.date })}</td><td class="num">${x.orders}</td><td class="num">${formatVnd(x.revenue)}</td></tr>`)}</tbody></table>`
  : html`<p>${a.noSales}</p>`}
<h2>${a.topItems}</h2>
${top.length
  ? html`<table><thead><tr><th>${a.code}</th><th>${a.name}</th><th class="num">${a.qty}</th><th class="num">${a.amount}</th></tr></thead><tbody>${top.map((i) => html`<tr><td>${i.code}</td><td>${i.name}</td><td class="num">${i.qty}</td><td class="num">${formatVnd(i.amount)}</td></tr>`)}</tbody></table>`
  : html`<p>${a.noSales}</p>`}`;
    return c.html(page(c, { d, session, title: a.salesTitle, section: "sales", shop, body }));
  });

  return app;
}
