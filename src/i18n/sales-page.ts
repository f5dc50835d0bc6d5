import type { Widen } from "./widen";
import { salesPageEn } from "./sales-page-en";
import { salesPageVi } from "./sales-page-vi";

/** The sales page's message catalog type, built from Vietnamese: English must have every key. */
export type SalesPageMessages = Widen<typeof salesPageVi>;

/** Words of the sales page for a language (Vietnamese when unknown). */
export function salesPageMessages(lang: string | null | undefined): SalesPageMessages {
  return lang === "en" ? salesPageEn : salesPageVi;
}
