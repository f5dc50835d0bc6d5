import type { Widen } from "./widen";
import { dashAdminEn } from "./dashboard-admin-en";
import { dashAdminVi } from "./dashboard-admin-vi";

/** The payments, sales and shops pages' message catalog type, built from Vietnamese: English must have every key. */
export type DashboardAdminMessages = Widen<typeof dashAdminVi>;

/** Words of the payments, sales and shops pages for a language (Vietnamese when unknown). */
export function dashboardAdminMessages(lang: string | null | undefined): DashboardAdminMessages {
  return lang === "en" ? dashAdminEn : dashAdminVi;
}
