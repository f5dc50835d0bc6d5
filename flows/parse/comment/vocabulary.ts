import { foldText } from "../../../src/text/normalize";
import { isQuantityUnit, readQuantity, squeeze } from "../quantity";
import { COMMON_WORDS, SAME_WORDS } from "./words";

// What a shop's catalog lets a comment say: its codes, the names and aliases of its products (whole
// or by the words people use for them), each product's options, and its units. Built once per
// catalog (the cache below is keyed by the catalog's content), never per comment.

/** A catalog item as the comment reader needs it. */
export interface VocabProduct {
  code: string;
  name: string;
  unit: string;
  aliases?: readonly string[];
  options?: readonly { group: string; names: readonly string[] }[];
}

export interface OptionRef {
  code: string;
  group: string;
  name: string;
}

/** What a run of words names: one product or several (an ambiguous word), or an option of some products. */
export type PhraseTarget =
  | { kind: "product"; codes: readonly string[]; /** one common word ("gà"): an item only with a quantity */ weak: boolean }
  | { kind: "option"; refs: readonly OptionRef[] };

export interface Phrase {
  words: readonly string[];
  target: PhraseTarget;
}

export interface CommentVocabulary {
  /** Folded code without spaces ("a1") → the shop's code ("A1"). */
  codes: ReadonlyMap<string, string>;
  /** First word → phrases starting with it, longest first. */
  phrases: ReadonlyMap<string, readonly Phrase[]>;
  /** The shop's own units, folded ("noi", "hu", "lang"), on top of the common ones. */
  units: ReadonlySet<string>;
  /** Every folded word the catalog uses: for Telex leftovers ("hopj" → "hop"). */
  words: ReadonlySet<string>;
  products: ReadonlyMap<string, VocabProduct>;
  /** The shop's codes as a pattern, longest first ("sp01", "ga-1", "b ?12"), or null for none. */
  codePattern: string | null;
  /** Per product, its options named by a number alone (sizes "36"…"40"). */
  numberedOptions: ReadonlyMap<string, ReadonlyMap<string, OptionRef>>;
}

/** A name split into folded words and numbers ("Lẩu cá tầm (4 người)" → lau ca tam 4 nguoi). */
export function nameWords(name: string): string[] {
  return foldText(name).match(/\p{L}+|\d+/gu) ?? [];
}

const isNumber = (w: string | undefined) => w !== undefined && /^\d/.test(w);

// Negations people type in front of an option ("ko cay", "k cay" for "không cay").
const NEGATIONS = ["khong", "ko", "k", "hong", "khg", "kh", "hok"];

function optionVariants(words: readonly string[]): string[][] {
  if (words[0] !== "khong") return [[...words]];
  return NEGATIONS.map((n) => [n, ...words.slice(1)]);
}

/** A single word worth reading as a product on its own: not a number, unit, verb or politeness. */
function distinctive(word: string): boolean {
  if (word.length < 2 || /\d/.test(word) || COMMON_WORDS.has(squeeze(word)) || isQuantityUnit(word)) return false;
  return readQuantity([word], 0) === null;
}

