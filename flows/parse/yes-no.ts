import { ok, fail, type Result } from "../../src/result";
import { foldText } from "../../src/text/normalize";

// Whole answers in folded form. A phrase must match entirely (after politeness is dropped), so
// "không đúng" is not read as "đúng" and "có không" stays unclear.
const YES_PHRASES = squeezedSet([
  "co", "co chu", "ok", "oke", "okie", "oki", "okay", "okey", "okela", "ok roi", "oke roi", "u", "uh", "uhm",
  "um", "uk", "dung", "dung roi", "dung vay", "dung the", "yes", "y", "yep", "yeah", "ya", "dong y",
  "xac nhan", "duoc", "duoc roi", "dc", "dc roi", "chuan", "chuan roi", "vang", "da", "roi", "chot",
  "chot luon", "chot don", "chac chan", "tat nhien", "sure", "confirm", "correct", "right", "of course",
]);
const NO_PHRASES = squeezedSet([
  "khong", "ko", "k", "kh", "hong", "hok", "hem", "khum", "no", "n", "nope", "nah", "thoi", "thoi khoi",
  "khoi", "khong can", "ko can", "k can", "khong can dau", "thoi khong can", "sai", "sai roi", "khong dung",
  "ko dung", "k dung", "khong phai", "ko phai", "chua", "huy", "cancel", "khong duoc", "ko duoc", "k duoc",
  "khong dc", "ko dc", "k dc", "thoi khong",
]);
// A repeated answer ("ok ok", "ko ko") means the same as one.
const YES_WORDS: ReadonlySet<string> = new Set([...YES_PHRASES].filter((p) => !p.includes(" ")));
const NO_WORDS: ReadonlySet<string> = new Set([...NO_PHRASES].filter((p) => !p.includes(" ")));
// Politeness that can trail any answer: "có ạ", "ok nha shop", "không em ơi".
const TRAILING = squeezedSet([
  "a", "nha", "nhe", "nhen", "nghe", "shop", "oi", "ad", "admin", "em", "anh", "chi", "ban", "minh", "ak",
  "ah", "luon", "lun", "ne", "thanks", "thank", "you", "tks", "please", "pls", "vay", "the",
]);
const YES_EMOJI = /👍|✅|👌|🆗|✔|☑/u;
const NO_EMOJI = /👎|❌|🚫|⛔|❎|✖/u;

/** Reads a yes/no answer ("có ạ", "ok nha", "ko", "👍") in Vietnamese or English, with or without diacritics. */
export function parseYesNo(text: string): Result<boolean, "unclear"> {
  const folded = foldText(text);
  // A yes or a no is a few words; a long message is something else.
  if (folded.length === 0 || folded.length > 80) return fail("unclear");
  const byEmoji = verdict(YES_EMOJI.test(folded), NO_EMOJI.test(folded));
  const words = (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map(squeeze);
  while (words.length > 1 && TRAILING.has(words[words.length - 1] ?? "")) words.pop();
  // "dạ"/"vâng" open a polite answer: "dạ có", "dạ không".
  if (words.length > 1 && (words[0] === "da" || words[0] === "vang")) words.shift();
  // "👍 ạ", "👌 nha shop": the emoji is the answer and the rest is politeness.
  if (byEmoji && words.every((w) => TRAILING.has(w))) return byEmoji;
  if (words.length === 0) return byEmoji ?? fail("unclear");
  const byWords = readWords(words);
  if (!byWords) return fail("unclear");
  if (byEmoji && byEmoji.value !== byWords.value) return fail("unclear");
  return byWords;
}

// "okkk" → "ok", "khongggg" → "khong": buyers stretch words; lists are squeezed the same way.
function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, "$1");
}

function squeezedSet(phrases: readonly string[]): ReadonlySet<string> {
  return new Set(phrases.map((p) => p.split(" ").map(squeeze).join(" ")));
}

function readWords(words: readonly string[]): { ok: true; value: boolean } | null {
  const phrase = words.join(" ");
  if (YES_PHRASES.has(phrase)) return ok(true);
  if (NO_PHRASES.has(phrase)) return ok(false);
  if (words.every((w) => YES_WORDS.has(w))) return ok(true);
  if (words.every((w) => NO_WORDS.has(w))) return ok(false);
  return null;
}

function verdict(yes: boolean, no: boolean): { ok: true; value: boolean } | null {
  return yes === no ? null : ok(yes);
}
