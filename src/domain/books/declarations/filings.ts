// Which returns and notices a shop has to make, and by when (../shared/BOOKS.md §1.2, §1.5), decided by
// the year's revenue to the period's end against the rules in force then:
// - above threshold.no_tax: 01/CNKD for each quarter from the one in which it was crossed (ND 68
//   Art.8 §1a), monthly instead once above threshold.monthly_filing [?] (whether that band is judged
//   on the year so far or the year before is not in BOOKS.md; the year so far is used);
// - at or under it: the revenue notice 01/TKN-CNKD for the first half and for the year;
// - PIT on income (the profile's pit_method, or a year above threshold.income_method): the PIT
//   finalization 02/CNKD-TNCN-QTT by the rule's day of the next year.
// Deadlines come from dueDate(); nothing here is a number of its own.
import { dueDate, RULES_COVER_FROM, ruleOn } from "../rules/tax-rules";
import type { TaxProfile } from "../tax-profile";
import { noticeDeadlineKind, periodKey, periodRange, periodsOfYear, type DeclarationPeriod } from "./periods";
import type { RevenueLedger } from "./revenue-to-date";

export type FilingForm = "01/CNKD" | "01/TKN-CNKD" | "02/CNKD-TNCN-QTT";

export interface Filing {
  form: FilingForm;
  period: DeclarationPeriod;
  /** Stable across runs: "01/CNKD:2026-Q3". */
  key: string;
  /** YYYY-MM-DD, and the rule that says so. */
  due: string;
  dueSource: string;
  /** The year's revenue from 1 January to the period's end (to `today` while the period runs). */
  revenueToEnd: number;
  /** False while the period is still running: the figures (and whether it applies) may change. */
  ended: boolean;
}

/** The one filing a period would need, under the rules at its end, or null when none does. */
export function filingFor(period: DeclarationPeriod, ledger: RevenueLedger, profile: Pick<TaxProfile, "pitMethod">, today: string): Filing | null {
  const range = periodRange(period);
  if (range.to < RULES_COVER_FROM) return null;
  const ended = range.to < today;
  const upTo = ended ? range.to : today;
  const revenue = ledger.yearToDate(upTo);
  const noTax = ruleOn("threshold.no_tax", range.to).value;
  const monthly = ruleOn("threshold.monthly_filing", range.to).value;
  const make = (f: FilingForm, kind: Parameters<typeof dueDate>[0]): Filing => {
    const due = dueDate(kind, range.to);
    return { form: f, period, key: `${f}:${periodKey(period)}`, due: due.date, dueSource: due.rule.cite, revenueToEnd: revenue, ended };
  };
  if (period.kind === "month") return revenue > monthly ? make("01/CNKD", "month") : null;
  if (period.kind === "quarter") return revenue > noTax && revenue <= monthly ? make("01/CNKD", "quarter") : null;
  if (period.kind === "half_year") return revenue <= noTax ? make("01/TKN-CNKD", "half_year_notice") : null;
  // A year: the revenue notice at or under the threshold, else (PIT on income) the finalization.
  if (revenue <= noTax) return make("01/TKN-CNKD", noticeDeadlineKind(period));
  if (profile.pitMethod === "income" || revenue > ruleOn("threshold.income_method", range.to).value) return make("02/CNKD-TNCN-QTT", "pit_finalization");
  return null;
}

/**
 * Every filing of `years` that applies, by due date: the ones of ended periods, and (not ended) the
 * ones the periods running today would need if the year went on as it is.
 */
export function filingsOf(years: readonly number[], ledger: RevenueLedger, profile: Pick<TaxProfile, "pitMethod">, today: string): Filing[] {
  const out: Filing[] = [];
  for (const year of years) {
    for (const kind of ["month", "quarter", "half_year", "year"] as const) {
      for (const period of periodsOfYear(kind, year)) {
        if (periodRange(period).from > today) continue;
        const filing = filingFor(period, ledger, profile, today);
        if (filing) out.push(filing);
      }
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key));
}

/** The years whose filings may still be due on `today`: this one, and the last while its latest deadline has not passed. */
export function yearsOpenOn(today: string): number[] {
  const year = Number(today.slice(0, 4));
  const lastYearEnd = `${year - 1}-12-31`;
  if (lastYearEnd < RULES_COVER_FROM) return [year];
  const latest = [dueDate("pit_finalization", lastYearEnd), dueDate("year_notice", lastYearEnd), dueDate("quarter", lastYearEnd)].map((d) => d.date).sort().at(-1)!;
  return latest >= today ? [year - 1, year] : [year];
}
