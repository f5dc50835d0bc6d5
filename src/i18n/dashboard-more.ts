import type { Widen } from "./widen";
import { dashMoreEn } from "./dashboard-more-en";
import { dashMoreVi } from "./dashboard-more-vi";

/** The catalog and broadcast pages' message catalog type, built from Vietnamese: English must have every key. */
export type DashboardMoreMessages = Widen<typeof dashMoreVi>;

/** Catalog and broadcast page words for a language (Vietnamese when unknown). */
export function dashboardMoreMessages(lang: string | null | undefined): DashboardMoreMessages {
  return lang === "en" ? dashMoreEn : dashMoreVi;
}
