import { isQuantityUnit, isTimesMarker, readQuantity, readQuantityMarker } from "../quantity";
import { isItem, type Qty } from "./reading-types";
import type { Token } from "./tokens";
import type { CommentVocabulary } from "./vocabulary";
import { WEIGHT_UNITS } from "./words";

/** A quantity at `at` ("2", "x2", "hai hộp", "2p", "sl: 3", "(2)"), or null. */
export function readQty(body: readonly Token[], words: readonly string[], at: number, vocab: CommentVocabulary, noItems: boolean): { qty: Qty; end: number } | "bad" | null {
  let j = at;
  const paren = words[j] === "(";
  if (paren) j++;
  const marker = readQuantityMarker(words, j);
  j += marker;
  if (marker === 0 && [":", "=", "-"].includes(words[j] ?? "") && /^\d/.test(words[j + 1] ?? "") && isItem(body[j - 1])) j++;
  // "x" with no number after it, or "x-2": a quantity was meant and cannot be read.
  if (marker > 0 && (words[j] === "-" || words[j] === "\u2212")) return "bad";
  if (marker > 0 && words[j] === "\u0001") return null;
  // "nữa" (more) folds like "nửa" (half): a half only before "chục" or a unit.
  if (words[j] === "nua" && marker === 0 && words[j + 1] !== "chuc" && !isUnitAfter(body, words, j + 1, vocab)) return null;
  const read = readQuantity(words, j);
  if (!read) return marker > 0 ? "bad" : null;
  const start = body[j];
  // A number word ("ba", "năm", "nửa") is a quantity only where one fits: after a marker, an item
  // or an option, before a unit or an item, or in a reply that names no item at all.
  if (start?.kind === "word" && marker === 0) {
    const before = body[j - 1];
    const fits = isItem(before) || before?.kind === "option" || isUnitAfter(body, words, read.end, vocab) || isItem(body[read.end]) || noItems;
    if (!fits) return null;
  }
  let end = read.end;
  let marked = marker > 0;
  if (!marked && isTimesMarker(words[end])) {
    end++;
    marked = true;
  }
  const unit = isUnitAfter(body, words, end, vocab) ? words[end] : undefined;
  if (unit !== undefined) end++;
  if (paren && words[end] === ")") end++;
  const value = read.kind === "whole" ? read.value : 0;
  // "2 chục" is twenty, unless the item is itself sold by the chục: then it is two.
  const tens = read.kind === "whole" && words[read.end - 1] === "chuc" && read.end - j === 2 && value % 10 === 0 ? value / 10 : undefined;
  return { qty: { kind: "q", value, fraction: read.kind === "fraction", marked, at, end, ...(unit ? { unit } : {}), ...(tens ? { tens } : {}) }, end };
}

function isUnitAfter(body: readonly Token[], words: readonly string[], at: number, vocab: CommentVocabulary): boolean {
  const w = words[at];
  const t = body[at];
  if (w === undefined || t?.kind !== "word" || t.raw.toLowerCase() === "còn") return false;
  return isQuantityUnit(w) || vocab.units.has(w) || WEIGHT_UNITS.has(w) || (w === "p" && t.glued);
}
