import type { Widen } from "./widen";
import { trackingEn } from "./tracking-en";
import { trackingVi } from "./tracking-vi";

/** A parcel's journey's message catalog type, built from Vietnamese: English must have every key. */
export type TrackingMessages = Widen<typeof trackingVi>;

/** Words of a parcel's journey for a language (Vietnamese when unknown). */
export function trackingMessages(lang: string | null | undefined): TrackingMessages {
  return lang === "en" ? trackingEn : trackingVi;
}
