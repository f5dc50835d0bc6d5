import { ok, fail, type Result } from "../../src/result";
import { foldText } from "../../src/text/normalize";
import { isQuantityUnit, isTimesMarker, readQuantity, readQuantityMarker, squeeze } from "./quantity";

// Orders typed as comments in a group or live stream: "chốt B1 x2", "#B1 3", "lấy B1 hai, B3 một".
// A false order reserves stock nobody wants, so the parser is strict: a comment is an order only when
// every word in it is accounted for (codes, quantities, units, order verbs, politeness), except a free
// note after the items of a comment that has an order verb and explicit quantities.

export type CommentOrder = { items: { code: string; qty: number }[] };
export type CommentOrderError = "not_an_order" | "unknown_code";

const MAX_QTY = 99;
const MAX_INPUT = 20_000;
const MAX_TOKENS = 150;

// All word lists are folded (no diacritics, lower case) and squeezed like the words they are
// compared with: "book" is kept as "bok", just as a typed "shopp" is read as "shop".
const squeezedSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(squeeze));
const VERBS = squeezedSet([
  "chot", "chotdon", "lay", "mua", "dat", "order", "oder", "ship", "cho", "gui", "giu", "book", "them", "xin", "len",
]);
// Pronouns, politeness and glue that carry no order meaning. "ba" (bà) is here but a quantity is read first.
const FILLERS = squeezedSet([
  "em", "e", "anh", "a", "chi", "c", "minh", "mk", "mik", "mh", "toi", "tui", "con", "ban", "bac", "chu", "co",
  "ong", "ba", "di", "cau", "shop", "sop", "ad", "admin", "oi", "nha", "nhe", "nhen", "nghe", "nhoa", "ne", "ak",
  "ah", "luon", "lun", "giup", "dum", "ho", "de", "don", "hang", "nua", "thanks", "thank", "tks", "you", "cam",
  "on", "camon", "please", "pls", "plz", "ok", "oke", "okie", "oki", "okay", "da", "vang", "alo", "hi", "hello",
  "chao", "ib", "inbox", "muon", "can",
]);
const WORD_SEPARATORS = squeezedSet(["va", "voi", "vs", "and"]);
// Anywhere in the comment these make it a question, an afterthought or a cancellation, not an order.
const NOT_ORDER_WORDS = squeezedSet([
  "bn", "may", "nao", "gi", "sao", "nhi", "hay", "hoac", "xong", "huy", "cancel",
]);
// "hỏi" (ask) folds like "hơi" (a little), so it only counts after the person asking.
const NOT_ORDER_PAIRS: readonly (readonly [string, string])[] = [
  ["bao", "nhieu"], ["bao", "gio"], ["bao", "lau"], ["con", "hang"], ["het", "hang"], ["tu", "van"], ["o", "dau"],
  ["em", "hoi"], ["minh", "hoi"], ["chi", "hoi"], ["anh", "hoi"], ["cho", "hoi"], ["xin", "hoi"],
];
// A comment ending in one of these (before trailing politeness) asks something: "B1 còn không ạ".
const QUESTION_ENDINGS = squeezedSet([
  "khong", "ko", "k", "hong", "hok", "hem", "khum", "chua", "ha", "nhi", "dau", "sao", "gi",
]);
const TRAILING_POLITENESS = squeezedSet([
  "a", "shop", "sop", "oi", "ad", "admin", "em", "anh", "chi", "c", "ban", "ak", "ah", "nhe", "nha",
]);
// "đã" (already) turns a comment into a report of a past order; only the marked spelling is safe to
// read, since unmarked "da" is usually the polite "dạ".
const ALREADY = /(?:^|[^\p{L}])đã(?![\p{L}])/u;

type CodeToken = { kind: "code"; code: string | null; key: string; hash: boolean };
type Token = CodeToken | { kind: "num" | "word" | "punct" | "phone"; text: string };
type Item = { code: string | null; key: string; hash: boolean; qty: number; explicit: boolean; marked: boolean };
type Loose = { kind: "verb" | "filler" | "other" | "past"; itemsBefore: number; isNumber: boolean };
type ItemRead = { qty: number; explicit: boolean; marked: boolean; end: number };
const BAD = "bad" as const;

