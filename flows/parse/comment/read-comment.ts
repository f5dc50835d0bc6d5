import { fail, ok, type Result } from "../../../src/result";
import { foldText } from "../../../src/text/normalize";
import { isQuantityUnit, isTimesMarker, readQuantity, readQuantityMarker, squeeze } from "../quantity";
import { tokenizeComment, type Token } from "./tokens";
import type { CommentVocabulary, OptionRef } from "./vocabulary";
import {
  CORRECTION_PAIRS, CORRECTION_WORDS, DETAIL_STARTS, EACH_NOUNS, EMPTY_NOTE_WORDS, FILLERS, MARKED_CORRECTIONS, MARKED_DETAIL_STARTS,
  MARKED_NOT_ORDER, MARKED_PAST_PAIRS, MARKED_QUESTION_ENDINGS, PAST_PAIRS, NOT_ORDER_PAIRS, NOT_ORDER_WORDS, QUESTION_ENDINGS, TAIL_NOT_ORDER_PAIRS,
  NOT_VERB_SPELLINGS, ORDER_VERBS, PRICE_STOCK_WORDS, SIZE_WORDS, TRAILING_POLITENESS, VAGUE_QUANTITIES, VERBS, WEIGHT_UNITS,
} from "./words";

// Order comments as buyers type them in a group or a live: "chốt A1 x2", "bún chả 2 bát", "A1 lớn 2",
// "A1 1 lớn 1 vừa", "A2 2 à nhầm 1", "A1 A2 mỗi thứ 1", "chốt A1 2 sđt 0912… giao xóm 2 Mường Than".
// The body (up to the first detail after an item) is read strictly: codes or names, quantities,
// options, order words and politeness. What follows (an address, a time, a question) becomes the
// note. A false order reserves stock nobody wants and a wrong one is worse than none, so anything
// doubtful is either chatter (no answer) or "unclear" (an answer asking for a form that works).

export interface ReadItem {
  code: string;
  qty: number;
  /** The chosen options' names, as the catalog spells them. */
  options: string[];
  /** No quantity was typed ("chốt A1"): 1 is assumed. */
  implied?: true;
}

export interface CommentReading {
  items: ReadItem[];
  phone?: string;
  /** Address, time or question typed after the items: for staff. */
  note?: string;
  /** Words read past: a price, an option the item does not have, a word that means nothing here. */
  ignored: string[];
}

export type UnclearWhy = "quantity" | "two_quantities" | "unknown_code" | "which_product" | "which_option" | "whole_number" | "unreadable";

export type CommentRefusal =
  | { kind: "chatter"; phone?: string; ignored: string[] }
  /** "thôi lấy 1 thôi", "sửa lại 2": the buyer's order just before, with this quantity. */
  | { kind: "correction"; qty: number; phone?: string; ignored: string[] }
  | { kind: "unclear"; why: UnclearWhy; code?: string; codes?: string[]; phone?: string; ignored: string[] };

const MAX_QTY = 99;
const MAX_INPUT = 20_000;
const MAX_TOKENS = 150;
// More words than this that mean nothing to an order, and the comment is not read as one.
const MAX_UNKNOWN_WORDS = 2;
// "đã" (already) turns a comment into a report of a past order; only the marked spelling is safe to
// read, since unmarked "da" is usually the polite "dạ".
const ALREADY = /(?:^|[^\p{L}])đã(?![\p{L}])/u;
const SEPARATORS = new Set([",", "+", ";", "&", "/", "|"]);
const SEPARATOR_WORDS = new Set(["va", "voi", "vs", "and"]);

type Qty = {
  kind: "q";
  value: number;
  fraction: boolean;
  marked: boolean;
  at: number;
  end: number;
  unit?: string;
  /** "2 chục": 2 for an item sold by the chục */
  tens?: number;
  /** from "mỗi loại N": N of each choice named */
  each?: true;
};
type Opt = { kind: "o"; refs: readonly OptionRef[]; raw: string; end: number };
type Atom = Qty | Opt;
interface ItemAcc {
  /** Where the item's code or name stands in the body. */
  at: number;
  codes: readonly string[] | null;
  key: string;
  hash: boolean;
  weak: boolean;
  raw: string;
  atoms: Atom[];
  corrected: boolean;
}
type LooseKind = "verb" | "filler" | "other" | "past";
type Loose = { kind: LooseKind; itemsBefore: number; raw: string; at: number; word: string };

