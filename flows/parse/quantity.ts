import { ok, fail, type Result } from "../../src/result";
import { foldText } from "../../src/text/normalize";

// Quantities as buyers type them: digits, Vietnamese or English number words, units, politeness.
// The token-level readers are exported so the group comment parser understands exactly the same forms.

export type QuantityError = "empty" | "not_a_number" | "zero" | "too_large" | "not_whole";

/** What a quantity reader found at a token position; `end` is the index just after it. */
export type QuantityRead = { kind: "whole"; value: number; end: number } | { kind: "fraction"; end: number };

const DEFAULT_MAX = 99;

// All word lists are in folded form (foldText): no diacritics, lower case.
const ONES: ReadonlyMap<string, number> = new Map([
  ["mot", 1], ["hai", 2], ["ba", 3], ["bon", 4], ["tu", 4], ["nam", 5],
  ["sau", 6], ["bay", 7], ["tam", 8], ["chin", 9],
]);
// After "mươi"/"mười", 1 is "mốt" (folds to "mot") and 5 is "lăm"; "lăm" alone means nothing.
const ONES_AFTER_TENS: ReadonlyMap<string, number> = new Map([...ONES, ["lam", 5]]);
// Spoken shortcuts without "mươi": "hai lăm" = 25, "ba mốt" = 31, "hai tư" = 24.
const ONES_SHORT_TENS: ReadonlyMap<string, number> = new Map([["mot", 1], ["tu", 4], ["lam", 5]]);
const EN_ONES: ReadonlyMap<string, number> = new Map([
  ["zero", 0], ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7],
  ["eight", 8], ["nine", 9], ["ten", 10], ["eleven", 11], ["twelve", 12], ["thirteen", 13],
  ["fourteen", 14], ["fifteen", 15], ["sixteen", 16], ["seventeen", 17], ["eighteen", 18],
  ["nineteen", 19], ["dozen", 12],
]);
const EN_TENS: ReadonlyMap<string, number> = new Map([
  ["twenty", 20], ["thirty", 30], ["forty", 40], ["fifty", 50], ["sixty", 60], ["seventy", 70],
  ["eighty", 80], ["ninety", 90],
]);

const UNITS: ReadonlySet<string> = new Set([
  "phan", "suat", "xuat", "hop", "kg", "kgs", "ky", "ki", "kilo", "can", "cai", "chiec", "ly", "coc",
  "tui", "goi", "hu", "chai", "bich", "con", "dia", "to", "bat", "bo", "lo", "lon", "thung", "set",
  "combo", "portion", "portions", "box", "boxes", "pcs", "pc", "piece", "pieces", "qua", "trai",
  "khay", "mieng", "cap", "doi", "vi", "binh", "cay", "bao", "cuon", "item", "items", "pack", "packs",
  "bottle", "bottles", "cup", "cups", "bag", "bags",
]);
const TIMES: ReadonlySet<string> = new Set(["x", "×", "✖", "*"]);

// Words around a bare quantity answer that carry no meaning: "cho em 2 nha", "lấy 3 ạ", "2 thôi".
// Squeezed like the words they are compared with (see squeeze).
const LEADING: ReadonlySet<string> = new Set([
  "cho", "em", "e", "anh", "chi", "minh", "toi", "tui", "lay", "mua", "dat", "chot", "order", "can",
  "muon", "xin", "them", "da", "vang", "ok", "oke", "ship", "giup", "dum", "ban", "shop", "oi", "ad",
].map(squeeze));
const TRAILING: ReadonlySet<string> = new Set([
  "nha", "nhe", "nhen", "nghe", "nhoa", "a", "ak", "ah", "thoi", "shop", "oi", "ad", "luon", "lun", "di",
  "ne", "voi", "em", "anh", "chi", "minh", "ban", "thanks", "thank", "you", "tks", "please", "pls", "plz",
].map(squeeze));
const NEUTRAL_PUNCT: ReadonlySet<string> = new Set(["(", ")", ":", "="]);

/** True for a unit word that may follow a quantity ("hộp", "kg", "phần", "box"), in folded form. */
export function isQuantityUnit(word: string | undefined): boolean {
  return word !== undefined && UNITS.has(word);
}

