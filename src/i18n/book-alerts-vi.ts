// Staff-chat alerts about the household's books (src/domain/books/alerts.ts), Vietnamese (default):
// the year's revenue near or past a threshold, a filing deadline a week ahead. Short, with the figure,
// what to do, and the link to the drafts. book-alerts-en.ts must have every key.
import { formatVnd } from "../domain/money";
import { vnDate } from "./vn-date";
import type { DeclarationPeriod } from "../domain/books/declarations/periods";

const vnd = formatVnd;
const lines = (items: readonly string[]) => items.map((i) => `• ${i}`).join("\n");

export const bookAlertsVi = {
  /** 31/10/2026 */
  date: vnDate,
  period: (p: DeclarationPeriod) =>
    p.kind === "month" ? `tháng ${p.n}/${p.year}` : p.kind === "quarter" ? `quý ${p.n}/${p.year}` : p.kind === "half_year" ? `6 tháng đầu năm ${p.year}` : `năm ${p.year}`,
  formName: {
    "01/CNKD": "tờ khai thuế 01/CNKD",
    "01/TKN-CNKD": "thông báo doanh thu 01/TKN-CNKD",
    "02/CNKD-TNCN-QTT": "quyết toán thuế TNCN 02/CNKD-TNCN-QTT",
  },
  thresholdNear: (p: { year: number; revenue: number; threshold: number; percent: number; what: readonly string[]; link: string }) =>
    `📊 Doanh thu năm ${p.year} đến hôm nay: ${vnd(p.revenue)}, bằng ${p.percent}% mức ${vnd(p.threshold)}.\nNếu vượt mức này, shop cần:\n${lines(p.what)}\nXem bản nháp tờ khai: ${p.link}`,
  thresholdCrossed: (p: { year: number; revenue: number; threshold: number; what: readonly string[]; link: string }) =>
    `⚠️ Doanh thu năm ${p.year} đã vượt ${vnd(p.threshold)} (đến hôm nay: ${vnd(p.revenue)}).\nShop cần:\n${lines(p.what)}\nXem bản nháp tờ khai: ${p.link}`,
  what: {
    noTax: (p: { period: string; due: string }) => `khai và nộp thuế GTGT, TNCN bằng tờ khai 01/CNKD từ ${p.period} (hạn ${p.due})`,
    einvoice: (p: { due: string }) => `dùng hóa đơn điện tử: đăng ký (mẫu 01/ĐKTĐ-HĐĐT) trước ${p.due}`,
    incomeMethod: () => "tính thuế TNCN trên thu nhập (doanh thu trừ chi phí có chứng từ): giữ sổ chi phí, cuối năm quyết toán 02/CNKD-TNCN-QTT",
    monthlyFiling: (p: { due: string }) => `khai thuế theo tháng thay vì theo quý (tháng này hạn ${p.due})`,
  },
  deadline: (p: { days: number; due: string; form: string; period: string; figure: string; link: string }) =>
    `🗓️ ${p.days === 0 ? `Hôm nay (${p.due}) là hạn cuối` : `Còn ${p.days} ngày đến hạn ${p.due}`}: ${p.form} ${p.period}.${p.figure ? ` ${p.figure}` : ""}\nChợ Chat chỉ làm bản nháp: shop kiểm tra, tự nhập vào eTax và nộp. Xem bản nháp: ${p.link}`,
  figureReturn: (p: { revenue: number; tax: number }) => `Theo bản nháp: doanh thu ${vnd(p.revenue)}, thuế còn phải nộp ${vnd(p.tax)}.`,
  figureNotice: (p: { revenue: number }) => `Theo bản nháp: doanh thu ${vnd(p.revenue)}, không phải nộp thuế.`,
  figureFinalization: (p: { revenue: number }) => `Doanh thu cả năm ${vnd(p.revenue)}; quyết toán cần chi phí cả năm, shop tự lập.`,
};
