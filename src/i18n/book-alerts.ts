import type { Widen } from "./widen";
import { bookAlertsEn } from "./book-alerts-en";
import { bookAlertsVi } from "./book-alerts-vi";

/** The books' staff-chat alerts catalog type, built from Vietnamese: English must have every key. */
export type BookAlertMessages = Widen<typeof bookAlertsVi>;

/** The books' alert texts for a shop's language (Vietnamese when unknown). */
export function bookAlertMessages(lang: string | null | undefined): BookAlertMessages {
  return lang === "en" ? bookAlertsEn : bookAlertsVi;
}
