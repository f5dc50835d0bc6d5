import { readQty } from "./quantity-at";
import { isItem, type Atom, type ItemAcc, type Loose, type Qty } from "./reading-types";
import type { Token } from "./tokens";
import type { CommentVocabulary } from "./vocabulary";

/** The walk over the body, so far: its items, the one quantities and options attach to, what waits. */
export interface Walk {
  readonly body: readonly Token[];
  /** Each token's text for the quantity readers: a price is "\u0001", an item or an option "\u0000". */
  readonly words: readonly string[];
  readonly vocab: CommentVocabulary;
  /** The body names no item at all: a number word alone may be a quantity. */
  readonly noItems: boolean;
  items: ItemAcc[];
  loose: Loose[];
  /** Quantities and options typed before the item they belong to. */
  pending: Atom[];
  current: ItemAcc | undefined;
  /** Since the current item: a separator (",", "và"), or a quantity for the item that follows. */
  separated: boolean;
  /** A correction named another item ("A1 à nhầm A2"): it replaces the last one. */
  replaceNext: boolean;
  /** "mỗi loại N": N for every item without a quantity of its own. */
  each: Qty | undefined;
  conflict: string[] | undefined;
  /** "SP08 38": a size or a quantity? The code of the item it is asked about. */
  sizeOrQuantity: string | undefined;
  /** A quantity was meant and cannot be read ("x", "x-2"). */
  bad: boolean;
}

/** One way to read the token at `i`: the index after what it took, or null when it does not apply. */
export type Step = (w: Walk, t: Token, i: number) => number | null;

export function startWalk(body: readonly Token[], vocab: CommentVocabulary): Walk {
  return {
    body,
    // A price reads as no word at all ("\u0001"), so "3 gói x 120k" is not a marker missing its number.
    words: body.map((t) => (t.kind === "word" || t.kind === "num" || t.kind === "punct" ? t.text : t.kind === "price" ? "\u0001" : "\u0000")),
    vocab,
    noItems: !body.some(isItem),
    items: [],
    loose: [],
    pending: [],
    current: undefined,
    separated: false,
    replaceNext: false,
    each: undefined,
    conflict: undefined,
    sizeOrQuantity: undefined,
    bad: false,
  };
}

/** The quantity at `at`, or null; one meant and unreadable marks the body bad. */
export function qtyAt(w: Walk, at: number): { qty: Qty; end: number } | null {
  const q = readQty(w.body, w.words, at, w.vocab, w.noItems);
  if (q === "bad") {
    w.bad = true;
    return null;
  }
  return q;
}
