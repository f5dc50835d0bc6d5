// What the declarations page shows for a shop on a day: the draft of the period asked for (or of the
// filing due next), the filings that apply — open now, and the year's — with their deadlines, and the
// year's revenue to date against the threshold. Drafts of a month or quarter are 01/CNKD; of the first
// half or the year, 01/TKN-CNKD.
import type { Shop } from "../../../db/schema";
import type { Store } from "../../../db/store";
import { RULES_COVER_FROM, ruleOn } from "../rules/tax-rules";
import { taxProfile, type StoredTaxProfile } from "../tax-profile";
import { build01Cnkd } from "./cnkd";
import type { DeclarationDraft } from "./draft";
import { filingsOf, yearsOpenOn, type Filing } from "./filings";
import { periodOf, periodRange, type DeclarationPeriod } from "./periods";
import { readLedger, type RevenueLedger } from "./revenue-to-date";
import { build01Tkn } from "./tkn-cnkd";

export interface DeclarationsView {
  today: string;
  profile: StoredTaxProfile;
  draft: DeclarationDraft;
  /** Filings of ended periods not yet past their deadline, and those the running periods would need. */
  upcoming: Filing[];
  /** The draft's year: revenue from 1 January to its end (or today), the threshold, every filing that applies so far. */
  year: { year: number; revenue: number; threshold: number; filings: Filing[] };
}

export type DeclarationsRefusal = "not_started" | "before_rules";

/** The draft of a period for a shop (a month or quarter: 01/CNKD; the half or the year: 01/TKN-CNKD). */
export async function draftFor(store: Store, shop: Pick<Shop, "id" | "time_zone">, profile: StoredTaxProfile, period: DeclarationPeriod, ledger: RevenueLedger, today: string): Promise<DeclarationDraft> {
  if (period.kind === "month" || period.kind === "quarter") return build01Cnkd(store, shop, profile, period, ledger, today);
  return build01Tkn(profile, period, ledger, today);
}

/** The page's figures; a period that has not started, or is before the rules begin, is refused. */
export async function declarationsView(store: Store, shop: Pick<Shop, "id" | "time_zone">, wanted: DeclarationPeriod | null, today: string): Promise<DeclarationsView | { refused: DeclarationsRefusal }> {
  if (wanted && periodRange(wanted).from > today) return { refused: "not_started" };
  if (wanted && periodRange(wanted).to < RULES_COVER_FROM) return { refused: "before_rules" };
  const profile = await taxProfile(store, shop.id);
  const open = yearsOpenOn(today);
  const fromYear = Math.min(open[0]!, wanted?.year ?? open[0]!);
  const ledger = await readLedger(store, shop, fromYear, today);
  const upcoming = filingsOf(open, ledger, profile, today).filter((f) => f.due >= today);
  const period = wanted ?? defaultPeriod(upcoming, ledger, today);
  const draft = await draftFor(store, shop, profile, period, ledger, today);
  const yearEnd = periodRange({ kind: "year", year: period.year }).to;
  const upTo = yearEnd < today ? yearEnd : today;
  return {
    today,
    profile,
    draft,
    upcoming,
    year: { year: period.year, revenue: ledger.yearToDate(upTo), threshold: ruleOn("threshold.no_tax", upTo).value, filings: filingsOf([period.year], ledger, profile, today) },
  };
}

/** The ended period whose draft is due soonest; without one, the quarter running (above the threshold) or the year. */
function defaultPeriod(upcoming: readonly Filing[], ledger: RevenueLedger, today: string): DeclarationPeriod {
  const next = upcoming.find((f) => f.ended && f.form !== "02/CNKD-TNCN-QTT");
  if (next) return next.period;
  return ledger.yearToDate(today) > ruleOn("threshold.no_tax", today).value ? periodOf("quarter", today) : periodOf("year", today);
}
