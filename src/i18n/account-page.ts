import type { Widen } from "./widen";
import { accountPageEn } from "./account-page-en";
import { accountPageVi } from "./account-page-vi";

/** The account page's message catalog type, built from Vietnamese: English must have every key. */
export type AccountPageMessages = Widen<typeof accountPageVi>;

/** Words of the account page for a language (Vietnamese when unknown). */
export function accountPageMessages(lang: string | null | undefined): AccountPageMessages {
  return lang === "en" ? accountPageEn : accountPageVi;
}
