// The 01/CNKD draft (TỜ KHAI THUẾ ĐỐI VỚI HỘ KINH DOANH, CÁ NHÂN KINH DOANH) for a quarter, or a month
// once the shop is in the monthly band: per activity group's row [11]–[17], then [18] Tổng cộng,
// [19] được miễn, [20] còn phải nộp. Revenue from the ledger (the books' lines); VAT, the deduction and
// PIT from taxOnRevenue, which the S2a-HKD book prints too, so the draft and the book agree.
import type { Shop } from "../../../db/schema";
import type { Store } from "../../../db/store";
import { formatVnd } from "../../money";
import type { ActivityGroup } from "../activity-groups";
import { dueDate, ruleOn } from "../rules/tax-rules";
import { vnDate } from "../../../i18n/vn-date";
import { taxOnRevenue, type GroupTax } from "../tax-on-revenue";
import type { StoredTaxProfile } from "../tax-profile";
import { formRows, sumCell, revenueTrail, type DeclarationDraft, type DraftCell, type DraftColumn, type DraftRow } from "./draft";
import { filingFor } from "./filings";
import { draftFrame, notFiledHow } from "./form-parts";
import { periodOf, periodRange, type DeclarationPeriod } from "./periods";
import type { RevenueLedger } from "./revenue-to-date";

const vnd = formatVnd;

export const CNKD_COLUMNS: DraftColumn[] = [
  { key: "revenue", code: "[11]", label: "Tổng doanh thu", tax: "GTGT" },
  { key: "vat_exempt", code: "[12]", label: "Doanh thu không chịu thuế GTGT", tax: "GTGT" },
  { key: "vat_zero", code: "[13]", label: "Doanh thu thuế suất 0%", tax: "GTGT" },
  { key: "vat", code: "[14]", label: "Số thuế GTGT phải nộp", tax: "GTGT" },
  { key: "pit_base", code: "[15]", label: "Doanh thu chịu thuế TNCN", tax: "TNCN" },
  { key: "pit_deduction", code: "[16]", label: "Doanh thu được trừ", tax: "TNCN" },
  { key: "pit", code: "[17]", label: "Số thuế TNCN phải nộp", tax: "TNCN" },
];
const VAT = 3;
const PIT = 6;

