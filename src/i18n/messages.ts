import type { Lang } from "../chat/types";
import { en } from "./en";
import { vi } from "./vi";

// Widen vi's literal strings so English can say something else, but keep every key and
// every function's parameters: a key missing or mistyped in en.ts fails the type check.
type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : T extends readonly string[]
      ? string[]
      : { [K in keyof T]: Widen<T[K]> };

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
