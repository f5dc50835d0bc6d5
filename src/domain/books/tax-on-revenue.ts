// VAT and PIT on revenue (../shared/BOOKS.md §1.2–1.3) for a shop and a period, per activity group,
// each figure with a Vietnamese "how" naming its numbers and the rule's source. S2a-HKD's tax rows and
// the 01/CNKD / 01/TKN-CNKD drafts take their figures from here.
//
// The period is cut into its calendar quarters (returns are quarterly, and Decree 68 Art.8 §1a has a
// household declare from the quarter its year's revenue passes the no-tax threshold). For each quarter:
// - taxable when the year's revenue up to the quarter's end is above "threshold.no_tax";
// - VAT = revenue × vat % (× the "reduction.vat" factor, when the cut needs no invoice or the shop
//   issues e-invoices);
// - PIT = (revenue − the part of "deduction.pit_revenue" the year's earlier revenue left) × pit %, the
//   deduction set against the group with the highest PIT % first (the most favourable, Art.4 §3).
// Figures are summed over the quarters unrounded and rounded to whole đồng once per group.
import type { Store } from "../../db/store";
import { formatVnd } from "../money";
import { vnDate } from "../../i18n/vn-date";
import { addDays } from "../../platform/shop-time";
import { ACTIVITY_GROUPS, ACTIVITY_GROUP_NAMES_VI, type ActivityGroup } from "./activity-groups";
import { taxProfile as readTaxProfile, type TaxProfile } from "./tax-profile";
import { revenueLines, type BookPeriod, type RevenueLine } from "./revenue-lines";
import { RULES_COVER_FROM, ratesOn, ruleOn } from "./rules/tax-rules";

/** A figure in đồng and how it was computed (Vietnamese). */
export interface TaxFigure {
  amount: number;
  how: string;
}

export interface GroupTax {
  group: ActivityGroup;
  /** As the forms word it. */
  name: string;
  /** The group's revenue in the period (returns already subtracted). */
  revenue: TaxFigure;
  vat: TaxFigure;
  /** The part of the yearly deduction set against this group's revenue in the period (DT được trừ). */
  deduction: TaxFigure;
  pit: TaxFigure;
  /** The rates in force at the period's end, as the form prints them (VAT after any cut). */
  vatPercent: number;
  pitPercent: number;
}

/** One calendar quarter of the period (or the part of it the period covers). */
export interface QuarterPart {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
  revenue: number;
  /** The year's revenue before `from` (it used up that much of the deduction). */
  yearRevenueBefore: number;
  /** The year's revenue up to the quarter's last day: what decides whether the quarter is taxable. */
  yearRevenueToQuarterEnd: number;
  threshold: number;
  taxable: boolean;
  /** The deduction still unused at `from`. */
  deductionLeft: number;
}

export interface TaxOnRevenue {
  from: string;
  to: string;
  /** The period's revenue lines (the same the books print). */
  lines: RevenueLine[];
  revenue: TaxFigure;
  /** The year's revenue (of the year `to` is in) up to `to`. */
  yearRevenueToEnd: number;
  /** "threshold.no_tax" in force at `to`. */
  threshold: number;
  /** Some quarter of the period is above the threshold: VAT/PIT apply. */
  taxable: boolean;
  quarters: QuarterPart[];
  /** Every group with revenue in the period, in the forms' order. */
  groups: GroupTax[];
  vat: TaxFigure;
  pit: TaxFigure;
  pitMethod: TaxProfile["pitMethod"];
  /** What the sources leave uncertain for this period ([?]), in Vietnamese. */
  uncertain: string[];
}