/** Reads a group comment against the shop's vocabulary: an order, chatter, or "unclear" with why. */
export function readComment(text: string, vocab: CommentVocabulary, opts: { impliedCode?: string } = {}): Result<CommentReading, CommentRefusal> {
  if (text.length > MAX_INPUT) return fail({ kind: "chatter", ignored: [] });
  const { text: normal, tokens: all } = tokenizeComment(text, vocab);
  if (all.length === 0 || all.length > MAX_TOKENS) return fail({ kind: "chatter", ignored: [] });
  const phone = all.find((t): t is Extract<Token, { kind: "phone" }> => t.kind === "phone")?.digits;
  const withPhone = phone ? { phone } : {};
  const ignored: string[] = all.filter((t) => t.kind === "price").map((t) => t.raw);
  const tokens = all.filter((t) => t.kind !== "phone");

  const split = detailStart(tokens);
  let body = tokens.slice(0, split);
  const tail = tokens.slice(split);
  const bodyText = body.length ? normal.slice(0, (body[body.length - 1]?.end ?? 0)) : "";
  const chatter = (): Result<CommentReading, CommentRefusal> => fail({ kind: "chatter", ...withPhone, ignored });
  const unclear = (why: UnclearWhy, more: { code?: string; codes?: string[] } = {}): Result<CommentReading, CommentRefusal> =>
    fail({ kind: "unclear", why, ...more, ...withPhone, ignored });

  if (ALREADY.test(bodyText.toLowerCase()) || hasTailCue(tail) || hasPastTime(tokens)) return chatter();
  // A minus sign ("B1 -2") never means anything good in an order.
  if (body.some((t) => t.kind === "num" && t.text === "\u2212")) return chatter();
  // "giá A5", "xin giá A6": asking the price of an item, never ordering it.
  const firstItem = body.findIndex(isItem);
  if (body.slice(0, firstItem < 0 ? body.length : firstItem).some((t) => t.kind === "word" && t.text === "gia")) return chatter();
  let read = readBody(body, vocab);
  const cue = notOrderCue(body);
  if (cue >= 0) {
    // A question after a whole order ("chốt A1 2 còn không ạ", "… hết bao nhiêu ạ") leaves the order
    // standing; one inside it, or a question mark, or an order without an order word, does not.
    const last = lastOrderToken(read.items);
    const strong = read.loose.some((l) => l.kind === "verb" && l.itemsBefore === 0 && ORDER_VERBS.has(l.word)) && read.items.length > 0 && read.items.every((x) => x.atoms.some((a) => a.kind === "q"));
    const mark = body[cue];
    const between = read.loose.filter((l) => l.kind === "other" && l.at > last && l.at < cue).length;
    // Without an order word, a question may follow a whole order only after a comma and only about
    // delivery ("SP06 1 bộ nhé shop, bao lâu thì nhận được hàng ạ"), never about price or stock.
    const explicitOrder = read.items.length > 0 && read.items.every((x) => x.atoms.some((a) => a.kind === "q"));
    const rest = body.slice(last + 1);
    const aside = explicitOrder && rest.some((t) => t.kind === "punct" && [",", "."].includes(t.text)) && !rest.some((t) => t.kind === "word" && PRICE_STOCK_WORDS.has(squeeze(t.text)));
    if (!(strong && between <= 1) && !aside) return chatter();
    if (cue <= last || (mark?.kind === "punct" && mark.text === "?")) return chatter();
    if (rest.some((t) => t.kind === "word" && t.text === "roi")) return chatter();
    ignored.push(normal.slice(body[last + 1]?.start ?? 0, body[body.length - 1]?.end ?? 0).trim());
    body = body.slice(0, last + 1);
    read = readBody(body, vocab);
  }
  if (read.conflict) return unclear("which_product", { codes: read.conflict });
  // "chốt A1 A5 2": is the 2 for both, or for A5 alone? Asked (with "mỗi loại" it is for both).
  const bareRun = read.items.find((x, k) => {
    const next = read.items[k + 1];
    return x.atoms.length === 0 && next && next.at === x.at + 1 && next.atoms.some((a) => a.kind === "q") && !read.each;
  });
  if (bareRun && bareRun.codes?.length === 1) return unclear("quantity", { code: bareRun.codes[0] ?? "" });
  let { items } = read;
  const { loose, pending } = read;

  // No item named, a correction word and one quantity: it corrects the buyer's last comment.
  const correctionWord = body.some((t) => t.kind === "word" && (["thoi", "sua", "nham", "doi"].includes(squeeze(t.text)) || MARKED_CORRECTIONS.has(t.raw.toLowerCase())));
  const pendingQ = pending.filter((a): a is Qty => a.kind === "q");
  const plain = !loose.some((l) => l.kind === "other" && !["sua", "nham", "doi", "lai", "lon"].includes(l.word));
  if (items.length === 0 && correctionWord && pendingQ.length === 1 && plain) {
    const q = pendingQ[0];
    if (q && !q.fraction && q.value >= 1 && q.value <= MAX_QTY) return fail({ kind: "correction", qty: q.value, ...withPhone, ignored });
  }
  if (items.length === 0 && opts.impliedCode !== undefined) {
    // A reply to the bot's post of one item: "chốt 2", "lấy 2 hộp", "chốt". A bare number is
    // chatter there; it needs an order word or a marker ("x2").
    const hasVerb = loose.some((l) => l.kind === "verb");
    const marked = pending.some((a) => a.kind === "q" && a.marked);
    if ((!hasVerb && !marked) || loose.some((l) => l.kind === "other")) return chatter();
    const code = vocab.codes.get(opts.impliedCode.toLowerCase().replace(/\s/g, "")) ?? null;
    items = [{ at: -1, codes: code ? [code] : null, key: opts.impliedCode.toLowerCase(), hash: false, weak: false, raw: opts.impliedCode, atoms: pending, corrected: false }];
  } else if (pending.some((a) => a.kind === "q") && items.length > 0) {
    // A quantity after the last item that no item took ("A1 2 3" is read in the item; this is one
    // that a separator cut off): two quantities, ask.
    return unclear("two_quantities", { code: items[items.length - 1]?.codes?.[0] ?? "" });
  }

  // A single common word of a name ("gà") is an item only with a quantity of its own.
  for (const item of items.filter((x) => x.weak && !x.atoms.some((a) => a.kind === "q"))) {
    loose.push({ kind: "other", itemsBefore: items.indexOf(item), raw: item.raw, at: item.at, word: "" });
  }
  items = items.filter((x) => !(x.weak && !x.atoms.some((a) => a.kind === "q")));
  if (items.length === 0) {
    // "chốt 2 cái nha": an order with a number and no item named at all.
    const ordering = loose.some((l) => l.kind === "verb" && ORDER_VERBS.has(l.word)) && pending.some((a) => a.kind === "q") && !loose.some((l) => l.kind === "other");
    return ordering ? unclear("unreadable") : chatter();
  }

  const hasVerb = loose.some((l) => l.kind === "verb" && l.itemsBefore < items.length);
  const explicit = (x: ItemAcc) => x.atoms.some((a) => a.kind === "q");
  // A word that means nothing here, between the order word and the items or between items: not an
  // order we can trust. Before the order word a name or "hôm nay" may stand ("Lan chốt A5 2").
  // "vài", "dăm", "ít": a quantity was meant and not given.
  const vague = loose.find((l) => l.kind === "other" && VAGUE_QUANTITIES.has(l.word));
  if (vague && (hasVerb || items.some(explicit))) return unclear("quantity", { code: items[Math.min(vague.itemsBefore, items.length - 1)]?.codes?.[0] ?? "" });
  if (read.sizeOrQuantity) return unclear("quantity", { code: read.sizeOrQuantity });
  const firstVerb = loose.find((l) => l.kind === "verb" && l.itemsBefore === 0)?.at ?? -1;
  const inside = loose.filter((l) => l.kind === "other" && l.itemsBefore < items.length);
  const beforeVerb = inside.filter((l) => l.at < firstVerb);
  if (inside.length > beforeVerb.length || beforeVerb.length > MAX_UNKNOWN_WORDS) return chatter();
  ignored.push(...beforeVerb.map((l) => l.raw));
  if (read.bad) return hasVerb || items.length > 0 ? unclear("quantity", { code: items[0]?.codes?.[0] ?? "" }) : chatter();
  if (!hasVerb && !items.every(explicit)) return chatter();
  if (loose.some((l) => l.kind === "past")) return chatter();

  // "nem chua 2 chục" of an item sold by the chục is two of them, not twenty.
  for (const item of items) {
    if (foldUnit(vocab, item) !== "chuc") continue;
    item.atoms = item.atoms.map((a) => (a.kind === "q" && a.tens !== undefined ? { ...a, value: a.tens, tens: undefined } : a));
  }
  const quantities = items.flatMap((x) => x.atoms.filter((a): a is Qty => a.kind === "q"));
  // Over 99 is a phone number or a typo, not an order.
  if (quantities.some((q) => !q.fraction && q.value > MAX_QTY)) return chatter();

  // Unknown codes: worth an answer only when clearly meant as one (a quantity, or "#K9").
  const unknown = items.filter((x) => x.codes === null);
  const afterVerb = (x: ItemAcc) => loose.some((l) => l.kind === "verb" && ORDER_VERBS.has(l.word) && l.at === x.at - 1);
  const meantUnknown = unknown.find((x) => explicit(x) || x.hash || afterVerb(x));
  if (meantUnknown) return unclear("unknown_code", { code: meantUnknown.key.toUpperCase() });
  for (const x of unknown) ignored.push(x.raw);
  items = items.filter((x) => x.codes !== null);
  if (items.length === 0) return chatter();

  const unknownWords = loose.filter((l) => l.kind === "other" && l.itemsBefore >= items.length);
  if (unknownWords.length > MAX_UNKNOWN_WORDS) return hasVerb ? unclear("unreadable") : chatter();
  ignored.push(...unknownWords.map((l) => l.raw));

  const ambiguous = items.find((x) => (x.codes?.length ?? 0) > 1);
  if (ambiguous) return unclear("which_product", { codes: [...(ambiguous.codes ?? [])] });
  if (quantities.some((q) => q.fraction)) return unclear("whole_number", { code: items[0]?.codes?.[0] ?? "" });
  if (quantities.some((q) => !q.fraction && q.value < 1)) return chatter();

  // "A7 5 lạng" of an item sold by the kilogram: five what? Asked, never guessed.
  for (const item of items) {
    const sold = WEIGHT_UNITS.get(foldUnit(vocab, item));
    const typed = item.atoms.flatMap((a) => (a.kind === "q" && a.unit ? [WEIGHT_UNITS.get(a.unit)] : []));
    if (sold && typed.some((u) => u !== undefined && u !== sold)) return unclear("quantity", { code: item.codes?.[0] ?? "" });
  }

  const lines: ReadItem[] = [];
  for (const item of items) {
    const code = item.codes?.[0] ?? "";
    const itemLines = linesOf(item, code, vocab, ignored);
    if (itemLines === "two_quantities" || itemLines === "which_option") return unclear(itemLines, { code });
    for (const line of itemLines) {
      const same = lines.find((l) => l.code === line.code && l.options.join("\u0000") === line.options.join("\u0000"));
      if (same) {
        same.qty += line.qty;
        delete same.implied;
      } else lines.push(line);
    }
  }
  if (lines.some((l) => l.qty > MAX_QTY)) return chatter();

  const note = noteOf(normal, tail);
  return ok({ items: lines, ...withPhone, ...(note ? { note } : {}), ignored });
}

