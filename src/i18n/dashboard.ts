import type { Widen } from "./widen";
import { dashEn } from "./dashboard-en";
import { dashVi } from "./dashboard-vi";

/** The dashboard's message catalog type, built from Vietnamese: English must have every key. */
export type DashboardMessages = Widen<typeof dashVi>;

/** Dashboard words for a language (Vietnamese when unknown). */
export function dashboardMessages(lang: string | null | undefined): DashboardMessages {
  return lang === "en" ? dashEn : dashVi;
}