/** Reads a group comment as an order for the shop's codes ("chốt B1 x2, B3 một"), or says why it is not one. */
export function parseCommentOrder(
  text: string,
  codes: readonly string[],
  opts: { impliedCode?: string } = {},
): Result<CommentOrder, CommentOrderError> {
  const notAnOrder = fail("not_an_order" as const);
  if (text.length > MAX_INPUT) return notAnOrder;
  // A line break ends an item: "lấy B1\n2 B2" is one B1 and two B2, not two B1.
  const folded = foldText(text.replace(/[\r\n\u2028\u2029]+/g, " , "));
  if (folded === "" || ALREADY.test(text.normalize("NFC").toLowerCase())) return notAnOrder;
  const known = canonicalCodes(codes);
  const tokens = tokenize(folded, known);
  if (tokens.length === 0 || tokens.length > MAX_TOKENS || hasNotOrderCue(tokens)) return notAnOrder;

  let parsed = parseTokens(tokens);
  if (parsed !== BAD && parsed.items.length === 0 && opts.impliedCode !== undefined) {
    parsed = parseImplied(tokens, known, opts.impliedCode);
  }
  if (parsed === BAD || parsed.items.length === 0) return notAnOrder;
  return decide(parsed.items, parsed.loose);
}

// ---- tokens ---------------------------------------------------------------------------------

function canonicalCodes(codes: readonly string[]): Map<string, string> {
  const known = new Map<string, string>();
  for (const code of codes) {
    const key = codeKey(code);
    if (key !== "" && !known.has(key)) known.set(key, code);
  }
  return known;
}

function codeKey(code: string): string {
  return foldText(code).replace(/^#/, "").replace(/\s+/g, "");
}

function tokenize(folded: string, known: ReadonlyMap<string, string>): Token[] {
  const alternatives = [...known.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    // "b 1" for "b1": phones put a space between letters and digits on their own.
    .map((k) => k.replace(/([a-z])(?=\d)/g, "$1 ?"))
    .join("|");
  // A code stands alone: not glued to letters or digits before it, nor to digits or letters after it,
  // except "x" ("b1x3"). Something shaped like a code (one to three letters, one to three digits)
  // that the shop does not sell is kept too, so "chốt K9 x1" can be answered with "unknown code".
  const end = "(?!\\p{N})(?!(?!x)\\p{L})";
  const start = "(?:#\\s?|(?<![\\p{L}\\p{N}]))";
  const pattern = [
    alternatives ? `(?<known>${start}(?:${alternatives}))${end}` : null,
    `(?<other>${start}(?!x\\d|sl\\d)[a-z]{1,3}\\d{1,3})${end}`,
    // A mobile number left with the order ("chốt B1 x2 0912 345 678") is contact, not a quantity.
    "(?<phone>(?<![\\p{N}+])(?:\\+84|0084|0)[ .-]?[35789]\\d(?:[ .-]?\\d){7}(?!\\p{N}))",
    "(?<num>\\d+(?:[.,]\\d+)*)",
    "(?<word>\\p{L}+)",
    // A dash after a space and glued to a digit ("B1 -2") is a minus sign, kept apart from a plain dash.
    "(?<minus>(?<=\\s)-(?=\\d))",
    "(?<punct>[?,+;&/|:=()*×✖-])",
  ]
    .filter((p) => p !== null)
    .join("|");
  const tokens: Token[] = [];
  for (const match of folded.matchAll(new RegExp(pattern, "gu"))) {
    const groups = match.groups ?? {};
    if (groups.known !== undefined || groups.other !== undefined) {
      const raw = groups.known ?? groups.other ?? "";
      const key = raw.replace(/^#\s?/, "").replace(/ /g, "");
      tokens.push({ kind: "code", code: known.get(key) ?? null, key, hash: raw.startsWith("#") });
    } else if (groups.phone !== undefined) tokens.push({ kind: "phone", text: groups.phone.replace(/\D/g, "") });
    else if (groups.num !== undefined) tokens.push({ kind: "num", text: groups.num });
    else if (groups.word !== undefined) tokens.push({ kind: "word", text: groups.word });
    else if (groups.minus !== undefined) tokens.push({ kind: "num", text: "\u2212" });
    else tokens.push({ kind: "punct", text: match[0] });
  }
  return tokens;
}

// The quantity readers work on plain strings; a code becomes a string no reader recognises, and a
// phone number stays digits, so right after a code it reads as a quantity far above 99 (no order).
function wordsOf(tokens: readonly Token[]): string[] {
  return tokens.map((t) => (t.kind === "code" ? "\u0000" : t.text));
}

function hasNotOrderCue(tokens: readonly Token[]): boolean {
  const words = tokens.map((t) => (t.kind === "word" ? squeeze(t.text) : t.kind === "punct" ? t.text : ""));
  if (words.includes("?")) return true;
  if (words.some((w) => NOT_ORDER_WORDS.has(w))) return true;
  if (words.some((w, i) => NOT_ORDER_PAIRS.some(([a, b]) => w === a && words[i + 1] === b))) return true;
  const last = lastWord(tokens);
  return last !== undefined && QUESTION_ENDINGS.has(last);
}

// The last word before trailing politeness; undefined when a code or a number ends the comment.
function lastWord(tokens: readonly Token[]): string | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === undefined || t.kind === "punct") continue;
    if (t.kind !== "word") return undefined;
    const word = squeeze(t.text);
    if (!TRAILING_POLITENESS.has(word)) return word;
  }
  return undefined;
}