// ---- body and details -------------------------------------------------------------------------

const isItem = (t: Token | undefined): boolean => t?.kind === "code" || t?.kind === "product";

/** The index where details begin: the first address, time or label word after an item. */
function detailStart(tokens: readonly Token[]): number {
  const first = tokens.findIndex(isItem);
  if (first < 0) return tokens.length;
  for (let i = first + 1; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t) break;
    // A time: "11h", "11h30", "11 giờ", "lúc 11".
    if (t.kind === "num" && next?.kind === "word" && ((next.glued && /^(h|g)$/.test(next.text)) || next.text === "gio" || /^h\d*$/.test(next.text))) return i;
    if (t.kind === "code" && t.code === null && /^(t[2-8]|h\d+)$/.test(t.key)) return i;
    if (t.kind !== "word") continue;
    const w = squeeze(t.text);
    if (!DETAIL_STARTS.has(w)) continue;
    const marked = MARKED_DETAIL_STARTS.get(w);
    if (marked && !marked.includes(t.raw.toLowerCase())) continue;
    // "số lượng" is a quantity, "ship mình A1" an order word before items; "qua lấy" a pick-up.
    if (w === "so" && next?.kind === "word" && next.text === "luong") continue;
    if (w === "qua" && !(next?.kind === "word" && /^(lay|nhan)$/.test(next.text))) continue;
    // "… ship A2 1": an order word for another item, not where details begin.
    if ((w === "ship" || w === "gui" || w === "giao") && tokens[i + 1]?.kind === "code" && tokens[i + 2]?.kind === "num") continue;
    return i;
  }
  return tokens.length;
}

