import type { Widen } from "./widen";
import { paymentsPageEn } from "./payments-page-en";
import { paymentsPageVi } from "./payments-page-vi";

/** The payments page's message catalog type, built from Vietnamese: English must have every key. */
export type PaymentsPageMessages = Widen<typeof paymentsPageVi>;

/** Words of the dashboard's payments page for a language (Vietnamese when unknown). */
export function paymentsPageMessages(lang: string | null | undefined): PaymentsPageMessages {
  return lang === "en" ? paymentsPageEn : paymentsPageVi;
}
