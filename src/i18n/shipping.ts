import type { Widen } from "./widen";
import { shippingEn } from "./shipping-en";
import { shippingVi } from "./shipping-vi";

/** The seller's side of delivery by carrier: its catalog type, built from Vietnamese (English must have every key). */
export type ShippingMessages = Widen<typeof shippingVi>;

/** Words of delivery by carrier for a language (Vietnamese when unknown). */
export function shippingMessages(lang: string | null | undefined): ShippingMessages {
  return lang === "en" ? shippingEn : shippingVi;
}
