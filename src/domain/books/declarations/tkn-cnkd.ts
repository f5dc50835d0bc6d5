// The 01/TKN-CNKD draft (THÔNG BÁO DOANH THU/TỜ KHAI THUẾ NĂM) for the year ([01a]) or its first half
// ([01b]), as a household at or under the no-tax threshold sends it: revenue per activity group in
// [08a]…[08g] (fixed location) or [09a]…[09g] (platform), [11] Tổng cộng, and every tax column blank,
// as the form's note says.
import { formatVnd } from "../../money";
import { dueDate, ruleOn } from "../rules/tax-rules";
import { vnDate } from "../../../i18n/vn-date";
import type { TaxProfile } from "../tax-profile";
import { formRows, revenueTrail, sumCell, type DeclarationDraft, type DraftCell, type DraftColumn, type DraftRow } from "./draft";
import { filingFor } from "./filings";
import { draftFrame } from "./form-parts";
import { noticeDeadlineKind, periodRange, type DeclarationPeriod } from "./periods";
import type { RevenueLedger } from "./revenue-to-date";

const vnd = formatVnd;

export const TKN_NOTE = "chỉ thực hiện thông báo doanh thu; không thực hiện khai số thuế";

export const TKN_COLUMNS: DraftColumn[] = [
  { key: "revenue", code: "", label: "Tổng doanh thu", tax: "GTGT" },
  { key: "vat_exempt", code: "", label: "Doanh thu không chịu thuế GTGT", tax: "GTGT" },
  { key: "vat_zero", code: "", label: "Doanh thu thuế suất 0%", tax: "GTGT" },
  { key: "vat", code: "", label: "Số thuế phải nộp", tax: "GTGT" },
  { key: "pit_base", code: "", label: "Doanh thu chịu thuế", tax: "TNCN" },
  { key: "pit_deduction", code: "", label: "Doanh thu được trừ", tax: "TNCN" },
  { key: "pit", code: "", label: "Số thuế phải nộp", tax: "TNCN" },
];

const BLANK_HOW = `Để trống: hộ có doanh thu không quá ngưỡng ${TKN_NOTE} (ghi chú trên mẫu).`;

/** The revenue notice for the first half or the year (to `today` while it runs). */
export function build01Tkn(
  profile: TaxProfile,
  period: DeclarationPeriod & { kind: "half_year" | "year" },
  ledger: RevenueLedger,
  today: string,
): DeclarationDraft {
  const range = periodRange(period);
  const upTo = range.to < today ? range.to : today;
  const figures = ledger.figures({ from: range.from, to: upTo });
  const prefix = profile.declareAs === "platform" ? "09" : "08";
  const withBlanks = (c: DraftCell): DraftCell[] => [c, ...TKN_COLUMNS.slice(1).map((col) => ({ code: col.code, label: col.label, value: null, how: [BLANK_HOW] }))];
  const rows: DraftRow[] = formRows().map(({ letter, groups, label }) => {
    const revenue = revenueTrail(figures, groups, "S1a");
    return { key: letter, code: `[${prefix}${letter}]`, label, groups, cells: withBlanks({ code: `[${prefix}${letter}]`, label: TKN_COLUMNS[0]!.label, value: revenue.value, how: revenue.how, book: revenue.book }) };
  });
  const agents: DraftRow = {
    key: "10",
    code: "[10]",
    label: "Đại lý xổ số, đại lý bảo hiểm, bán hàng đa cấp",
    groups: [],
    cells: withBlanks({ code: "[10]", label: TKN_COLUMNS[0]!.label, value: 0, how: [`Chợ Chat không tách riêng hoạt động đại lý: ${vnd(0)}. Nếu có, hộ tự chuyển từ dòng [${prefix}c].`] }),
  };
  const groupRows = [...rows, agents];
  const total: DraftRow = { key: "11", code: "[11]", label: "Tổng cộng", groups: [], total: true, cells: TKN_COLUMNS.map((c, i) => sumCell(i === 0 ? "[11]" : c.code, c.label, groupRows, i)) };
  const taxRow = (key: string, label: string): DraftRow => ({ key, code: `[${key}]`, label, groups: [], total: true, cells: TKN_COLUMNS.map((c) => ({ code: c.code, label: c.label, value: null, how: [BLANK_HOW] })) });

  const deadline = dueDate(noticeDeadlineKind(period), range.to);
  const filing = filingFor(period, ledger, profile, today);
  const noTax = ruleOn("threshold.no_tax", range.to);
  const yearRevenue = ledger.yearToDate(upTo);
  const what = period.kind === "half_year" ? "6 tháng đầu năm" : "cả năm";
  const applies =
    filing?.form === "01/TKN-CNKD"
      ? `Doanh thu ${what} ${period.year} đến ${vnDate(upTo)} là ${vnd(yearRevenue)}, không quá ${vnd(noTax.value)}: gửi thông báo doanh thu này, không nộp thuế; hạn ${vnDate(deadline.date)}.`
      : `Doanh thu năm ${period.year} đến ${vnDate(upTo)} là ${vnd(yearRevenue)}, vượt ${vnd(noTax.value)}: hộ khai 01/CNKD theo quý từ quý vượt, không gửi thông báo doanh thu này (${noTax.cite}).`;

  return {
    ...draftFrame("01/TKN-CNKD", period, profile, upTo),
    ticks: [
      { code: "[01a]", label: "Năm", on: period.kind === "year", ...(period.kind === "year" ? { value: String(period.year) } : {}) },
      { code: "[01b]", label: "6 tháng đầu năm", on: period.kind === "half_year", ...(period.kind === "half_year" ? { value: String(period.year) } : {}) },
      { code: "[01c]", label: "6 tháng cuối năm", on: false },
      { code: "[02]", label: "Lần đầu", on: true },
      { code: "[03]", label: "Bổ sung lần thứ", on: false },
    ],
    section:
      profile.declareAs === "platform"
        ? { code: "[09]", label: "Hoạt động kinh doanh trên nền tảng thương mại điện tử, nền tảng số khác" }
        : { code: "[08]", label: "Hoạt động kinh doanh tại địa điểm kinh doanh cố định" },
    columns: TKN_COLUMNS,
    rows: [...groupRows, total, taxRow("12", "Số thuế được miễn"), taxRow("13", "Số thuế còn phải nộp")],
    filing: filing?.form === "01/TKN-CNKD" ? filing : null,
    applies,
    due: { date: deadline.date, source: deadline.rule.cite },
    flags: [],
    notes: [
      "[?] Chat bán hàng (Zalo, Telegram) là “địa điểm cố định” hay “nền tảng số”: hộ tự chọn trong hồ sơ thuế; văn bản chưa nói rõ.",
      "Doanh thu năm gồm mọi kênh: hộ tự thêm doanh thu bán ngoài Chợ Chat và doanh thu trên sàn (kể cả phần sàn đã khấu trừ thuế) ở trang Sổ sách.",
    ],
    formNote: TKN_NOTE,
  };
}