export function buildVocabulary(products: readonly VocabProduct[], shopName = ""): CommentVocabulary {
  const codes = new Map<string, string>();
  for (const p of products) {
    const key = foldText(p.code).replace(/^#/, "").replace(/\s+/g, "");
    if (key && !codes.has(key)) codes.set(key, p.code);
  }
  const shopWords = new Set(nameWords(shopName));
  const productSpans = new Map<string, { words: string[]; codes: Set<string>; strong: boolean }>();
  const addSpan = (words: string[], code: string, strong: boolean) => {
    if (words.length === 0) return;
    // "chè shan tuyết" for "Trà shan tuyết": the same kind of thing by its other word.
    const first = words[0];
    const other = SAME_WORDS.find(([a, b]) => a === first || b === first);
    if (other && words.length > 1) addOne([other[0] === first ? other[1] : other[0], ...words.slice(1)], code, strong);
    addOne(words, code, strong);
  };
  const addOne = (words: string[], code: string, strong: boolean) => {
    const key = words.join(" ");
    const span = productSpans.get(key) ?? { words, codes: new Set<string>(), strong: false };
    span.codes.add(code);
    span.strong ||= strong;
    productSpans.set(key, span);
  };
  const allWords = new Set<string>();
  for (const p of products) {
    const whole = nameWords(p.name);
    whole.forEach((w) => allWords.add(w));
    addSpan(whole, p.code, true);
    for (const alias of p.aliases ?? []) {
      const words = nameWords(alias);
      words.forEach((w) => allWords.add(w));
      addSpan(words, p.code, true);
    }
    // The words people use for it: any run of two or more words of its name ("gà nướng", "bún chả").
    for (let i = 0; i < whole.length; i++) {
      // A run may not start or end with a number: "tầm 4" is not what anyone calls the hot pot.
      if (isNumber(whole[i])) continue;
      for (let j = i + 2; j <= whole.length; j++) if (!isNumber(whole[j - 1])) addSpan(whole.slice(i, j), p.code, false);
      const word = whole[i];
      if (word !== undefined && distinctive(word) && !shopWords.has(word)) addSpan([word], p.code, false);
    }
  }

  const phrases = new Map<string, Phrase[]>();
  const addPhrase = (phrase: Phrase) => {
    const first = phrase.words[0];
    if (first === undefined) return;
    phrases.set(first, [...(phrases.get(first) ?? []), phrase]);
  };
  const options = new Map<string, { words: string[]; refs: OptionRef[] }>();
  for (const p of products) {
    for (const group of p.options ?? []) {
      for (const name of group.names) {
        const words = nameWords(name);
        words.forEach((w) => allWords.add(w));
        for (const variant of optionVariants(words)) {
          const key = variant.join(" ");
          const entry = options.get(key) ?? { words: variant, refs: [] };
          entry.refs.push({ code: p.code, group: group.group, name });
          options.set(key, entry);
        }
      }
    }
  }
  for (const span of productSpans.values()) {
    const weak = span.words.length === 1 && !span.strong;
    // One common word of a name that is also an option ("Tràng" of Bát Tràng and the colour "Trắng"):
    // the option, which is what such a word usually is in an order.
    if (weak && options.has(span.words.join(" "))) continue;
    addPhrase({ words: span.words, target: { kind: "product", codes: [...span.codes], weak } });
  }
  const numbered = new Map<string, Map<string, OptionRef>>();
  for (const o of options.values()) {
    // A name and an option alike: the longer phrase wins, and at equal length the product does.
    if (productSpans.get(o.words.join(" "))?.strong || (productSpans.has(o.words.join(" ")) && o.words.length > 1)) continue;
    // A size written as a number ("38") stays a number here; the reader decides (see numberedOptions).
    if (o.words.length === 1 && /^\d+$/.test(o.words[0] ?? "")) {
      for (const ref of o.refs) numbered.set(ref.code, (numbered.get(ref.code) ?? new Map()).set(o.words[0] ?? "", ref));
      continue;
    }
    addPhrase({ words: o.words, target: { kind: "option", refs: o.refs } });
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);

  const units = new Set<string>();
  for (const p of products) for (const w of nameWords(p.unit)) units.add(w);
  const alternatives = [...codes.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    // "b 1" for "b1": phones put a space between letters and digits on their own.
    .map((k) => k.replace(/([a-z])(?=\d)/g, "$1 ?"));
  const codePattern = alternatives.length ? alternatives.join("|") : null;
  return { codes, phrases, units, words: allWords, products: new Map(products.map((p) => [p.code, p])), codePattern, numberedOptions: numbered };
}

// A few catalogs are read at once (one per shop in a live); each is rebuilt only when it changes.
const CACHE_SIZE = 64;
const cache = new Map<string, CommentVocabulary>();

/** The vocabulary of this catalog, from the cache when the catalog has not changed. */
export function vocabularyFor(products: readonly VocabProduct[], shopName = ""): CommentVocabulary {
  const key = JSON.stringify([shopName, products.map((p) => [p.code, p.name, p.unit, p.aliases ?? [], (p.options ?? []).map((g) => [g.group, g.names])])]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const built = buildVocabulary(products, shopName);
  cache.set(key, built);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return built;
}
