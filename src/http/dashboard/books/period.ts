// The period a books page is about, read from its query: ?month=YYYY-MM, ?quarter=1..4&year=YYYY,
// ?year=YYYY, or ?from=&to= (custom, at most a year); this month at the shop when none is given or
// what is given is not a period. Books begin when the rules do (RULES_COVER_FROM): an earlier start
// is moved to that day, and the page says so.
import { periodRange } from "../../../domain/books/declarations/periods";
import { isDay, MAX_BOOK_DAYS } from "../../../domain/books/period";
import { RULES_COVER_FROM } from "../../../domain/books/rules/tax-rules";
import { addDays } from "../../../platform/shop-time";

export type BookPeriodChoice =
  | { kind: "month"; year: number; month: number; from: string; to: string; clamped: boolean }
  | { kind: "quarter"; year: number; quarter: number; from: string; to: string; clamped: boolean }
  | { kind: "year"; year: number; from: string; to: string; clamped: boolean }
  | { kind: "custom"; from: string; to: string; clamped: boolean };

const pad = (n: number) => String(n).padStart(2, "0");

function yearOf(s: string | undefined): number | null {
  const y = Number(s);
  return s && /^\d{4}$/.test(s) && y >= 2000 && y <= 2100 ? y : null;
}

// A period wholly before the rules shrinks to their first day: the page says why it is empty.
function clampStart<P extends BookPeriodChoice>(p: P): P {
  if (p.from >= RULES_COVER_FROM) return p;
  return { ...p, from: RULES_COVER_FROM, to: p.to < RULES_COVER_FROM ? RULES_COVER_FROM : p.to, clamped: true };
}

export function monthPeriod(year: number, month: number): BookPeriodChoice {
  return clampStart({ kind: "month", year, month, ...periodRange({ kind: "month", year, n: month }), clamped: false });
}
export function quarterPeriod(year: number, quarter: number): BookPeriodChoice {
  return clampStart({ kind: "quarter", year, quarter, ...periodRange({ kind: "quarter", year, n: quarter }), clamped: false });
}
export function yearPeriod(year: number): BookPeriodChoice {
  return clampStart({ kind: "year", year, ...periodRange({ kind: "year", year }), clamped: false });
}

/** The period a query asks for (see the file's head); `today` is the shop's local date. */
export function periodFromQuery(q: Record<string, string | undefined>, today: string): BookPeriodChoice {
  if (q.from !== undefined && q.to !== undefined && isDay(q.from) && isDay(q.to)) {
    const [from, to] = q.from <= q.to ? [q.from, q.to] : [q.to, q.from];
    const earliest = addDays(to, -(MAX_BOOK_DAYS - 1));
    return clampStart({ kind: "custom", from: from < earliest ? earliest : from, to, clamped: false });
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(q.month ?? "");
  if (month && yearOf(month[1]) !== null) return monthPeriod(Number(month[1]), Number(month[2]));
  const year = yearOf(q.year);
  const quarter = q.quarter === undefined ? null : /^[1-4]$/.test(q.quarter) ? Number(q.quarter) : NaN;
  // A quarter asked for but not 1–4 is no period: not silently the whole year.
  if (year !== null && quarter !== null && !Number.isNaN(quarter)) return quarterPeriod(year, quarter);
  if (year !== null && quarter === null) return yearPeriod(year);
  return monthPeriod(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
}

/** The query that asks for this period again (links, redirects back after a form). */
export function periodQuery(p: BookPeriodChoice): string {
  if (p.clamped || p.kind === "custom") return `from=${p.from}&to=${p.to}`;
  if (p.kind === "month") return `month=${p.year}-${pad(p.month)}`;
  if (p.kind === "quarter") return `quarter=${p.quarter}&year=${p.year}`;
  return `year=${p.year}`;
}

/** The quick choices: this and the last month, quarter and year, those the rules cover. */
export function quickPeriods(today: string): { key: "thisMonth" | "lastMonth" | "thisQuarter" | "lastQuarter" | "thisYear" | "lastYear"; period: BookPeriodChoice }[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.ceil(m / 3);
  const all = [
    { key: "thisMonth" as const, period: monthPeriod(y, m) },
    { key: "lastMonth" as const, period: m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1) },
    { key: "thisQuarter" as const, period: quarterPeriod(y, q) },
    { key: "lastQuarter" as const, period: q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1) },
    { key: "thisYear" as const, period: yearPeriod(y) },
    { key: "lastYear" as const, period: yearPeriod(y - 1) },
  ];
  return all.filter((c) => !c.period.clamped);
}

/** The form's hidden fields that carry the period through a post and back. */
export function periodFields(p: BookPeriodChoice): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(periodQuery(p)));
}
