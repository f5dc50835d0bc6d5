import { foldText } from "../../../src/text/normalize";
import { squeeze } from "../quantity";
import type { CommentVocabulary, PhraseTarget } from "./vocabulary";
import { SHORTHANDS, TELEX_BASES, VERBS } from "./words";

// A comment cut into tokens, each keeping the text as typed (for the note and for "ignored") and its
// folded form (for matching). Codes, product names and option names are recognised here, longest
// first, so the grammar sees "item" and "option" tokens instead of loose words.

export type Token =
  | { kind: "code"; code: string | null; key: string; hash: boolean; raw: string; start: number; end: number }
  | { kind: "product"; target: Extract<PhraseTarget, { kind: "product" }>; raw: string; start: number; end: number }
  | { kind: "option"; target: Extract<PhraseTarget, { kind: "option" }>; raw: string; start: number; end: number }
  | { kind: "phone"; digits: string; raw: string; start: number; end: number }
  | { kind: "price"; raw: string; start: number; end: number }
  | { kind: "num" | "word" | "punct"; text: string; raw: string; start: number; end: number; glued: boolean };

const PHONE = "(?<![\\p{N}+])(?:\\+\\s?84|0084|84(?=[35789]\\d{8}(?!\\p{N}))|0)[ .-]?[35789]\\d(?:[ .-]?\\d){7}(?!\\p{N})";
// "85k", "250.000đ", "85 nghìn", "1tr2": a price the buyer repeats, never a quantity.
const PRICE = "(?<![\\p{L}\\p{N}])\\d+(?:[.,]\\d{3})*(?:[.,]\\d+)?\\s?(?:k|ka|nghìn|nghin|ngàn|ngan|đ|đồng|dong|vnđ|vnd|tr|triệu|trieu)(?![\\p{L}\\p{N}])";
const CODE_SHAPE = "(?<![\\p{L}\\p{N}])#?\\s?\\p{L}{1,3}\\d{1,3}(?![\\p{N}])(?!(?!x)\\p{L})";
const CODE_START = "(?:#\\s?|(?<![\\p{L}\\p{N}]))";
const CODE_END = "(?![\\p{N}])(?!(?!x)\\p{L})";

// One pattern per catalog (kept on the vocabulary): the shop's own codes first, in any spelling it uses.
const patterns = new WeakMap<CommentVocabulary, RegExp>();
function patternFor(vocab: CommentVocabulary): RegExp {
  const cached = patterns.get(vocab);
  if (cached) return cached;
  const known = vocab.codePattern ? `(?<known>${CODE_START}(?:${vocab.codePattern}))${CODE_END}|` : "";
  const built = new RegExp(known + PATTERN_TAIL, "gu");
  patterns.set(vocab, built);
  return built;
}

const PATTERN_TAIL = [
    `(?<phone>${PHONE})`,
    `(?<price>${PRICE})`,
    `(?<code>${CODE_SHAPE})`,
    "(?<num>\\d+(?:[.,]\\d+)*)",
    "(?<word>\\p{L}+)",
    "(?<minus>(?<=\\s)-(?=\\d))",
    "(?<punct>[?,+;&/|:=()*×✖.!-])",
  ].join("|");

/** Cuts a comment (any normal form) into tokens, with codes, names and options recognised. */
export function tokenizeComment(input: string, vocab: CommentVocabulary): { text: string; tokens: Token[] } {
  // NFKC: full-width letters and digits become ASCII ones; keycaps lose their frame ("2️⃣" → "2").
  const text = input.normalize("NFKC").replace(/[\r\n\u2028\u2029]+/g, " , ");
  const lower = text.toLowerCase();
  const raw: Token[] = [];
  let lastEnd = -1;
  for (const m of lower.matchAll(patternFor(vocab))) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const g = m.groups ?? {};
    const original = text.slice(start, end);
    const glued = start === lastEnd;
    lastEnd = end;
    if (g.phone !== undefined) raw.push({ kind: "phone", digits: g.phone.replace(/\D/g, "").replace(/^(?:84|0084)/, "0"), raw: original, start, end });
    else if (g.price !== undefined) raw.push({ kind: "price", raw: original, start, end });
    else if (g.known !== undefined || g.code !== undefined) {
      const found = g.known ?? g.code ?? "";
      const key = foldText(found).replace(/^#\s?/, "").replace(/\s/g, "");
      // "x2" and "sl3" are quantities, not codes: split them back (right after a code, even where
      // the shop sells an "X1").
      const afterCode = raw[raw.length - 1]?.kind === "code";
      if (/^(x|sl)\d+$/.test(key) && (afterCode || !vocab.codes.has(key)) && !found.startsWith("#")) {
        const letters = key.replace(/\d+$/, "");
        raw.push({ kind: "word", text: letters, raw: original.slice(0, letters.length), start, end: start + letters.length, glued });
        raw.push({ kind: "num", text: key.slice(letters.length), raw: original.slice(letters.length), start: start + letters.length, end, glued: true });
      } else raw.push({ kind: "code", code: vocab.codes.get(key) ?? null, key, hash: found.startsWith("#"), raw: original, start, end });
    } else if (g.num !== undefined) {
      // "chốtM8 2": an order word glued to a code ("chotm" + "8").
      const prev = raw[raw.length - 1];
      const split = glued && prev?.kind === "word" ? gluedCode(prev.text, g.num, vocab) : null;
      if (prev?.kind === "word" && split) {
        raw.pop();
        const cut = prev.start + split.verb.length;
        raw.push({ kind: "word", text: split.verb, raw: text.slice(prev.start, cut), start: prev.start, end: cut, glued: prev.glued });
        raw.push({ kind: "code", code: split.code, key: split.key, hash: false, raw: text.slice(cut, end), start: cut, end });
      } else raw.push({ kind: "num", text: g.num, raw: original, start, end, glued });
    } else if (g.word !== undefined) {
      const word = telex(foldText(g.word), g.word, vocab);
      // "cf sữa" is "cà phê sữa": a shorthand stands for its words (one span of text).
      const expanded = SHORTHANDS.get(word);
      if (expanded && !vocab.words.has(word)) for (const w of expanded) raw.push({ kind: "word", text: w, raw: original, start, end, glued });
      else raw.push({ kind: "word", text: word, raw: original, start, end, glued });
    }
    else if (g.minus !== undefined) raw.push({ kind: "num", text: "\u2212", raw: original, start, end, glued });
    else raw.push({ kind: "punct", text: m[0] === "×" || m[0] === "✖" ? m[0] : m[0], raw: original, start, end, glued });
  }
  return { text, tokens: matchPhrases(raw, vocab, text) };
}