export async function build01Cnkd(
  store: Store,
  shop: Pick<Shop, "id" | "time_zone">,
  profile: StoredTaxProfile,
  period: DeclarationPeriod & { kind: "month" | "quarter" },
  ledger: RevenueLedger,
  today: string,
): Promise<DeclarationDraft> {
  const range = periodRange(period);
  const upTo = range.to < today ? range.to : today;
  const figures = ledger.figures({ from: range.from, to: upTo });
  const tax = await taxOnRevenue(store, shop, { from: range.from, to: upTo }, profile);
  const byGroup = new Map(tax.groups.map((g) => [g.group, g]));
  const rows: DraftRow[] = formRows().map(({ letter, groups, label }) => ({
    key: letter,
    code: `(${letter})`,
    label,
    groups,
    cells: groupCells(figures, groups, groups.map((g) => byGroup.get(g)).filter((g): g is GroupTax => g !== undefined)),
  }));
  const total: DraftRow = { key: "18", code: "[18]", label: "Tổng cộng", groups: [], total: true, cells: CNKD_COLUMNS.map((c, i) => sumCell(c.code, c.label, rows, i)) };
  const exempt: DraftRow = {
    key: "19",
    code: "[19]",
    label: "Số thuế được miễn",
    groups: [],
    total: true,
    cells: CNKD_COLUMNS.map((c, i) =>
      i === VAT || i === PIT ? { code: c.code, label: c.label, value: 0, how: ["Chợ Chat không tính số thuế được miễn: 0 ₫. Nếu hộ được miễn thuế (cơ quan thuế thông báo), tự điền."] } : blank(c),
    ),
  };
  const due: DraftRow = {
    key: "20",
    code: "[20]",
    label: "Số thuế còn phải nộp",
    groups: [],
    total: true,
    cells: CNKD_COLUMNS.map((c, i) => {
      if (i !== VAT && i !== PIT) return blank(c);
      const all = total.cells[i]!.value ?? 0;
      const free = exempt.cells[i]!.value ?? 0;
      return { code: c.code, label: c.label, value: all - free, how: [`= [18] ${vnd(all)} − [19] ${vnd(free)} = ${vnd(all - free)}.`] };
    }),
  };

  const kind = period.kind === "month" ? "month" : "quarter";
  const deadline = dueDate(kind, range.to);
  const filing = filingFor(period, ledger, profile, today);
  const noTax = ruleOn("threshold.no_tax", range.to);
  const monthly = ruleOn("threshold.monthly_filing", range.to);
  const yearRevenue = ledger.yearToDate(upTo);
  const applies =
    filing?.form === "01/CNKD"
      ? `Doanh thu năm từ 01/01 đến ${vnDate(upTo)} là ${vnd(yearRevenue)}, vượt ${vnd(noTax.value)}: kỳ này khai 01/CNKD, hạn ${vnDate(deadline.date)}.`
      : period.kind === "quarter" && yearRevenue > monthly.value
        ? `Doanh thu năm đến ${vnDate(upTo)} là ${vnd(yearRevenue)}, vượt ${vnd(monthly.value)}: khai 01/CNKD theo tháng (${monthly.cite}).`
        : period.kind === "month" && yearRevenue <= monthly.value
          ? `Doanh thu năm đến ${vnDate(upTo)} là ${vnd(yearRevenue)}, không quá ${vnd(monthly.value)}: khai theo quý, không theo tháng (${monthly.cite}).`
          : `Doanh thu năm từ 01/01 đến ${vnDate(upTo)} là ${vnd(yearRevenue)}, không quá ${vnd(noTax.value)}: kỳ này chưa phải khai 01/CNKD; sau năm, gửi thông báo doanh thu 01/TKN-CNKD (${noTax.cite}).`;

  return {
    ...draftFrame("01/CNKD", period, profile, upTo),
    ticks: [
      { code: "[01a]", label: "Tháng", on: period.kind === "month", ...(period.kind === "month" ? { value: `${String(period.n).padStart(2, "0")}/${period.year}` } : {}) },
      { code: "[01b]", label: "Quý", on: period.kind === "quarter", ...(period.kind === "quarter" ? { value: `${period.n}/${period.year}` } : {}) },
      { code: "[01c]", label: "Lần phát sinh", on: false },
      { code: "[02]", label: "Lần đầu", on: true },
      { code: "[03]", label: "Bổ sung lần thứ", on: false },
      { code: "", label: "Thuế TNCN tính theo tỷ lệ trên doanh thu", on: profile.pitMethod === "revenue" },
      { code: "", label: "Thuế TNCN tính trên thu nhập (doanh thu − chi phí)", on: profile.pitMethod === "income" },
      { code: "", label: "Chỉ kinh doanh trên nền tảng TMĐT không có chức năng đặt hàng, thanh toán", on: profile.declareAs === "platform" },
    ],
    section:
      profile.declareAs === "platform"
        ? { code: "II", label: "Hoạt động kinh doanh trên nền tảng thương mại điện tử, nền tảng số không có chức năng đặt hàng và thanh toán" }
        : { code: "I", label: "Hoạt động kinh doanh tại trụ sở kinh doanh (địa điểm kinh doanh cố định)" },
    columns: CNKD_COLUMNS,
    rows: [...rows, total, exempt, due],
    filing: filing?.form === "01/CNKD" ? filing : null,
    applies,
    due: { date: deadline.date, source: deadline.rule.cite },
    flags: cnkdFlags(period, ledger, upTo),
    notes: [
      ...tax.uncertain,
      "[?] Số thứ tự các ô [11]–[20] theo mẫu của Thông tư 50/2026; một nguồn đặt mức trừ 1 tỷ ở ô [14]: khi nhập vào eTax, đối chiếu tên ô chứ không chỉ số ô.",
      "Hộ tự kiểm tra: doanh thu bán ngoài Chợ Chat (thêm ở trang Sổ sách), doanh thu trên sàn đã được sàn khấu trừ thuế, nhóm ngành của từng sản phẩm.",
    ],
  };
}

