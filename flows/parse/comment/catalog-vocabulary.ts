import type { CatalogItem } from "../../../src/domain/catalog/catalog";
import { vocabularyFor, type CommentVocabulary } from "./vocabulary";

/** The comment vocabulary of a shop's catalog (cached per catalog content). */
export function catalogVocabulary(catalog: readonly CatalogItem[], shopName: string): CommentVocabulary {
  return vocabularyFor(
    catalog.map((p) => ({
      code: p.code,
      name: p.name,
      unit: p.unit,
      aliases: p.aliases,
      options: p.optionGroups.map((g) => ({ group: g.name, names: g.options.map((o) => o.name) })),
    })),
    shopName,
  );
}
