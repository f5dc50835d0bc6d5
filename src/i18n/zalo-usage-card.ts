import type { Widen } from "./widen";
import { zaloUsageCardEn } from "./zalo-usage-card-en";
import { zaloUsageCardVi } from "./zalo-usage-card-vi";

/** The Zalo usage card's message catalog type, built from Vietnamese: English must have every key. */
export type ZaloUsageCardMessages = Widen<typeof zaloUsageCardVi>;

/** Words of the Zalo usage card for a language (Vietnamese when unknown). */
export function zaloUsageCardMessages(lang: string | null | undefined): ZaloUsageCardMessages {
  return lang === "en" ? zaloUsageCardEn : zaloUsageCardVi;
}
