import type { Widen } from "./widen";
import { signInEn } from "./sign-in-en";
import { signInVi } from "./sign-in-vi";

/** The sign-in pages' message catalog type, built from Vietnamese: English must have every key. */
export type SignInMessages = Widen<typeof signInVi>;

/** Words of the sign-in pages for a language (Vietnamese when unknown). */
export function signInMessages(lang: string | null | undefined): SignInMessages {
  return lang === "en" ? signInEn : signInVi;
}
