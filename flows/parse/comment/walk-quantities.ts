import { squeeze } from "../quantity";
import { readQty } from "./quantity-at";
import { hasQty, isItem } from "./reading-types";
import { qtyAt, type Step } from "./walk-state";
import { EACH_NOUNS, SIZE_WORDS } from "./words";

/** "mỗi loại 1", "mỗi thứ hai": for every item named so far. */
export const takeEach: Step = (w, t, i) => {
  if (!(t.kind === "word" && t.text === "moi" && w.body[i + 1]?.kind === "word" && EACH_NOUNS.has(squeeze(w.words[i + 1] ?? "")))) return null;
  const q = qtyAt(w, i + 2);
  if (!q) return null;
  w.each = q.qty;
  return q.end;
};

/**
 * A size written as a number ("SP08 size 38 x1", "SP08 38 1 đôi") is the size when a word says so
 * or another number gives the quantity; alone ("SP08 38") it is asked about.
 */
export const takeSize: Step = (w, t, i) => {
  const { current } = w;
  const sized = t.kind === "num" && current && !w.separated && current.codes?.length === 1 ? w.vocab.numberedOptions.get(current.codes[0] ?? "")?.get(t.text) : undefined;
  if (!sized || !current) return null;
  const before = w.body[i - 1];
  const named = before?.kind === "word" && SIZE_WORDS.has(squeeze(before.text));
  const peek = readQty(w.body, w.words, i + 1, w.vocab, w.noItems);
  if (named || hasQty(current) || (peek && peek !== "bad")) current.atoms.push({ kind: "o", refs: [sized], raw: t.raw, end: i + 1 });
  else w.sizeOrQuantity = current.codes?.[0];
  return i + 1;
};

/**
 * A quantity that an item follows belongs to that item ("A1 2, 3 A2", "chốt B1 + 2 B2"), unless
 * the item before has none yet and nothing separates them ("A1 2 A2" is A1:2, A2:1).
 */
export const takeQuantity: Step = (w, _t, i) => {
  const q = qtyAt(w, i);
  if (!q) return null;
  const { current } = w;
  const nextIsItem = isItem(w.body[q.end]);
  const currentHasQty = current ? hasQty(current) : false;
  if (current && !(nextIsItem && (w.separated || currentHasQty))) current.atoms.push(q.qty);
  else w.pending.push(q.qty);
  if (nextIsItem) w.separated = true;
  return q.end;
};
