import { dashMoreEn } from "./dashboard-more-en";
import { dashMoreVi } from "./dashboard-more-vi";

// Widen Vietnamese's literal strings so English can say something else, keeping every key and parameter.
type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? string[]
      : { [K in keyof T]: Widen<T[K]> };

/** The catalog and broadcast pages' message catalog type, built from Vietnamese: English must have every key. */
export type DashboardMoreMessages = Widen<typeof dashMoreVi>;

/** Catalog and broadcast page words for a language (Vietnamese when unknown). */
export function dashboardMoreMessages(lang: string | null | undefined): DashboardMoreMessages {
  return lang === "en" ? dashMoreEn : dashMoreVi;
}
