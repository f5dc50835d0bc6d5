import { foldText } from "../../../src/text/normalize";
import { hasQty, MAX_QTY, type BodyReading, type ItemAcc, type Qty } from "./reading-types";
import type { Refused, Refusals } from "./refusals";
import type { CommentVocabulary } from "./vocabulary";
import { ORDER_VERBS, VAGUE_QUANTITIES, WEIGHT_UNITS } from "./words";

// More words than this that mean nothing to an order, and the comment is not read as one.
const MAX_UNKNOWN_WORDS = 2;

/**
 * The items kept once every doubt is settled. A false order reserves stock nobody wants and a wrong
 * one is worse than none, so anything doubtful is chatter (no answer) or "unclear" (an answer asking
 * for a form that works): stray words, vague or impossible quantities, unknown codes, a name of
 * several products, a weight in the wrong unit.
 */
export function checkedItems(named: ItemAcc[], read: BodyReading, vocab: CommentVocabulary, no: Refusals): ItemAcc[] | Refused {
  let items = named;
  const { loose } = read;
  const hasVerb = loose.some((l) => l.kind === "verb" && l.itemsBefore < items.length);
  // A word that means nothing here, between the order word and the items or between items: not an
  // order we can trust. Before the order word a name or "hôm nay" may stand ("Lan chốt A5 2").
  // "vài", "dăm", "ít": a quantity was meant and not given.
  const vague = loose.find((l) => l.kind === "other" && VAGUE_QUANTITIES.has(l.word));
  if (vague && (hasVerb || items.some(hasQty))) return no.unclear("quantity", { code: items[Math.min(vague.itemsBefore, items.length - 1)]?.codes?.[0] ?? "" });
  if (read.sizeOrQuantity) return no.unclear("quantity", { code: read.sizeOrQuantity });
  const firstVerb = loose.find((l) => l.kind === "verb" && l.itemsBefore === 0)?.at ?? -1;
  const inside = loose.filter((l) => l.kind === "other" && l.itemsBefore < items.length);
  const beforeVerb = inside.filter((l) => l.at < firstVerb);
  if (inside.length > beforeVerb.length || beforeVerb.length > MAX_UNKNOWN_WORDS) return no.chatter();
  no.ignored.push(...beforeVerb.map((l) => l.raw));
  if (read.bad) return hasVerb || items.length > 0 ? no.unclear("quantity", { code: items[0]?.codes?.[0] ?? "" }) : no.chatter();
  if (!hasVerb && !items.every(hasQty)) return no.chatter();
  if (loose.some((l) => l.kind === "past")) return no.chatter();

  // "nem chua 2 chục" of an item sold by the chục is two of them, not twenty.
  for (const item of items) {
    if (foldUnit(vocab, item) !== "chuc") continue;
    item.atoms = item.atoms.map((a) => (a.kind === "q" && a.tens !== undefined ? { ...a, value: a.tens, tens: undefined } : a));
  }
  const quantities = items.flatMap((x) => x.atoms.filter((a): a is Qty => a.kind === "q"));
  // Over 99 is a phone number or a typo, not an order.
  if (quantities.some((q) => !q.fraction && q.value > MAX_QTY)) return no.chatter();

  // Unknown codes: worth an answer only when clearly meant as one (a quantity, or "#K9").
  const unknown = items.filter((x) => x.codes === null);
  const afterVerb = (x: ItemAcc) => loose.some((l) => l.kind === "verb" && ORDER_VERBS.has(l.word) && l.at === x.at - 1);
  const meantUnknown = unknown.find((x) => hasQty(x) || x.hash || afterVerb(x));
  if (meantUnknown) return no.unclear("unknown_code", { code: meantUnknown.key.toUpperCase() });
  for (const x of unknown) no.ignored.push(x.raw);
  items = items.filter((x) => x.codes !== null);
  if (items.length === 0) return no.chatter();

  const unknownWords = loose.filter((l) => l.kind === "other" && l.itemsBefore >= items.length);
  if (unknownWords.length > MAX_UNKNOWN_WORDS) return hasVerb ? no.unclear("unreadable") : no.chatter();
  no.ignored.push(...unknownWords.map((l) => l.raw));

  const ambiguous = items.find((x) => (x.codes?.length ?? 0) > 1);
  if (ambiguous) return no.unclear("which_product", { codes: [...(ambiguous.codes ?? [])] });
  if (quantities.some((q) => q.fraction)) return no.unclear("whole_number", { code: items[0]?.codes?.[0] ?? "" });
  if (quantities.some((q) => !q.fraction && q.value < 1)) return no.chatter();

  // "A7 5 lạng" of an item sold by the kilogram: five what? Asked, never guessed.
  for (const item of items) {
    const sold = WEIGHT_UNITS.get(foldUnit(vocab, item));
    const typed = item.atoms.flatMap((a) => (a.kind === "q" && a.unit ? [WEIGHT_UNITS.get(a.unit)] : []));
    if (sold && typed.some((u) => u !== undefined && u !== sold)) return no.unclear("quantity", { code: item.codes?.[0] ?? "" });
  }
  return items;
}

function foldUnit(vocab: CommentVocabulary, item: ItemAcc): string {
  return foldText(vocab.products.get(item.codes?.[0] ?? "")?.unit ?? "");
}
