import type { Widen } from "./widen";
import { declarationsPageEn } from "./declarations-page-en";
import { declarationsPageVi } from "./declarations-page-vi";

/** The declarations page's message catalog type, built from Vietnamese: English must have every key. */
export type DeclarationsPageMessages = Widen<typeof declarationsPageVi>;

/** Words of the declarations page for a language (Vietnamese when unknown). */
export function declarationsPageMessages(lang: string | null | undefined): DeclarationsPageMessages {
  return lang === "en" ? declarationsPageEn : declarationsPageVi;
}
