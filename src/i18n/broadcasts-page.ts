import type { Widen } from "./widen";
import { broadcastsPageEn } from "./broadcasts-page-en";
import { broadcastsPageVi } from "./broadcasts-page-vi";

/** The broadcasts page's message catalog type, built from Vietnamese: English must have every key. */
export type BroadcastsPageMessages = Widen<typeof broadcastsPageVi>;

/** Words of the dashboard's broadcasts page for a language (Vietnamese when unknown). */
export function broadcastsPageMessages(lang: string | null | undefined): BroadcastsPageMessages {
  return lang === "en" ? broadcastsPageEn : broadcastsPageVi;
}
