// A book's period as a seller (or the API) asks for it: two shop-local days, both inclusive, within the
// days the tax rules cover and at most a year long (a book is kept per year; TT 152/2025 Art.3).
import { fail, ok, type Result } from "../../result";
import { addDays } from "../../platform/shop-time";
import type { BookPeriod } from "./revenue-lines";
import { RULES_COVER_FROM } from "./rules/tax-rules";

/** The longest period one book covers, in days (a leap year). */
export const MAX_BOOK_DAYS = 366;

export type PeriodError = "bad_date" | "one_date" | "before_rules" | "ends_before_start" | "too_long";

/** Is this a real calendar day written YYYY-MM-DD? */
export function isDay(text: string): boolean {
  // 2026-02-30 parses (as 2 March), 2026-13-01 does not: both are refused.
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && addDays(text, 0) === text;
}

/**
 * The period `from`–`to`; with neither given, the calendar month `today` (shop-local) is in. A day
 * that is not a day, only one of the two, a start before the rules begin, an end before the start,
 * or more than MAX_BOOK_DAYS days: refused, with the reason.
 */
export function parsePeriod(from: string | undefined, to: string | undefined, today: string): Result<BookPeriod, PeriodError> {
  if (from === undefined && to === undefined) return ok({ from: `${today.slice(0, 7)}-01`, to: monthEnd(today) });
  if (from === undefined || to === undefined) return fail("one_date");
  if (!isDay(from) || !isDay(to)) return fail("bad_date");
  if (from < RULES_COVER_FROM) return fail("before_rules");
  if (to < from) return fail("ends_before_start");
  if (daysIn({ from, to }) > MAX_BOOK_DAYS) return fail("too_long");
  return ok({ from, to });
}

/** How many days the period has, both ends counted. */
export function daysIn(period: BookPeriod): number {
  return Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The last day of the month `date` is in. */
export function monthEnd(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return `${date.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** Throws a RangeError unless the period is one parsePeriod accepts (for callers that checked it already). */
export function assertPeriod(period: BookPeriod): void {
  const checked = parsePeriod(period.from, period.to, period.from);
  if (!checked.ok) throw new RangeError(`not a book period (${checked.reason}): ${period.from}–${period.to}`);
}