// ---- items ----------------------------------------------------------------------------------

function parseTokens(tokens: readonly Token[]): { items: Item[]; loose: Loose[] } | typeof BAD {
  const words = wordsOf(tokens);
  const items: Item[] = [];
  const loose: Loose[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    // Inside a free note ("giao t7 nha") an unknown code-shaped word is just a word.
    const inNote = loose.some((l) => l.kind === "other" && l.itemsBefore === items.length && items.length > 0);
    if (token.kind === "code" && !(token.code === null && inNote)) {
      const read = readAfterCode(tokens, words, i);
      if (read === BAD) return BAD;
      items.push({ code: token.code, key: token.key, hash: token.hash, qty: read.qty, explicit: read.explicit, marked: read.marked });
      i = read.end;
      continue;
    }
    const before = readBeforeCode(tokens, words, i);
    if (before === BAD) return BAD;
    if (before) {
      items.push(before.item);
      i = before.end;
      continue;
    }
    loose.push(classify(token, words[i + 1], items.length));
    i++;
  }
  return { items, loose };
}

// "B1 3", "B1 x3", "B1x3", "B1 * 3", "B1 (3)", "B1 sl 3", "B1: 3", "B1 ba hộp", "B1 2x"; or the bare code.
// A minus sign ("B1 -2") is not a dash: it is tokenized as a stray number and blocks the order.
function readAfterCode(tokens: readonly Token[], words: readonly string[], at: number): ItemRead | typeof BAD {
  const bare: ItemRead = { qty: 1, explicit: false, marked: false, end: at + 1 };
  let j = at + 1;
  const paren = words[j] === "(";
  if (paren) j++;
  let marked = false;
  const marker = readQuantityMarker(words, j);
  if (marker > 0) {
    j += marker;
    marked = true;
  } else if (!paren && [":", "=", "+", "-"].includes(words[j] ?? "") && readQuantity(words, j + 1)) {
    // "B1 + 2 B2" adds a second item: a quantity that a code follows belongs to that code.
    if (words[j] === "+" && startsNextItem(tokens, words, j + 1)) return bare;
    j++;
    marked = true;
  }
  const next = tokens[j];
  // A shop that sells "X1" makes "B1 x1" ambiguous; right after a code it is read as a quantity.
  if (!marked && !paren && next?.kind === "code" && !next.hash && /^x\d+$/.test(next.key)) {
    return withUnit(words, { qty: Number(next.key.slice(1)), explicit: true, marked: true, end: j + 1 });
  }
  const read = readQuantity(words, j);
  if (!read) return marked ? BAD : bare;
  if (read.kind === "fraction") return BAD;
  j = read.end;
  if (!marked && isTimesMarker(words[j])) {
    j++;
    marked = true;
  }
  if (paren && words[j] === ")") j++;
  const item = withUnit(words, { qty: read.value, explicit: true, marked, end: j });
  if (paren && words[item.end] === ")") item.end++;
  return item;
}

function startsNextItem(tokens: readonly Token[], words: readonly string[], at: number): boolean {
  const read = readQuantity(words, at);
  if (!read) return false;
  let j = read.end;
  if (isTimesMarker(words[j])) j++;
  if (isQuantityUnit(words[j])) j++;
  return tokens[j]?.kind === "code";
}

function withUnit(words: readonly string[], read: ItemRead): ItemRead {
  return isQuantityUnit(words[read.end]) ? { ...read, end: read.end + 1 } : read;
}

// "chốt 2 B1", "lấy hai hộp B1", "x2 B1": a quantity in front of a code that has none of its own.
function readBeforeCode(
  tokens: readonly Token[],
  words: readonly string[],
  at: number,
): { item: Item; end: number } | null | typeof BAD {
  let j = at;
  const marker = readQuantityMarker(words, j);
  j += marker;
  const read = readQuantity(words, j);
  if (!read) return null;
  j = read.end;
  if (marker === 0 && isTimesMarker(words[j])) j++;
  if (isQuantityUnit(words[j])) j++;
  const code = tokens[j];
  if (code?.kind !== "code") return null;
  const after = readAfterCode(tokens, words, j);
  if (after === BAD || after.explicit) return null;
  if (read.kind === "fraction") return BAD;
  return {
    item: { code: code.code, key: code.key, hash: code.hash, qty: read.value, explicit: true, marked: marker > 0 },
    end: after.end,
  };
}

