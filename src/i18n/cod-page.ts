import type { Widen } from "./widen";
import { codPageEn } from "./cod-page-en";
import { codPageVi } from "./cod-page-vi";

/** The COD page's message catalog type, built from Vietnamese: English must have every key. */
export type CodPageMessages = Widen<typeof codPageVi>;

/** Words of the COD reconciliation page for a language (Vietnamese when unknown). */
export function codPageMessages(lang: string | null | undefined): CodPageMessages {
  return lang === "en" ? codPageEn : codPageVi;
}
