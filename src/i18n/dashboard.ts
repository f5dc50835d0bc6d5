import { dashEn } from "./dashboard-en";
import { dashVi } from "./dashboard-vi";

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** The dashboard's message catalog type, built from Vietnamese: English must have every key. */
export type DashboardMessages = Widen<typeof dashVi>;

/** Dashboard words for a language (Vietnamese when unknown). */
export function dashboardMessages(lang: string | null | undefined): DashboardMessages {
  return lang === "en" ? dashEn : dashVi;
}