/** VAT and PIT on the period's revenue. Throws a RangeError for a period before the rules begin or with to < from. */
export async function taxOnRevenue(
  store: Store,
  shop: { id: number; time_zone: string },
  period: BookPeriod,
  profile?: Pick<TaxProfile, "pitMethod" | "einvoiceRequired">,
): Promise<TaxOnRevenue> {
  if (period.from < RULES_COVER_FROM) throw new RangeError(`no tax rules before ${RULES_COVER_FROM}`);
  if (period.to < period.from) throw new RangeError("period ends before it starts");
  const taxProfile = profile ?? (await readTaxProfile(store, shop.id));
  const parts = quarterParts(period);
  // One read covers every quarter's year so far and the quarter's end.
  const span = { from: `${parts[0]!.year}-01-01`, to: quarterEnd(parts.at(-1)!) };
  const all = await revenueLines(store, shop, span);
  const sumIn = (from: string, to: string) => all.reduce((s, l) => (l.date >= from && l.date <= to ? s + l.amount : s), 0);

  const acc = new Map<ActivityGroup, { revenue: number; vat: number; deduction: number; pit: number; vatHow: string[]; pitHow: string[] }>();
  const uncertain = new Set<string>();
  const quarters: QuarterPart[] = [];
  const lines = all.filter((l) => l.date >= period.from && l.date <= period.to);
  for (const group of ACTIVITY_GROUPS) if (lines.some((l) => l.byGroup[group] !== undefined)) acc.set(group, { revenue: 0, vat: 0, deduction: 0, pit: 0, vatHow: [], pitHow: [] });

  for (const part of parts) {
    const yearStart = `${part.year}-01-01`;
    const threshold = ruleOn("threshold.no_tax", part.to);
    const deductionRule = ruleOn("deduction.pit_revenue", part.to);
    const reduction = ruleOn("reduction.vat", part.to);
    const before = sumIn(yearStart, addDays(part.from, -1));
    const toQuarterEnd = sumIn(yearStart, quarterEnd(part));
    const taxable = toQuarterEnd > threshold.value;
    let left = Math.max(0, deductionRule.value - before);
    const q: QuarterPart = {
      ...part,
      revenue: sumIn(part.from, part.to),
      yearRevenueBefore: before,
      yearRevenueToQuarterEnd: toQuarterEnd,
      threshold: threshold.value,
      taxable,
      deductionLeft: left,
    };
    quarters.push(q);
    const label = `Quý ${part.quarter}/${part.year}`;
    const cutApplies = reduction.value.factor < 1 && (!reduction.value.needs_invoice || taxProfile.einvoiceRequired);
    if (taxable && reduction.value.factor < 1 && !cutApplies)
      uncertain.add(
        `[?] Không áp dụng giảm thuế GTGT (× ${percentText(reduction.value.factor)}) vì hộ chưa dùng hóa đơn điện tử; việc giảm khi không có hóa đơn chưa rõ (nguồn: ${reduction.cite}).`,
      );
    const crossing = taxable && part.quarter > 1 && sumIn(yearStart, addDays(quarterStart(part), -1)) <= threshold.value;
    if (crossing && sumIn(yearStart, addDays(quarterStart(part), -1)) > 0)
      uncertain.add(
        `[?] Doanh thu năm ${part.year} vượt ${formatVnd(threshold.value)} trong ${label.toLowerCase()}: khai và nộp thuế từ quý này (Nghị định 68/2026/NĐ-CP Điều 8 §1a); thuế GTGT trên doanh thu các quý trước (${formatVnd(sumIn(yearStart, addDays(quarterStart(part), -1)))}) văn bản chưa nói rõ, ở đây không tính.`,
      );

    const groupRevenue = (g: ActivityGroup) => lines.reduce((s, l) => (l.date >= part.from && l.date <= part.to ? s + (l.byGroup[g] ?? 0) : s), 0);
    // Highest PIT % first: the deduction is worth most there.
    const order = [...acc.keys()].sort((a, b) => ratesOn(b, part.to).value.pit_percent - ratesOn(a, part.to).value.pit_percent);
    for (const group of order) {
      const a = acc.get(group)!;
      const revenue = groupRevenue(group);
      a.revenue += revenue;
      if (revenue < 0) uncertain.add(`Doanh thu ngành ${ACTIVITY_GROUP_NAMES_VI[group]} ${label.toLowerCase()} âm (hàng trả lại nhiều hơn bán): tính thuế trên 0 ₫.`);
      const base = Math.max(0, revenue);
      const deduction = Math.min(left, base);
      left -= deduction;
      a.deduction += deduction;
      const rates = ratesOn(group, part.to);
      if (!taxable) {
        const why = `${label}: doanh thu năm đến ${vnDate(quarterEnd(part))} là ${formatVnd(toQuarterEnd)}, không quá ngưỡng ${formatVnd(threshold.value)} (nguồn: ${threshold.cite}) nên không phải nộp`;
        a.vatHow.push(`${why} thuế GTGT.`);
        a.pitHow.push(`${why} thuế TNCN.`);
        continue;
      }
      const factor = cutApplies ? reduction.value.factor : 1;
      const vat = (base * rates.value.vat_percent * factor) / 100;
      const pit = ((base - deduction) * rates.value.pit_percent) / 100;
      a.vat += vat;
      a.pit += pit;
      const cut = cutApplies ? ` × ${percentText(factor)} (giảm thuế GTGT; nguồn: ${reduction.cite})` : "";
      a.vatHow.push(`${label}: ${formatVnd(base)} × ${percentText(rates.value.vat_percent)} %${cut} = ${formatVnd(Math.round(vat))} (tỷ lệ: ${rates.cite}).`);
      a.pitHow.push(
        `${label}: (${formatVnd(base)} − ${formatVnd(deduction)} được trừ) × ${percentText(rates.value.pit_percent)} % = ${formatVnd(Math.round(pit))}` +
          ` (mức trừ ${formatVnd(deductionRule.value)}/năm, doanh thu năm trước ${vnDate(part.from)} đã dùng ${formatVnd(Math.min(deductionRule.value, Math.max(0, before)))}, trừ vào ngành có thuế suất TNCN cao nhất trước; nguồn: ${deductionRule.cite}; tỷ lệ: ${rates.cite}).`,
      );
    }
  }

  const endRates = (g: ActivityGroup) => ratesOn(g, period.to).value;
  const endReduction = ruleOn("reduction.vat", period.to).value;
  const endFactor = endReduction.factor < 1 && (!endReduction.needs_invoice || taxProfile.einvoiceRequired) ? endReduction.factor : 1;
  const groups: GroupTax[] = [...acc.entries()].map(([group, a]) => {
    const name = ACTIVITY_GROUP_NAMES_VI[group];
    const vat = Math.round(a.vat);
    const pit = Math.round(a.pit);
    return {
      group,
      name,
      revenue: { amount: a.revenue, how: `Tổng các dòng ngành ${name} từ ${vnDate(period.from)} đến ${vnDate(period.to)}: đơn đã giao (theo ngày giao), trừ hàng bị trả lại (theo ngày nhận lại), cộng dòng tự nhập = ${formatVnd(a.revenue)}.` },
      vat: { amount: vat, how: `${a.vatHow.join(" ")} Làm tròn đến đồng: ${formatVnd(vat)}.` },
      deduction: { amount: a.deduction, how: `Phần mức trừ doanh thu đã trừ vào ngành ${name} trong kỳ: ${formatVnd(a.deduction)}.` },
      pit: { amount: pit, how: `${a.pitHow.join(" ")} Làm tròn đến đồng: ${formatVnd(pit)}.` },
      vatPercent: Math.round(endRates(group).vat_percent * endFactor * 1000) / 1000,
      pitPercent: endRates(group).pit_percent,
    };
  });

  const revenue = lines.reduce((s, l) => s + l.amount, 0);
  const vat = groups.reduce((s, g) => s + g.vat.amount, 0);
  const pit = groups.reduce((s, g) => s + g.pit.amount, 0);
  const yearRevenueToEnd = sumIn(`${period.to.slice(0, 4)}-01-01`, period.to);
  const threshold = ruleOn("threshold.no_tax", period.to);
  const incomeThreshold = ruleOn("threshold.income_method", period.to);
  if (taxProfile.pitMethod === "income")
    uncertain.add("Hộ chọn tính thuế TNCN theo thu nhập (doanh thu − chi phí): số TNCN ở đây chỉ tính theo tỷ lệ trên doanh thu, để tham khảo; sổ S2c-HKD và chi phí hộ tự ghi.");
  if (yearRevenueToEnd > incomeThreshold.value)
    uncertain.add(`Doanh thu năm vượt ${formatVnd(incomeThreshold.value)}: thuế TNCN phải tính theo thu nhập (nguồn: ${incomeThreshold.cite}); số TNCN theo tỷ lệ ở đây không dùng để khai.`);
  const sumHow = (what: string, figure: (g: GroupTax) => number, total: number) =>
    groups.length ? `${what} = ${groups.map((g) => `${formatVnd(figure(g))} (${g.name})`).join(" + ")} = ${formatVnd(total)}.` : `Không có doanh thu trong kỳ: ${formatVnd(0)}.`;
  return {
    from: period.from,
    to: period.to,
    lines,
    revenue: { amount: revenue, how: sumHow("Tổng doanh thu", (g) => g.revenue.amount, revenue) },
    yearRevenueToEnd,
    threshold: threshold.value,
    taxable: quarters.some((q) => q.taxable),
    quarters,
    groups,
    vat: { amount: vat, how: sumHow("Tổng thuế GTGT", (g) => g.vat.amount, vat) },
    pit: { amount: pit, how: sumHow("Tổng thuế TNCN", (g) => g.pit.amount, pit) },
    pitMethod: taxProfile.pitMethod,
    uncertain: [...uncertain],
  };
}

/** The calendar quarters a period touches, each cut to the period. */
export function quarterParts(period: BookPeriod): { year: number; quarter: 1 | 2 | 3 | 4; from: string; to: string }[] {
  const out: { year: number; quarter: 1 | 2 | 3 | 4; from: string; to: string }[] = [];
  let from = period.from;
  while (from <= period.to) {
    const year = Number(from.slice(0, 4));
    const quarter = (Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;
    const end = quarterEnd({ year, quarter });
    const to = end < period.to ? end : period.to;
    out.push({ year, quarter, from, to });
    from = addDays(to, 1);
  }
  return out;
}

function quarterStart(q: { year: number; quarter: number }): string {
  return `${q.year}-${String((q.quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
}

function quarterEnd(q: { year: number; quarter: number }): string {
  const month = q.quarter * 3;
  const last = new Date(Date.UTC(q.year, month, 0)).getUTCDate();
  return `${q.year}-${String(month).padStart(2, "0")}-${last}`;
}

/** 0.5 → "0,5"; 0.8 → "0,8"; 1 → "1" (Vietnamese decimal comma). */
export function percentText(value: number): string {
  return String(Math.round(value * 1000) / 1000).replace(".", ",");
}
