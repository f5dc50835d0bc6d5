import { typedOrderFormEn } from "./typed-order-form-en";
import { typedOrderFormVi } from "./typed-order-form-vi";
import type { Widen } from "./widen";

/** The typed-in order form's message catalog type, built from Vietnamese: English must have every key. */
export type TypedOrderFormMessages = Widen<typeof typedOrderFormVi>;

/** Words of the typed-in order form for a language (Vietnamese when unknown). */
export function typedOrderFormMessages(lang: string | null | undefined): TypedOrderFormMessages {
  return lang === "en" ? typedOrderFormEn : typedOrderFormVi;
}
