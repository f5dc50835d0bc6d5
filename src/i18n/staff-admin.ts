import type { Widen } from "./widen";
import { staffAdminEn } from "./staff-admin-en";
import { staffAdminVi } from "./staff-admin-vi";

/** The /staff command's message catalog type, built from Vietnamese: English must have every key. */
export type StaffAdminMessages = Widen<typeof staffAdminVi>;

/** Words of the /staff command for a language (Vietnamese when unknown). */
export function staffAdminMessages(lang: string | null | undefined): StaffAdminMessages {
  return lang === "en" ? staffAdminEn : staffAdminVi;
}