const PHONE_LABEL = /(?:sđt|sdt|số đt|so dt|số điện thoại|so dien thoai|điện thoại|dien thoai|đt|dt|lh|liên hệ|lien he|zalo)\s*[:.]?/giu;

function noteOf(text: string, tail: readonly Token[]): string | undefined {
  const first = tail[0];
  if (!first) return undefined;
  // Only what staff need: an address or a time. A bare "giao được không shop" says neither.
  const says = tail.some((t) => t.kind === "num" || t.kind === "code" || (t.kind === "word" && !EMPTY_NOTE_WORDS.has(squeeze(t.text)) && !/^(?:sdt|dt|lh|so|dien|thoai|lien|he|zalo)$/.test(t.text)));
  if (!says) return undefined;
  const note = text
    .slice(first.start)
    // The phone is kept on its own, and its label with it.
    .replace(/(?:\+\s?84|0084|84|0)[ .-]?[35789]\d(?:[ .-]?\d){7}/g, "")
    .replace(PHONE_LABEL, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s,.;:+&/|-]+|[\s,;:+&/|-]+$/g, "")
    .trim();
  return note.length > 0 ? note.slice(0, 200) : undefined;
}

/** The index of the first token that makes the body a question, a cancellation or a report, or -1. */
function notOrderCue(body: readonly Token[]): number {
  const words = body.map((t) => (t.kind === "word" ? squeeze(t.text) : t.kind === "punct" ? t.text : ""));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    if (w === "?" || NOT_ORDER_WORDS.has(w) || MARKED_NOT_ORDER.has(body[i]?.raw.toLowerCase() ?? "")) return i;
    if (NOT_ORDER_PAIRS.some(([a, b]) => w === a && words[i + 1] === b)) return i;
    const typed = body[i]?.raw.toLowerCase();
    if (MARKED_PAST_PAIRS.some(([a, b]) => typed === a && body[i + 1]?.raw.toLowerCase() === b)) return i;
  }
  // The last word before trailing politeness; a code, a number or an option ends an order.
  for (let i = body.length - 1; i >= 0; i--) {
    const t = body[i];
    if (!t || t.kind === "punct" || t.kind === "price") continue;
    if (t.kind !== "word") return -1;
    const w = squeeze(t.text);
    if (MARKED_QUESTION_ENDINGS.has(t.raw.toLowerCase())) return i;
    if (!TRAILING_POLITENESS.has(w)) return QUESTION_ENDINGS.has(w) ? i : -1;
  }
  return -1;
}

