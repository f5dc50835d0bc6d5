import type { Widen } from "./widen";
import { catalogEditorEn } from "./catalog-editor-en";
import { catalogEditorVi } from "./catalog-editor-vi";

/** The catalog editor's message catalog type, built from Vietnamese: English must have every key. */
export type CatalogEditorMessages = Widen<typeof catalogEditorVi>;

/** The catalog editor's words for a language (Vietnamese when unknown). */
export function catalogEditorMessages(lang: string | null | undefined): CatalogEditorMessages {
  return lang === "en" ? catalogEditorEn : catalogEditorVi;
}
