import type { Widen } from "./widen";
import { dashLoginEn } from "./dashboard-login-en";
import { dashLoginVi } from "./dashboard-login-vi";

/** The login pages' message catalog type, built from Vietnamese: English must have every key. */
export type DashboardLoginMessages = Widen<typeof dashLoginVi>;

/** Words of the login pages for a language (Vietnamese when unknown). */
export function dashboardLoginMessages(lang: string | null | undefined): DashboardLoginMessages {
  return lang === "en" ? dashLoginEn : dashLoginVi;
}
