import type { Widen } from "./widen";
import { booksPageEn } from "./books-page-en";
import { booksPageVi } from "./books-page-vi";

/** The books pages' message catalog type, built from Vietnamese: English must have every key. */
export type BooksPageMessages = Widen<typeof booksPageVi>;

/** Words of the books pages for a language (Vietnamese when unknown). */
export function booksPageMessages(lang: string | null | undefined): BooksPageMessages {
  return lang === "en" ? booksPageEn : booksPageVi;
}
