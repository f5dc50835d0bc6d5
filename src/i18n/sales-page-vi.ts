// The sales page's words, Vietnamese (default): the 30-day chart, the per-day table, the top items.
// sales-page-en.ts must have every key (type-checked).
import { vnDate } from "./vn-date";

export const salesPageVi = {
  salesTitle: "Doanh số 30 ngày",
  total30: (p: { revenue: string; orders: number }) => `30 ngày qua: ${p.revenue} · ${p.orders} đơn`,
  chartTitle: "Doanh thu theo ngày (30 ngày gần nhất)",
  barTitle: (p: { date: string; revenue: string; orders: number }) => `${p.date}: ${p.revenue} · ${p.orders} đơn`,
  shortDate: (p: { date: string }) => `${p.date.slice(8, 10)}/${p.date.slice(5, 7)}`,
  longDate: (p: { date: string }) => vnDate(p.date),
  thousandSuffix: "k",
  decimalMark: ",",
  millionSuffix: "tr",
  revenueNote: "Doanh thu: tiền đã nhận cho đơn của ngày đó, không tính đơn huỷ; đơn trả tiền mặt (COD) tính khi đã giao.",
  byDay: "Theo ngày",
  day: "Ngày",
  orders: "Đơn",
  revenue: "Doanh thu",
  noSales: "Chưa có đơn nào trong 30 ngày qua.",
  topItems: "Món bán chạy (30 ngày)",
  code: "Mã",
  name: "Tên",
  qty: "SL",
  amount: "Thành tiền",
};
