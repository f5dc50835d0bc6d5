import type { Widen } from "./widen";
import { einvoicePageEn } from "./einvoice-page-en";
import { einvoicePageVi } from "./einvoice-page-vi";

/** The e-invoice words' catalog type, built from Vietnamese: English must have every key. */
export type EinvoicePageMessages = Widen<typeof einvoicePageVi>;

/** Words of e-invoices for a language (Vietnamese when unknown). */
export function einvoicePageMessages(lang: string | null | undefined): EinvoicePageMessages {
  return lang === "en" ? einvoicePageEn : einvoicePageVi;
}