function blank(c: DraftColumn): DraftCell {
  return { code: c.code, label: c.label, value: null, how: ["Ô này không có ở dòng tổng trên mẫu."] };
}

/** A group row's seven cells: revenue from the ledger, taxes from taxOnRevenue (every figure with its trail). */
function groupCells(figures: Parameters<typeof revenueTrail>[0], groups: readonly ActivityGroup[], taxes: readonly GroupTax[]): DraftCell[] {
  const revenue = revenueTrail(figures, groups, "S2a");
  const [c11, c12, c13, c14, c15, c16, c17] = CNKD_COLUMNS as [DraftColumn, DraftColumn, DraftColumn, DraftColumn, DraftColumn, DraftColumn, DraftColumn];
  const named = (pick: (g: GroupTax) => string) => taxes.map((g) => (taxes.length > 1 ? `${g.name}: ${pick(g)}` : pick(g)));
  const sum = (pick: (g: GroupTax) => number) => taxes.reduce((s, g) => s + pick(g), 0);
  const none = taxes.length ? null : "Không có doanh thu ở dòng này: 0 ₫.";
  const base = sum((g) => Math.max(0, g.revenue.amount));
  return [
    { code: c11.code, label: c11.label, value: revenue.value, how: revenue.how, book: revenue.book },
    { code: c12.code, label: c12.label, value: 0, how: [notFiledHow("không chịu thuế GTGT")] },
    { code: c13.code, label: c13.label, value: 0, how: [notFiledHow("thuế suất 0%")] },
    { code: c14.code, label: c14.label, value: sum((g) => g.vat.amount), how: none ? [none] : named((g) => g.vat.how) },
    {
      code: c15.code,
      label: c15.label,
      value: base,
      how: none ? [none] : [`= doanh thu ở ô [11] ${base === revenue.value ? "" : "(phần âm do hàng trả lại tính là 0) "}= ${vnd(base)}.`],
    },
    { code: c16.code, label: c16.label, value: sum((g) => g.deduction.amount), how: none ? [none] : named((g) => g.deduction.how) },
    { code: c17.code, label: c17.label, value: sum((g) => g.pit.amount), how: none ? [none] : named((g) => g.pit.how) },
  ];
}

/** The quarter the year's revenue went above the threshold, and the e-invoice registration it brings. */
function cnkdFlags(period: DeclarationPeriod, ledger: RevenueLedger, upTo: string): DeclarationDraft["flags"] {
  const flags: DeclarationDraft["flags"] = [];
  const range = periodRange(period);
  const within = (day: string | null): day is string => day !== null && day >= range.from && day <= range.to;
  const noTax = ruleOn("threshold.no_tax", range.to).value;
  const crossed = ledger.firstDayAbove(noTax, period.year, upTo);
  if (within(crossed)) flags.push({ text: `⚠️ Doanh thu năm ${period.year} vượt ${vnd(noTax)} ngày ${vnDate(crossed)}, trong kỳ này: khai và nộp thuế từ quý này.`, source: "Nghị định 68/2026/NĐ-CP Điều 8 §1a" });
  // E-invoices from the revenue reaching the threshold ("1 tỷ a year or more").
  const einvoice = ruleOn("threshold.einvoice", range.to).value;
  const reached = ledger.firstDayAbove(einvoice - 1, period.year, upTo);
  if (within(reached)) {
    const register = dueDate("einvoice_registration", periodRange(periodOf("quarter", reached)).to);
    flags.push({ text: `🧾 Doanh thu năm đạt ${vnd(einvoice)} ngày ${vnDate(reached)}: đăng ký dùng hóa đơn điện tử (mẫu 01/ĐKTĐ-HĐĐT) trước ${vnDate(register.date)}.`, source: register.rule.cite });
  }
  return flags;
}