/** True for a multiplication sign used as "times": x, ×, ✖, *. */
export function isTimesMarker(word: string | undefined): boolean {
  return word !== undefined && TIMES.has(word);
}

/** How many tokens at `start` form a quantity marker ("x", "*", "sl", "số lượng:"), 0 if none. */
export function readQuantityMarker(words: readonly string[], start: number): number {
  const word = words[start];
  let length = 0;
  if (word !== undefined && (TIMES.has(word) || word === "sl" || word === "qty" || word === "quantity")) length = 1;
  else if (word === "so" && words[start + 1] === "luong") length = 2;
  else return 0;
  const after = words[start + length];
  return after === ":" || after === "=" ? length + 1 : length;
}

/** Reads one quantity (digits or number words) from folded tokens at `start`, or null if there is none. */
export function readQuantity(words: readonly string[], start: number): QuantityRead | null {
  const word = words[start];
  if (word === undefined) return null;
  if (/^\d/.test(word)) return readDigits(words, start);
  return readVietnameseWords(words, start) ?? readEnglishWords(words, start);
}

/** Splits folded text into the tokens the readers expect: numbers, words, and a few signs. */
export function tokenizeQuantity(folded: string): string[] {
  return folded.match(/\d+(?:[.,]\d+)*|\p{L}+|[×✖*:=()]/gu) ?? [];
}

/** Reads a quantity answer ("2", "x2", "hai phần", "mười hai", "2 hộp nha") as a whole number from 1 to max. */
export function parseQuantity(text: string, opts: { max?: number } = {}): Result<number, QuantityError> {
  // A cap is a whole number the caller can store: Infinity or NaN fall back to the safe limit.
  const max = opts.max !== undefined && opts.max >= 1 ? Math.min(Math.floor(opts.max), Number.MAX_SAFE_INTEGER) : DEFAULT_MAX;
  const folded = foldText(text);
  if (folded === "") return fail("empty");
  // Far longer than any answer; refusing early keeps pathological input cheap (5,000 digits still parse as too large).
  if (folded.length > 10_000) return fail("not_a_number");
  // A minus sign never means anything good here: "-2" is not a quantity (and never negative).
  if (/[-−–]\s*\d/.test(folded)) return fail("not_a_number");
  if (/\d\s*\/\s*\d/.test(folded)) return fail("not_whole");

  const words = tokenizeQuantity(folded);
  let i = 0;
  for (;;) {
    const word = words[i];
    if (word === undefined) break;
    const marker = readQuantityMarker(words, i);
    if (marker > 0) i += marker;
    else if (LEADING.has(squeeze(word)) || NEUTRAL_PUNCT.has(word)) i++;
    else break;
  }
  const read = readQuantity(words, i);
  if (!read) return fail("not_a_number");
  let j = read.end;
  if (isTimesMarker(words[j])) j++;
  if (isQuantityUnit(words[j])) j++;
  while (j < words.length && (TRAILING.has(squeeze(words[j] ?? "")) || NEUTRAL_PUNCT.has(words[j] ?? ""))) j++;
  if (j < words.length) return fail("not_a_number");

  if (read.kind === "fraction") return fail("not_whole");
  if (read.value === 0) return fail("zero");
  if (read.value > max) return fail("too_large");
  return ok(read.value);
}

/** Undoes stretched typing for word-list lookups: "nhaaa" → "nha", "okkk" → "ok"; lists are squeezed the same way. */
export function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, "$1");
}

function readDigits(words: readonly string[], start: number): QuantityRead | null {
  const word = words[start] ?? "";
  let end = start + 1;
  let value: number;
  if (/^\d+$/.test(word)) {
    // Number() of 5,000 digits is Infinity, which the caller reports as too large.
    value = Number(word);
  } else if (/^\d{1,3}(?:\.\d{3})+$/.test(word) || /^\d{1,3}(?:,\d{3})+$/.test(word)) {
    value = Number(word.replace(/[.,]/g, ""));
  } else if (/^\d+[.,]0+$/.test(word)) {
    value = Number(word.replace(/[.,]0+$/, ""));
  } else if (/^\d+[.,]\d+$/.test(word)) {
    return { kind: "fraction", end };
  } else {
    return null;
  }
  // "2 chục" = 20, "1 rưỡi" = 1.5.
  if (words[end] === "chuc") {
    value *= 10;
    end++;
    if (words[end] === "ruoi") return { kind: "whole", value: value + 5, end: end + 1 };
  } else if (words[end] === "ruoi") {
    return { kind: "fraction", end: end + 1 };
  }
  return { kind: "whole", value, end };
}

