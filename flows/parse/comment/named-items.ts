import { squeeze } from "../quantity";
import { hasQty, MAX_QTY, type BodyReading, type ItemAcc, type Qty } from "./reading-types";
import type { Refused, Refusals } from "./refusals";
import type { Token } from "./tokens";
import type { CommentVocabulary } from "./vocabulary";
import { MARKED_CORRECTIONS, ORDER_VERBS } from "./words";

/**
 * The items the comment names. With none: a correction of the buyer's last comment ("sửa lại 2"),
 * or a reply to the bot's post of one item ("chốt 2"). A single common word of a name ("gà") is an
 * item only with a quantity of its own.
 */
export function namedItems(body: readonly Token[], read: BodyReading, vocab: CommentVocabulary, opts: { impliedCode?: string }, no: Refusals): ItemAcc[] | Refused {
  let { items } = read;
  const { loose, pending } = read;

  // No item named, a correction word and one quantity: it corrects the buyer's last comment.
  const correctionWord = body.some((t) => t.kind === "word" && (["thoi", "sua", "nham", "doi"].includes(squeeze(t.text)) || MARKED_CORRECTIONS.has(t.raw.toLowerCase())));
  const pendingQ = pending.filter((a): a is Qty => a.kind === "q");
  const plain = !loose.some((l) => l.kind === "other" && !["sua", "nham", "doi", "lai", "lon"].includes(l.word));
  if (items.length === 0 && correctionWord && pendingQ.length === 1 && plain) {
    const q = pendingQ[0];
    if (q && !q.fraction && q.value >= 1 && q.value <= MAX_QTY) return no.correction(q.value);
  }
  if (items.length === 0 && opts.impliedCode !== undefined) {
    // A reply to the bot's post of one item: "chốt 2", "lấy 2 hộp", "chốt". A bare number is
    // chatter there; it needs an order word or a marker ("x2").
    const hasVerb = loose.some((l) => l.kind === "verb");
    const marked = pending.some((a) => a.kind === "q" && a.marked);
    if ((!hasVerb && !marked) || loose.some((l) => l.kind === "other")) return no.chatter();
    const code = vocab.codes.get(opts.impliedCode.toLowerCase().replace(/\s/g, "")) ?? null;
    items = [{ at: -1, codes: code ? [code] : null, key: opts.impliedCode.toLowerCase(), hash: false, weak: false, raw: opts.impliedCode, atoms: pending, corrected: false }];
  } else if (pending.some((a) => a.kind === "q") && items.length > 0) {
    // A quantity after the last item that no item took ("A1 2 3" is read in the item; this is one
    // that a separator cut off): two quantities, ask.
    return no.unclear("two_quantities", { code: items[items.length - 1]?.codes?.[0] ?? "" });
  }

  // A single common word of a name ("gà") is an item only with a quantity of its own.
  for (const item of items.filter((x) => x.weak && !hasQty(x))) {
    loose.push({ kind: "other", itemsBefore: items.indexOf(item), raw: item.raw, at: item.at, word: "" });
  }
  items = items.filter((x) => !(x.weak && !hasQty(x)));
  if (items.length === 0) {
    // "chốt 2 cái nha": an order with a number and no item named at all.
    const ordering = loose.some((l) => l.kind === "verb" && ORDER_VERBS.has(l.word)) && pending.some((a) => a.kind === "q") && !loose.some((l) => l.kind === "other");
    return ordering ? no.unclear("unreadable") : no.chatter();
  }
  return items;
}