function classify(token: Token, nextWord: string | undefined, itemsBefore: number): Loose {
  const at = { itemsBefore, isNumber: token.kind === "num" };
  if (token.kind === "punct" || token.kind === "phone") return { kind: "filler", ...at };
  if (token.kind !== "word") return { kind: "other", ...at };
  const word = squeeze(token.text);
  if (word === "dat" && nextWord === "hang") return { kind: "verb", ...at };
  if (VERBS.has(word)) return { kind: "verb", ...at };
  // "rồi" before the items is "then" ("ok rồi chốt B1"); after them it is "already".
  if (word === "roi") return { kind: itemsBefore > 0 ? "past" : "filler", ...at };
  if (FILLERS.has(word) || WORD_SEPARATORS.has(word)) return { kind: "filler", ...at };
  return { kind: "other", ...at };
}

// With impliedCode (a reply to the bot's post of one item), "chốt 2" means "chốt <that item> 2":
// the code is put back where it would have been typed, right after the opening verbs and politeness.
function parseImplied(
  tokens: readonly Token[],
  known: ReadonlyMap<string, string>,
  impliedCode: string,
): { items: Item[]; loose: Loose[] } | typeof BAD {
  const words = wordsOf(tokens);
  let at = 0;
  while (at < tokens.length) {
    const token = tokens[at];
    if (token === undefined || readQuantityMarker(words, at) > 0 || readQuantity(words, at)) break;
    const kind = classify(token, words[at + 1], 0).kind;
    if (kind !== "verb" && kind !== "filler") break;
    at++;
  }
  const key = codeKey(impliedCode);
  const virtual: CodeToken = { kind: "code", code: known.get(key) ?? null, key, hash: false };
  const parsed = parseTokens([...tokens.slice(0, at), virtual, ...tokens.slice(at)]);
  if (parsed === BAD) return BAD;
  // A bare number ("2") under a post is chatter; it needs an order verb or a marker ("x2").
  const hasVerb = parsed.loose.some((l) => l.kind === "verb" && l.itemsBefore === 0);
  const implied = parsed.items[0];
  if (parsed.items.length !== 1 || !implied || !(hasVerb || implied.marked)) return { items: [], loose: [] };
  return parsed;
}

// ---- decision -------------------------------------------------------------------------------

function decide(items: readonly Item[], loose: readonly Loose[]): Result<CommentOrder, CommentOrderError> {
  const notAnOrder = fail("not_an_order" as const);
  if (loose.some((l) => l.kind === "past")) return notAnOrder;
  // Verbs only count before or between items: a trailing "đắt" (folds to "dat") is not "đặt".
  const hasVerb = loose.some((l) => l.kind === "verb" && l.itemsBefore < items.length);
  const allExplicit = items.every((item) => item.explicit);
  if (!hasVerb && !allExplicit) return notAnOrder;
  if (loose.some((l) => l.kind === "other" && l.itemsBefore < items.length)) return notAnOrder;
  const firstTrailingOther = loose.find((l) => l.kind === "other" && l.itemsBefore === items.length);
  if (firstTrailingOther && (!hasVerb || !allExplicit || firstTrailingOther.isNumber)) return notAnOrder;
  // Over 99 is a phone number or a typo, not an order; and it is checked before codes, since
  // "Z1 0912345678" is chatter about something, not an order for an unknown item.
  if (items.some((item) => !Number.isSafeInteger(item.qty) || item.qty < 1 || item.qty > MAX_QTY)) return notAnOrder;
  // An unknown code is worth telling the buyer about only when it was clearly meant as one:
  // with a quantity ("chốt K9 x1") or a hash ("#K9"); a bare "q1" or "t7" is an address or a day.
  const unknown = items.filter((item) => item.code === null);
  if (unknown.some((item) => !item.explicit && !item.hash)) return notAnOrder;
  if (unknown.length > 0) return fail("unknown_code");

  // The same code twice adds up, in the order the buyer first named each code.
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.code ?? item.key, (totals.get(item.code ?? item.key) ?? 0) + item.qty);
  if ([...totals.values()].some((qty) => qty > MAX_QTY)) return notAnOrder;
  return ok({ items: [...totals].map(([code, qty]) => ({ code, qty })) });
}