/** After the items: "rồi", "đã" or "chưa thấy" make it a report of an order, not a new one. */
function hasTailCue(tail: readonly Token[]): boolean {
  const words = tail.map((t) => (t.kind === "word" ? squeeze(t.text) : ""));
  if (words.includes("roi") || tail.some((t) => t.raw.toLowerCase() === "đã")) return true;
  return words.some((w, i) => TAIL_NOT_ORDER_PAIRS.some(([a, b]) => w === a && words[i + 1] === b));
}

/** "hôm qua", "tối qua", "năm ngoái": anywhere in the comment, it reports an order. */
function hasPastTime(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    const next = tokens[i + 1];
    if (t.kind !== "word" || next?.kind !== "word") return false;
    // "chiều qua lấy" is this afternoon's pick-up, not yesterday afternoon.
    const after = tokens[i + 2];
    const pickUp = after?.kind === "word" && (after.text === "lay" || after.text === "nhan");
    return PAST_PAIRS.some(([a, b]) => t.text === a && next.text === b) || (!pickUp && MARKED_PAST_PAIRS.some(([a, b]) => t.raw.toLowerCase() === a && next.raw.toLowerCase() === b));
  });
}

/** The last token index an item or one of its quantities stands at. */
function lastOrderToken(items: readonly ItemAcc[]): number {
  let last = -1;
  for (const item of items) {
    last = Math.max(last, item.at);
    for (const a of item.atoms) last = Math.max(last, a.end - 1);
  }
  return last;
}

