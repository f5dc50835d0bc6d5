import type { Widen } from "./widen";
import { shopsPageEn } from "./shops-page-en";
import { shopsPageVi } from "./shops-page-vi";

/** The shops page's message catalog type, built from Vietnamese: English must have every key. */
export type ShopsPageMessages = Widen<typeof shopsPageVi>;

/** Words of the shops page for a language (Vietnamese when unknown). */
export function shopsPageMessages(lang: string | null | undefined): ShopsPageMessages {
  return lang === "en" ? shopsPageEn : shopsPageVi;
}
