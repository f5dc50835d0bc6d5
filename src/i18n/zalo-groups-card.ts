import { zaloGroupsCardEn } from "./zalo-groups-card-en";
import { zaloGroupsCardVi } from "./zalo-groups-card-vi";
import type { Widen } from "./widen";

/** The Zalo groups card's message catalog type, built from Vietnamese: English must have every key. */
export type ZaloGroupsCardMessages = Widen<typeof zaloGroupsCardVi>;

/** Words of the Zalo groups card for a language (Vietnamese when unknown). */
export function zaloGroupsCardMessages(lang: string | null | undefined): ZaloGroupsCardMessages {
  return lang === "en" ? zaloGroupsCardEn : zaloGroupsCardVi;
}
