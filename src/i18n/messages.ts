import type { Lang } from "../chat/types";
import { en } from "./en";
import { vi } from "./vi";
import type { Widen } from "./widen";

export type Messages = Widen<typeof vi>;

const catalogs: Record<Lang, Messages> = { vi, en };

/** The message catalog for a language (Vietnamese when unknown). */
export function messagesFor(lang: string | null | undefined): Messages {
  return lang === "en" ? catalogs.en : catalogs.vi;
}

/** "en" or "vi" from anything a person or a platform says about language. */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith("en") ? "en" : "vi";
}