function readVietnameseWords(words: readonly string[], start: number): QuantityRead | null {
  const word = words[start];
  const next = words[start + 1];
  if (word === "khong") return { kind: "whole", value: 0, end: start + 1 };
  if (word === "ruoi") return { kind: "fraction", end: start + 1 };
  if (word === "nua") {
    // "nửa chục" is five; "nửa" alone is a half.
    return next === "chuc" ? { kind: "whole", value: 5, end: start + 2 } : { kind: "fraction", end: start + 1 };
  }
  if (word === "chuc") return readDozenTail(10, words, start + 1);
  if (word === "muoi") return readTensTail(10, words, start + 1);
  if (word === "tram") return readHundredTail(100, words, start + 1);
  const digit = word === undefined ? undefined : ONES.get(word);
  if (digit === undefined) return null;
  if (next === "muoi" && digit >= 2) return readTensTail(digit * 10, words, start + 2);
  if (next === "chuc") return readDozenTail(digit * 10, words, start + 2);
  if (next === "tram") return readHundredTail(digit * 100, words, start + 2);
  if (next === "ruoi") return { kind: "fraction", end: start + 2 };
  const short = next === undefined ? undefined : ONES_SHORT_TENS.get(next);
  if (short !== undefined && digit >= 2) return { kind: "whole", value: digit * 10 + short, end: start + 2 };
  return { kind: "whole", value: digit, end: start + 1 };
}

// After "mươi"/"mười": an optional ones word ("hai mươi lăm", "mười mốt").
function readTensTail(tens: number, words: readonly string[], at: number): QuantityRead {
  const word = words[at];
  const ones = word === undefined ? undefined : ONES_AFTER_TENS.get(word);
  return ones === undefined ? { kind: "whole", value: tens, end: at } : { kind: "whole", value: tens + ones, end: at + 1 };
}

// "chục" counts tens; "chục rưỡi" is fifteen, "hai chục rưỡi" twenty-five.
function readDozenTail(tens: number, words: readonly string[], at: number): QuantityRead {
  return words[at] === "ruoi" ? { kind: "whole", value: tens + 5, end: at + 1 } : { kind: "whole", value: tens, end: at };
}

// "hai trăm", "một trăm linh năm", "hai trăm rưỡi": only so large numbers are reported as too large.
function readHundredTail(hundreds: number, words: readonly string[], at: number): QuantityRead {
  const word = words[at];
  if (word === "ruoi") return { kind: "whole", value: hundreds + 50, end: at + 1 };
  if (word === "linh" || word === "le") {
    const ones = ONES.get(words[at + 1] ?? "");
    if (ones !== undefined) return { kind: "whole", value: hundreds + ones, end: at + 2 };
  }
  const rest = readVietnameseWords(words, at);
  // "hai trăm hai" is said for 220, like "một triệu hai".
  if (rest?.kind === "whole" && rest.value >= 1 && rest.value < 100) {
    return { kind: "whole", value: hundreds + (rest.value < 10 ? rest.value * 10 : rest.value), end: rest.end };
  }
  return { kind: "whole", value: hundreds, end: at };
}

function readEnglishWords(words: readonly string[], start: number): QuantityRead | null {
  const word = words[start] ?? "";
  if (word === "half") return { kind: "fraction", end: start + 1 };
  const small = EN_ONES.get(word);
  if (small !== undefined) return { kind: "whole", value: small, end: start + 1 };
  const tens = EN_TENS.get(word);
  if (tens === undefined) return null;
  // "twenty one" and "twenty-one" (the comment tokenizer keeps the hyphen as its own token).
  const at = words[start + 1] === "-" ? start + 2 : start + 1;
  const ones = EN_ONES.get(words[at] ?? "");
  if (ones !== undefined && ones >= 1 && ones <= 9) return { kind: "whole", value: tens + ones, end: at + 1 };
  return { kind: "whole", value: tens, end: start + 1 };
}
