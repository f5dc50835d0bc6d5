import type { SalesPageMessages } from "./sales-page";

/** English words of the sales page. */
export const salesPageEn: SalesPageMessages = {
  salesTitle: "Sales, last 30 days",
  total30: (p) => `Last 30 days: ${p.revenue} · ${p.orders} orders`,
  chartTitle: "Revenue per day (last 30 days)",
  barTitle: (p) => `${p.date}: ${p.revenue} · ${p.orders} orders`,
  shortDate: (p) => `${p.date.slice(5, 7)}/${p.date.slice(8, 10)}`,
  longDate: (p) => p.date,
  thousandSuffix: "k",
  decimalMark: ".",
  millionSuffix: "M",
  revenueNote: "Revenue: money received for that day's orders, cancelled ones excluded; cash on delivery counts once delivered.",
  byDay: "Per day",
  day: "Day",
  orders: "Orders",
  revenue: "Revenue",
  noSales: "No orders in the last 30 days.",
  topItems: "Top items (30 days)",
  code: "Code",
  name: "Name",
  qty: "Qty",
  amount: "Amount",
};
