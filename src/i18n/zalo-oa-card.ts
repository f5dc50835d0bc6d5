import type { Widen } from "./widen";
import { zaloOaCardEn } from "./zalo-oa-card-en";
import { zaloOaCardVi } from "./zalo-oa-card-vi";

/** The Zalo OA page's message catalog type, built from Vietnamese: English must have every key. */
export type ZaloOaCardMessages = Widen<typeof zaloOaCardVi>;

/** Words of the Zalo OA page for a language (Vietnamese when unknown). */
export function zaloOaCardMessages(lang: string | null | undefined): ZaloOaCardMessages {
  return lang === "en" ? zaloOaCardEn : zaloOaCardVi;
}