// ---- items --------------------------------------------------------------------------------------

function readBody(
  body: readonly Token[],
  vocab: CommentVocabulary,
): { items: ItemAcc[]; loose: Loose[]; pending: Atom[]; bad: boolean; each: boolean; conflict?: string[]; sizeOrQuantity?: string } {
  // A price reads as no word at all ("\u0001"), so "3 gói x 120k" is not a marker missing its number.
  const words = body.map((t) => (t.kind === "word" || t.kind === "num" || t.kind === "punct" ? t.text : t.kind === "price" ? "\u0001" : "\u0000"));
  const items: ItemAcc[] = [];
  const loose: Loose[] = [];
  let pending: Atom[] = [];
  let current: ItemAcc | undefined;
  let separated = false;
  let replaceNext = false;
  let each: Qty | undefined;
  let conflict: string[] | undefined;
  const ignoredWords: string[] = [];
  // "SP08 38": a size or a quantity? The code of the item it is asked about.
  let sizeOrQuantity: string | undefined;

  const noItems = !body.some(isItem);
  let bad = false;
  const qtyAt = (i: number) => {
    const q = readQty(body, words, i, vocab, noItems);
    if (q === "bad") {
      bad = true;
      return null;
    }
    return q;
  };
  for (let i = 0; i < body.length; ) {
    const t = body[i];
    if (!t) break;
    if (t.kind === "code" || t.kind === "product") {
      const item: ItemAcc =
        t.kind === "code"
          ? { at: i, codes: t.code ? [t.code] : null, key: t.key, hash: t.hash, weak: false, raw: t.raw, atoms: pending, corrected: false }
          : { at: i, codes: t.target.codes, key: t.raw, hash: false, weak: t.target.weak, raw: t.raw, atoms: pending, corrected: false };
      // "A1 cơm gà 2": the code and its own name are one item; a code and another item's name disagree.
      const before = body[i - 1];
      // The same product named again right after ("A1 cơm gà 2", "bộ ấm chén Bát Tràng", "tranh gà
      // Đông Hồ"): one item. A code and another product's name side by side disagree: asked.
      const near = current && !separated && pending.length === 0 && t.kind === "product" && (current.at === i - 1 || (current.at === i - 2 && body[i - 1]?.kind === "word"));
      if (current && near) {
        const same = (current.codes ?? []).some((c) => item.codes?.includes(c));
        if (same) {
          if ((item.codes?.length ?? 0) < (current.codes?.length ?? 0)) current.codes = item.codes;
          if (current.at === i - 2) ignoredWords.push(body[i - 1]?.raw ?? "");
          current.at = i;
          i++;
          continue;
        }
        if (current.at === i - 1 && isItem(before) && current.atoms.length === 0 && current.codes && item.codes && !item.weak) conflict = [...current.codes, ...item.codes];
      }
      if (replaceNext && items.length) items.pop();
      replaceNext = false;
      pending = [];
      items.push(item);
      current = item;
      separated = false;
      i++;
      continue;
    }
    if (t.kind === "price") {
      i++;
      continue;
    }
    if (t.kind === "option" && MARKED_CORRECTIONS.has(t.raw.toLowerCase()) && items.length > 0) {
      const q = qtyAt(i + 1);
      const last = items[items.length - 1];
      if (q && last) {
        const lastQ = last.atoms.map((a) => a.kind).lastIndexOf("q");
        if (lastQ >= 0) last.atoms[lastQ] = q.qty;
        else last.atoms.push(q.qty);
        last.corrected = true;
        i = q.end;
        continue;
      }
    }
    if (t.kind === "option") {
      // An option belongs to the item before it, unless an item follows right after ("…, lớn A2").
      (current && !(separated && isItem(body[i + 1])) ? current.atoms : pending).push({ kind: "o", refs: t.target.refs, raw: t.raw, end: i + 1 });
      i++;
      continue;
    }
    // "mỗi loại 1", "mỗi thứ hai": for every item named so far.
    if (t.kind === "word" && t.text === "moi" && body[i + 1]?.kind === "word" && EACH_NOUNS.has(squeeze(words[i + 1] ?? ""))) {
      const q = qtyAt(i + 2);
      if (q) {
        each = q.qty;
        i = q.end;
        continue;
      }
    }
    const correction = MARKED_CORRECTIONS.has(t.raw.toLowerCase()) && items.length > 0 ? 1 : correctionLength(words, i, items.length > 0);
    if (correction > 0) {
      let j = i + correction;
      while (j < body.length && ((body[j]?.kind === "word" && (VERBS.has(squeeze(words[j] ?? "")) || FILLERS.has(squeeze(words[j] ?? "")) || words[j] === "thanh")) || (body[j]?.kind === "punct" && [",", ":", "-"].includes(words[j] ?? "")))) j++;
      const q = qtyAt(j);
      const last = items[items.length - 1];
      const option = body[j];
      if (option?.kind === "option" && last) {
        // "size M à không L": the option is corrected, the quantity stays.
        const ref = option.target.refs.find((r) => last.codes?.includes(r.code));
        const previous = ref ? last.atoms.map((a) => (a.kind === "o" && a.refs.some((r) => r.code === ref.code && r.group === ref.group) ? "x" : "")).lastIndexOf("x") : -1;
        if (ref && previous >= 0) {
          last.atoms[previous] = { kind: "o", refs: [ref], raw: option.raw, end: j + 1 };
          i = j + 1;
          continue;
        }
      }
      if (isItem(body[j])) {
        replaceNext = true;
        i = j;
        continue;
      }
      if (q && last) {
        const atoms = last.atoms;
        const lastQ = atoms.map((a) => a.kind).lastIndexOf("q");
        if (lastQ >= 0) atoms[lastQ] = q.qty;
        else atoms.push(q.qty);
        last.corrected = true;
        i = q.end;
        continue;
      }
    }
    // A size written as a number ("SP08 size 38 x1", "SP08 38 1 đôi") is the size when a word says so
    // or another number gives the quantity; alone ("SP08 38") it is asked about.
    const sized = t.kind === "num" && current && !separated && current.codes?.length === 1 ? vocab.numberedOptions.get(current.codes[0] ?? "")?.get(t.text) : undefined;
    if (sized && current) {
      const before = body[i - 1];
      const named = before?.kind === "word" && SIZE_WORDS.has(squeeze(before.text));
      const peek = readQty(body, words, i + 1, vocab, noItems);
      if (named || current.atoms.some((a) => a.kind === "q") || (peek && peek !== "bad")) {
        current.atoms.push({ kind: "o", refs: [sized], raw: t.raw, end: i + 1 });
        i++;
        continue;
      }
      sizeOrQuantity = current.codes?.[0];
      i++;
      continue;
    }
    const q = qtyAt(i);
    if (q) {
      // A quantity that an item follows belongs to that item ("A1 2, 3 A2", "chốt B1 + 2 B2"),
      // unless the item before has none yet and nothing separates them ("A1 2 A2" is A1:2, A2:1).
      const nextIsItem = isItem(body[q.end]);
      const currentHasQty = current?.atoms.some((a) => a.kind === "q") ?? false;
      if (current && !(nextIsItem && (separated || currentHasQty))) current.atoms.push(q.qty);
      else pending.push(q.qty);
      if (nextIsItem) separated = true;
      i = q.end;
      continue;
    }
    if ((t.kind === "punct" && SEPARATORS.has(t.text)) || (t.kind === "word" && SEPARATOR_WORDS.has(squeeze(t.text)))) {
      separated = true;
      i++;
      continue;
    }
    const kind = classify(t, words[i + 1], items.length);
    if (kind) loose.push({ kind, itemsBefore: items.length, raw: t.raw, at: i, word: t.kind === "word" ? squeeze(t.text) : "" });
    i++;
  }
  if (each) for (const item of items) if (!item.atoms.some((a) => a.kind === "q")) item.atoms.push({ ...each, each: true });
  return { items, loose, pending, bad, each: each !== undefined, ...(conflict ? { conflict } : {}), ...(sizeOrQuantity ? { sizeOrQuantity } : {}) };
}

