// The revenue lines of one or more years, summed the ways the drafts and alerts ask: from 1 January to
// a day (the year's revenue to date, which decides the threshold), and over a period per activity
// group and per kind of line (what the "how computed" trail names). One read of revenueLines, many sums.
import type { Shop } from "../../../db/schema";
import type { Store } from "../../../db/store";
import { ACTIVITY_GROUPS, type ActivityGroup } from "../activity-groups";
import { revenueLines, type BookPeriod, type RevenueKind, type RevenueLine } from "../revenue-lines";
import { RULES_COVER_FROM } from "../rules/tax-rules";

export interface KindFigures {
  count: number;
  amount: number;
}

/** One group's revenue in a period, and what it is made of. */
export interface GroupFigures {
  amount: number;
  byKind: Record<RevenueKind, KindFigures>;
}

export interface PeriodFigures {
  period: BookPeriod;
  total: number;
  byGroup: Record<ActivityGroup, GroupFigures>;
  byKind: Record<RevenueKind, KindFigures>;
}

const emptyKinds = (): Record<RevenueKind, KindFigures> => ({ sale: { count: 0, amount: 0 }, return: { count: 0, amount: 0 }, manual_sale: { count: 0, amount: 0 } });

export class RevenueLedger {
  private readonly lines: readonly RevenueLine[];

  constructor(
    lines: readonly RevenueLine[],
    /** The first and last day the lines were read for: a sum outside them would be wrong, so it throws. */
    readonly covers: BookPeriod,
  ) {
    this.lines = [...lines].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** The year's revenue from 1 January to `upTo` (inclusive). */
  yearToDate(upTo: string): number {
    return this.figures({ from: `${upTo.slice(0, 4)}-01-01`, to: upTo }).total;
  }

  /** The first day of `year`, up to `upTo`, on which the revenue from 1 January went above `amount`; null if it has not. */
  firstDayAbove(amount: number, year: number, upTo: string): string | null {
    // Judged at each day's end: a sale and its return on one day do not cross and come back.
    const lines = this.lines.filter((l) => l.date >= `${year}-01-01` && l.date <= upTo);
    let sum = 0;
    for (let i = 0; i < lines.length; i++) {
      sum += lines[i]!.amount;
      if (lines[i + 1]?.date !== lines[i]!.date && sum > amount) return lines[i]!.date;
    }
    return null;
  }

  /** A period's revenue, per group and per kind of line. */
  figures(period: BookPeriod): PeriodFigures {
    const from = period.from < RULES_COVER_FROM ? RULES_COVER_FROM : period.from;
    if (from < this.covers.from || period.to > this.covers.to) throw new RangeError(`revenue read for ${this.covers.from}…${this.covers.to}, asked for ${period.from}…${period.to}`);
    const byGroup = Object.fromEntries(ACTIVITY_GROUPS.map((g) => [g, { amount: 0, byKind: emptyKinds() }])) as Record<ActivityGroup, GroupFigures>;
    const byKind = emptyKinds();
    let total = 0;
    for (const line of this.lines) {
      if (line.date < from || line.date > period.to) continue;
      total += line.amount;
      byKind[line.kind].count++;
      byKind[line.kind].amount += line.amount;
      for (const [g, v] of Object.entries(line.byGroup) as [ActivityGroup, number][]) {
        byGroup[g].amount += v;
        byGroup[g].byKind[line.kind].count++;
        byGroup[g].byKind[line.kind].amount += v;
      }
    }
    return { period, total, byGroup, byKind };
  }
}

/** Reads a shop's revenue lines from 1 January of `fromYear` (not before the rules begin) to `to`. */
export async function readLedger(store: Store, shop: Pick<Shop, "id" | "time_zone">, fromYear: number, to: string): Promise<RevenueLedger> {
  const start = `${fromYear}-01-01`;
  const covers = { from: start < RULES_COVER_FROM ? RULES_COVER_FROM : start, to };
  const lines = covers.from > to ? [] : await revenueLines(store, shop, covers);
  return new RevenueLedger(lines, covers);
}
