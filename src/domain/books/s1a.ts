// S1a-HKD, SỔ DOANH THU BÁN HÀNG HÓA, DỊCH VỤ (Circular 152/2025, BOOKS.md §2): every household keeps
// it. Columns A Ngày tháng, B Diễn giải, 1 Số tiền; one line per revenue line (a delivered order, a
// return as a negative line, a sale added by hand, marked), then Tổng cộng.
import { formatVnd } from "../money";
import type { BookRow, BookSection } from "./book";
import type { BookPeriod, RevenueLine } from "./revenue-lines";
import { vnDate } from "../../i18n/vn-date";

/** A revenue line as a book row (S1a; S2a overrides ref, amount and group). */
export function revenueRow(line: RevenueLine): BookRow {
  return { date: line.date, ...(line.ref ? { ref: line.ref } : {}), description: line.description, amount: line.amount, manual: line.manual };
}

/** S1a's one section and its total. */
export function s1aSections(lines: readonly RevenueLine[], period: BookPeriod): { sections: BookSection[]; totals: Record<string, number> } {
  const rows = lines.map(revenueRow);
  const total = rows.reduce((s, r) => s + r.amount, 0);
  const sales = lines.filter((l) => l.kind === "sale").length;
  const returns = lines.filter((l) => l.kind === "return").length;
  const manual = lines.filter((l) => l.manual).length;
  const how =
    `Cộng ${rows.length} dòng từ ${vnDate(period.from)} đến ${vnDate(period.to)}: ${sales} đơn đã giao (theo ngày giao, gồm phí giao hàng thu của khách), ` +
    `${returns} lần nhận lại hàng (ghi âm), ${manual} dòng tự nhập = ${formatVnd(total)} (doanh thu theo Nghị định 68/2026/NĐ-CP Điều 5).`;
  return {
    sections: [{ key: "revenue", title: "Doanh thu bán hàng hóa, dịch vụ", rows, summary: [{ key: "total", label: "Tổng cộng", amount: total, how }] }],
    totals: { total },
  };
}
