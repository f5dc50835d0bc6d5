// The periods a household declares for (../shared/BOOKS.md §1.5, §3): a month or a quarter on
// 01/CNKD ([01a] Tháng, [01b] Quý), the first half or the whole year on 01/TKN-CNKD ([01b] 6 tháng
// đầu năm, [01a] Năm). A period has a key the page's URL carries ("2026-Q3", "2026-M07", "2026-H1",
// "2026") and the shop-local dates it covers.
import { monthEnd } from "../period";
import type { BookPeriod } from "../revenue-lines";
import type { DeadlineKind } from "../rules/tax-rules";

export type DeclarationPeriod =
  | { kind: "month"; year: number; n: number }
  | { kind: "quarter"; year: number; n: number }
  | { kind: "half_year"; year: number }
  | { kind: "year"; year: number };

const pad = (n: number) => String(n).padStart(2, "0");

/** The first and last shop-local day of a period (both inclusive). */
export function periodRange(p: DeclarationPeriod): BookPeriod {
  const [first, last] = p.kind === "month" ? [p.n, p.n] : p.kind === "quarter" ? [p.n * 3 - 2, p.n * 3] : p.kind === "half_year" ? [1, 6] : [1, 12];
  return { from: `${p.year}-${pad(first)}-01`, to: monthEnd(`${p.year}-${pad(last)}-01`) };
}

/** "2026-M07", "2026-Q3", "2026-H1", "2026". */
export function periodKey(p: DeclarationPeriod): string {
  if (p.kind === "month") return `${p.year}-M${pad(p.n)}`;
  if (p.kind === "quarter") return `${p.year}-Q${p.n}`;
  if (p.kind === "half_year") return `${p.year}-H1`;
  return String(p.year);
}

const KEY = /^(\d{4})(?:-(?:M(0[1-9]|1[0-2])|Q([1-4])|(H1)))?$/;

/** A key back to its period; anything else (or a year out of 2000–2100): null. */
export function parsePeriodKey(key: string): DeclarationPeriod | null {
  const m = KEY.exec(key.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) return { kind: "month", year, n: Number(m[2]) };
  if (m[3]) return { kind: "quarter", year, n: Number(m[3]) };
  if (m[4]) return { kind: "half_year", year };
  return { kind: "year", year };
}

/** The month, quarter, half or year a shop-local date is in. */
export function periodOf(kind: DeclarationPeriod["kind"], date: string): DeclarationPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === "month") return { kind, year, n: month };
  if (kind === "quarter") return { kind, year, n: Math.ceil(month / 3) };
  return kind === "half_year" ? { kind, year } : { kind, year };
}

/** Which deadline rule (tax-rules.json deadline.*) a revenue return or notice for the period follows. */
export function noticeDeadlineKind(p: DeclarationPeriod): DeadlineKind {
  return p.kind === "month" ? "month" : p.kind === "quarter" ? "quarter" : p.kind === "half_year" ? "half_year_notice" : "year_notice";
}

/** The periods of one kind in a year, in order (months 1–12, quarters 1–4, the half, the year). */
export function periodsOfYear(kind: DeclarationPeriod["kind"], year: number): DeclarationPeriod[] {
  if (kind === "month") return Array.from({ length: 12 }, (_, i) => ({ kind, year, n: i + 1 }));
  if (kind === "quarter") return [1, 2, 3, 4].map((n) => ({ kind, year, n }));
  return [kind === "half_year" ? { kind, year } : { kind, year }];
}