/** A quantity at `at` ("2", "x2", "hai hộp", "2p", "sl: 3", "(2)"), or null. */
function readQty(body: readonly Token[], words: readonly string[], at: number, vocab: CommentVocabulary, noItems: boolean): { qty: Qty; end: number } | "bad" | null {
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

/** How many tokens at `at` form a correction ("nhầm", "sửa lại", "à không", "ý là", "thôi"), 0 if none. */
function correctionLength(words: readonly string[], at: number, afterItem: boolean): number {
  const w = squeeze(words[at] ?? "");
  if (!afterItem) return 0;
  if (CORRECTION_WORDS.has(w)) return words[at + 1] === "lai" ? 2 : 1;
  if (CORRECTION_PAIRS.some(([a, b]) => w === a && squeeze(words[at + 1] ?? "") === b)) return 2;
  // "ý em là", "ý mình là".
  if (w === "y" && FILLERS.has(squeeze(words[at + 1] ?? "")) && words[at + 2] === "la") return 3;
  if (w === "thoi") return 1;
  return 0;
}

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

/** An item's lines: "A1 2" one line; "A1 1 lớn 1 vừa" two; "A1 2 3" is two quantities with nothing to tell them apart. */
function linesOf(item: ItemAcc, code: string, vocab: CommentVocabulary, ignored: string[]): ReadItem[] | "two_quantities" | "which_option" {
  const groups: Atom[][] = [];
  const startsWithOption = item.atoms[0]?.kind === "o";
  let group: Atom[] = [];
  for (const atom of item.atoms) {
    if (startsWithOption) {
      group.push(atom);
      if (atom.kind === "q") {
        groups.push(group);
        group = [];
      }
    } else {
      if (atom.kind === "q" && group.some((a) => a.kind === "q")) {
        groups.push(group);
        group = [];
      }
      group.push(atom);
    }
  }
  if (group.length) {
    const last = groups[groups.length - 1];
    if (startsWithOption && last && !group.some((a) => a.kind === "q")) last.push(...group);
    else groups.push(group);
  }
  let conflict = false;
  let lines = groups.flatMap((g): ReadItem[] => {
    const q = g.find((a): a is Qty => a.kind === "q");
    const choices = optionsFor(g.filter((a): a is Opt => a.kind === "o"), code, ignored);
    // Two choices of one group ("lớn vừa") cannot be guessed, unless "mỗi loại" asks for each.
    const split = [...choices.values()].filter((names) => names.length > 1);
    if (split.length > 1 || (split.length === 1 && !q?.each)) conflict = true;
    const groupsInOrder = (vocab.products.get(code)?.options ?? []).map((x) => x.group);
    const combos = split.length === 1 && q?.each ? (split[0] ?? []).map((name) => new Map([...choices].map(([grp, names]) => [grp, names.length > 1 ? [name] : names]))) : [choices];
    return combos.map((combo) => ({
      code,
      qty: q ? q.value : 1,
      options: [...combo].sort(([a], [b]) => groupsInOrder.indexOf(a) - groupsInOrder.indexOf(b)).map(([, names]) => names[0] ?? ""),
      ...(q ? {} : { implied: true as const }),
    }));
  });
  if (conflict) return "which_option";
  // "A1 2 (1 lớn 1 vừa)": a total, then how it splits.
  const [total, ...split] = lines;
  if (total && split.length > 1 && total.options.length === 0 && split.every((l) => l.options.length > 0) && split.reduce((n, l) => n + l.qty, 0) === total.qty) lines = split;
  if (lines.length > 1) {
    const keys = lines.map((l) => l.options.join("\u0000"));
    if (keys.some((k) => k === "") || new Set(keys).size !== keys.length) return "two_quantities";
  }
  return lines.length ? lines : [{ code, qty: 1, options: [], implied: true }];
}

/** The options this product has among those typed, by option group (several names: a conflict, or "mỗi loại"). */
function optionsFor(typed: readonly Opt[], code: string, ignored: string[]): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const o of typed) {
    const ref = o.refs.find((r) => r.code === code);
    if (!ref) {
      ignored.push(o.raw);
      continue;
    }
    const names = byGroup.get(ref.group) ?? [];
    if (!names.includes(ref.name)) byGroup.set(ref.group, [...names, ref.name]);
  }
  return byGroup;
}

function foldUnit(vocab: CommentVocabulary, item: ItemAcc): string {
  return foldText(vocab.products.get(item.codes?.[0] ?? "")?.unit ?? "");
}
