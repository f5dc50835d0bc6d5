// The household-business tax rules by date (tax-rules.json, the one file a maintainer updates), read
// and checked once at load: every series is a list of entries with effective_from / effective_to
// (inclusive YYYY-MM-DD; null: still in force) and the document it comes from. ruleOn(key, date)
// answers with the entry in force that day; checkSeries says what is wrong with a series (an overlap,
// a gap, a day before the first entry), which the test runs on every series.
import { z } from "zod";
import type { ActivityGroup } from "../activity-groups";
import raw from "./tax-rules.json";

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const money = z.number().int().nonnegative();

const VALUE_SCHEMAS = {
  threshold: money,
  deduction: money,
  rate: z.union([
    z.object({ vat_percent: z.number().nonnegative(), pit_percent: z.number().nonnegative() }),
    z.array(z.object({ up_to: money.nullable(), percent: z.number().nonnegative() })).min(1),
  ]),
  reduction: z.object({ factor: z.number().positive().max(1), needs_invoice: z.boolean() }),
  form: z.object({ version: z.string().min(1), title: z.string().min(1) }),
  deadline: z.object({ months_after_period_end: z.number().int().min(0).max(12), day: z.union([z.number().int().min(1).max(31), z.literal("last")]) }),
} as const;

const entry = z.object({ effective_from: DATE, effective_to: DATE.nullable(), value: z.unknown(), cite: z.string().min(10), source: z.string().min(10) });
const file = z.object({ about: z.string(), coverage_from: DATE, series: z.record(z.string(), z.array(entry).min(1)) });

export interface DatedRule<V> {
  effectiveFrom: string;
  effectiveTo: string | null;
  value: V;
  /** The document behind it as the seller reads it, in Vietnamese (shown in the "how computed" trails). */
  cite: string;
  /** The same with what it says, in English, for maintainers. */
  source: string;
}

export interface VatPitRates {
  vat_percent: number;
  pit_percent: number;
}
export interface IncomeBracket {
  up_to: number | null;
  percent: number;
}
export interface VatReduction {
  factor: number;
  needs_invoice: boolean;
}
export interface FormVersion {
  version: string;
  title: string;
}
export interface DeadlineRule {
  months_after_period_end: number;
  day: number | "last";
}

export type ThresholdKey = "threshold.no_tax" | "threshold.income_method" | "threshold.monthly_filing" | "threshold.einvoice";
export type FormCode = "S1a-HKD" | "S2a-HKD" | "S2e-HKD" | "01/TKN-CNKD" | "01/CNKD";
export type DeadlineKind = "month" | "quarter" | "half_year_notice" | "year_notice" | "pit_finalization" | "einvoice_registration";

/** What each key's value is. */
export type RuleValues = { [K in ThresholdKey | "deduction.pit_revenue"]: number } & { [K in `rate.${ActivityGroup}`]: VatPitRates } & {
  "rate.pit_income": IncomeBracket[];
  "reduction.vat": VatReduction;
} & { [K in `form.${FormCode}`]: FormVersion } & { [K in `deadline.${DeadlineKind}`]: DeadlineRule };
export type RuleKey = keyof RuleValues;

export type RuleFile = z.infer<typeof file>;

/** What is wrong with one series: entries out of order, overlapping, leaving a gap, or not reaching today and after. */
export function checkSeries(key: string, entries: RuleFile["series"][string], coverageFrom: string): string[] {
  const problems: string[] = [];
  const family = key.split(".")[0] as keyof typeof VALUE_SCHEMAS;
  const schema = VALUE_SCHEMAS[family];
  if (!schema) problems.push(`${key}: unknown kind of rule "${family}"`);
  const sorted = [...entries].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
  if (sorted[0]!.effective_from > coverageFrom) problems.push(`${key}: no rule from ${coverageFrom} to ${dayBefore(sorted[0]!.effective_from)}`);
  sorted.forEach((e, i) => {
    if (schema && !schema.safeParse(e.value).success) problems.push(`${key} from ${e.effective_from}: its value is not a ${family}`);
    if (e.effective_to !== null && e.effective_to < e.effective_from) problems.push(`${key} from ${e.effective_from}: ends before it starts`);
    const next = sorted[i + 1];
    if (!next) {
      if (e.effective_to !== null) problems.push(`${key}: no rule after ${e.effective_to}`);
      return;
    }
    if (e.effective_to === null || e.effective_to >= next.effective_from) problems.push(`${key}: ${e.effective_from} and ${next.effective_from} overlap`);
    else if (dayAfter(e.effective_to) !== next.effective_from) problems.push(`${key}: no rule from ${dayAfter(e.effective_to)} to ${dayBefore(next.effective_from)}`);
  });
  return problems;
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The rules file, parsed and checked: a broken file stops the server at start, not a seller's page. */
export const TAX_RULES: RuleFile = (() => {
  const parsed = file.parse(raw);
  const problems = Object.entries(parsed.series).flatMap(([key, entries]) => checkSeries(key, entries, parsed.coverage_from));
  if (problems.length) throw new Error(`tax-rules.json: ${problems.join("; ")}`);
  return parsed;
})();

/** The first day the rules cover: books before it are not made. */
export const RULES_COVER_FROM = TAX_RULES.coverage_from;

/** The rule in force on `date` (YYYY-MM-DD). Throws for a day before the rules begin or a key the file lacks. */
export function ruleOn<K extends RuleKey>(key: K, date: string): DatedRule<RuleValues[K]> {
  const entries = TAX_RULES.series[key];
  if (!entries) throw new Error(`tax-rules.json has no "${key}"`);
  const found = entries.find((e) => e.effective_from <= date && (e.effective_to === null || date <= e.effective_to));
  if (!found) throw new Error(`tax-rules.json has no "${key}" on ${date}`);
  return { effectiveFrom: found.effective_from, effectiveTo: found.effective_to, value: found.value as RuleValues[K], cite: found.cite, source: found.source };
}

/** VAT and PIT % on revenue for a group on a date. */
export function ratesOn(group: ActivityGroup, date: string): DatedRule<VatPitRates> {
  return ruleOn(`rate.${group}`, date);
}

/** The due date (YYYY-MM-DD) of a return for the period ending `periodEnd`, under the rule in force then. */
export function dueDate(kind: DeadlineKind, periodEnd: string): { date: string; rule: DatedRule<DeadlineRule> } {
  const rule = ruleOn(`deadline.${kind}`, periodEnd);
  const [y, m] = periodEnd.split("-").map(Number) as [number, number];
  const monthIndex = m - 1 + rule.value.months_after_period_end;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = rule.value.day === "last" ? lastDay : Math.min(rule.value.day, lastDay);
  return { date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, rule };
}