// Telex typed without its conversion leaves the tone key after the word: "lays" (lấy), "phanf"
// (phần), "hopj" (hộp). Only a word with no marks of its own, that is no word we know, and that is
// one once the key is gone, is read that way.
function telex(folded: string, typed: string, vocab: CommentVocabulary): string {
  const known = (w: string) => TELEX_BASES.has(squeeze(w)) || vocab.words.has(w) || vocab.units.has(w);
  if (folded.length < 3 || typed.toLowerCase() !== folded || known(folded)) return folded;
  // The letters Telex doubles or follows with "w" for a mark ("dd" đ, "aa" â, "aw" ă, "ow" ơ), then
  // the tone key at the end: "laays" lấy, "khawn" khăn, "ddor" đỏ, "choost" chốt.
  const unmarked = folded.replace(/dd/g, "d").replace(/aa|ee|oo/g, (m) => m[0] ?? "").replace(/([aou])w/g, "$1");
  for (const candidate of [unmarked, unmarked.replace(/[sfrxj]$/, ""), unmarked.replace(/[sfrxj](?=[^aeiouy]*$)/, "")]) {
    if (candidate.length >= 2 && candidate !== folded && known(candidate)) return candidate;
  }
  return folded;
}

// Product names, aliases and option names over runs of words, longest first.
function matchPhrases(tokens: Token[], vocab: CommentVocabulary, text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i];
    if (t === undefined) break;
    // Names and options may start with a number ("500ml", "1 lít").
    const candidates = t.kind === "word" || t.kind === "num" ? (vocab.phrases.get(t.text) ?? []) : [];
    let matched = false;
    for (const phrase of candidates) {
      const end = phraseEnd(tokens, i, phrase.words);
      const last = end === null ? undefined : tokens[end - 1];
      if (end === null || !last) continue;
      // A name's closing bracket belongs to it: "lẩu cá tầm (4 người)".
      const close = tokens[end];
      const through = close?.kind === "punct" && close.text === ")" && tokens.slice(i, end).some((x) => x.kind === "punct" && x.text === "(") ? end + 1 : end;
      const lastToken = tokens[through - 1] ?? last;
      const span = { raw: text.slice(t.start, lastToken.end), start: t.start, end: lastToken.end };
      out.push(phrase.target.kind === "product" ? { kind: "product", target: phrase.target, ...span } : { kind: "option", target: phrase.target, ...span });
      i = through;
      matched = true;
      break;
    }
    if (!matched) {
      out.push(t);
      i++;
    }
  }
  return out;
}

// Where a phrase's words end if they follow from `at` (brackets and dashes between them are
// skipped, numbers match digits), or null.
function phraseEnd(tokens: readonly Token[], at: number, words: readonly string[]): number | null {
  let j = at;
  for (const word of words) {
    while (j > at && tokens[j]?.kind === "punct" && ["(", ")", "-"].includes((tokens[j] as { text: string }).text)) j++;
    const t = tokens[j];
    if (!t || (t.kind !== "word" && t.kind !== "num") || t.text !== word) return null;
    j++;
  }
  return j;
}

// An order word with a code glued to its end ("chotm" then "8" is "chot" and the code "m8").
function gluedCode(word: string, digits: string, vocab: CommentVocabulary): { verb: string; code: string; key: string } | null {
  for (let k = 1; k <= 3 && k < word.length; k++) {
    const key = word.slice(-k) + digits;
    const code = vocab.codes.get(key);
    const verb = word.slice(0, -k);
    if (code && VERBS.has(verb)) return { verb, code, key };
  }
  return null;
}
