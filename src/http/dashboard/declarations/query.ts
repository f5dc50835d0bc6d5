// The period the declarations page is asked for: ?period=2026-Q3 (the alerts' links), or the form's
// ?year=2026&part=Q3 (Q1–Q4, H1, Y, M01–M12). Nothing asked: null (the page picks the filing due next);
// something unreadable: "bad" (the page says so and shows the default).
import { parsePeriodKey, type DeclarationPeriod } from "../../../domain/books/declarations/periods";

export const PARTS = ["Q1", "Q2", "Q3", "Q4", "H1", "Y"] as const;
export const MONTH_PARTS = Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, "0")}`);

export function periodFromQuery(q: { period?: string | undefined; year?: string | undefined; part?: string | undefined }): DeclarationPeriod | null | "bad" {
  if (q.period) return parsePeriodKey(q.period) ?? "bad";
  if (!q.year && !q.part) return null;
  const year = q.year ?? "";
  const part = q.part ?? "Y";
  return parsePeriodKey(part === "Y" ? year : `${year}-${part}`) ?? "bad";
}

/** The form's part value for a period (the select's selected option). */
export function partOf(p: DeclarationPeriod): string {
  if (p.kind === "month") return `M${String(p.n).padStart(2, "0")}`;
  if (p.kind === "quarter") return `Q${p.n}`;
  return p.kind === "half_year" ? "H1" : "Y";
}
