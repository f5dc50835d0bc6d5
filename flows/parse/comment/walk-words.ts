import { squeeze } from "../quantity";
import type { LooseKind } from "./reading-types";
import type { Token } from "./tokens";
import type { Step } from "./walk-state";
import { FILLERS, NOT_VERB_SPELLINGS, VERBS } from "./words";

const SEPARATORS = new Set([",", "+", ";", "&", "/", "|"]);
const SEPARATOR_WORDS = new Set(["va", "voi", "vs", "and"]);

/** ",", "+", "và": what follows is another item. */
export const takeSeparator: Step = (w, t, i) => {
  if (!((t.kind === "punct" && SEPARATORS.has(t.text)) || (t.kind === "word" && SEPARATOR_WORDS.has(squeeze(t.text))))) return null;
  w.separated = true;
  return i + 1;
};

/** Any other token: an order word, politeness, "rồi", or a word that means nothing to an order. */
export const takeLooseWord: Step = (w, t, i) => {
  const kind = classify(t, w.words[i + 1], w.items.length);
  if (kind) w.loose.push({ kind, itemsBefore: w.items.length, raw: t.raw, at: i, word: t.kind === "word" ? squeeze(t.text) : "" });
  return i + 1;
};

function classify(t: Token, next: string | undefined, itemsBefore: number): LooseKind | undefined {
  if (t.kind === "punct") return t.text === "\u2212" ? "other" : undefined;
  if (t.kind === "num") return "other";
  if (t.kind !== "word") return "other";
  const w = squeeze(t.text);
  if (NOT_VERB_SPELLINGS.has(squeeze(t.raw.toLowerCase()))) return "other";
  if (w === "dat" && next === "hang") return "verb";
  if (VERBS.has(w)) return "verb";
  // "rồi" before the items is "then" ("ok rồi chốt B1"); after them it is "already".
  if (w === "roi") return itemsBefore > 0 ? "past" : "filler";
  if (FILLERS.has(w) || SEPARATOR_WORDS.has(w)) return "filler";
  return "other";
}
