import { formatVnd } from "../domain/money";
import type { BookAlertMessages } from "./book-alerts";

const vnd = formatVnd;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const lines = (items: readonly string[]) => items.map((i) => `• ${i}`).join("\n");

/** English staff-chat alerts about the household's books. */
export const bookAlertsEn: BookAlertMessages = {
  date: (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ""} ${iso.slice(0, 4)}`,
  period: (p) => (p.kind === "month" ? `${MONTHS[p.n - 1] ?? ""} ${p.year}` : p.kind === "quarter" ? `Q${p.n} ${p.year}` : p.kind === "half_year" ? `the first half of ${p.year}` : `${p.year}`),
  formName: {
    "01/CNKD": "tax return 01/CNKD",
    "01/TKN-CNKD": "revenue notice 01/TKN-CNKD",
    "02/CNKD-TNCN-QTT": "PIT finalization 02/CNKD-TNCN-QTT",
  },
  thresholdNear: (p) =>
    `📊 Revenue in ${p.year} so far: ${vnd(p.revenue)}, ${p.percent}% of the ${vnd(p.threshold)} threshold.\nAbove it, the shop must:\n${lines(p.what)}\nSee the return drafts: ${p.link}`,
  thresholdCrossed: (p) => `⚠️ Revenue in ${p.year} is now above ${vnd(p.threshold)} (so far: ${vnd(p.revenue)}).\nThe shop must:\n${lines(p.what)}\nSee the return drafts: ${p.link}`,
  what: {
    noTax: (p) => `declare and pay VAT and PIT on return 01/CNKD every quarter from ${p.period} (due ${p.due})`,
    einvoice: (p) => `use e-invoices: register (form 01/ĐKTĐ-HĐĐT) by ${p.due}`,
    incomeMethod: () => "pay PIT on income (revenue minus documented costs): keep the cost books, and file the PIT finalization 02/CNKD-TNCN-QTT after the year",
    monthlyFiling: (p) => `file monthly instead of quarterly (this month's is due ${p.due})`,
  },
  deadline: (p) =>
    `🗓️ ${p.days === 0 ? `Today (${p.due}) is the deadline` : `${p.days} ${p.days === 1 ? "day" : "days"} to the deadline ${p.due}`}: ${p.form} for ${p.period}.${p.figure ? ` ${p.figure}` : ""}\nChợ Chat only makes the draft: check it, type it into eTax and file it yourself. See the draft: ${p.link}`,
  figureReturn: (p) => `The draft says: revenue ${vnd(p.revenue)}, tax to pay ${vnd(p.tax)}.`,
  figureNotice: (p) => `The draft says: revenue ${vnd(p.revenue)}, no tax to pay.`,
  figureFinalization: (p) => `The year's revenue ${vnd(p.revenue)}; the finalization needs the year's costs, which the shop prepares.`,
};
