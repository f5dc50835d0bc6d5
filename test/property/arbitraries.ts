import fc from "fast-check";

// Shared text generators for the property tests: the kinds of strings buyers (and attackers) send.

/** Every UTF-16 code unit, lone surrogates included: what a broken client or a sliced string can carry. */
export const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Emoji (with ZWJ sequences, flags, variation selectors) and the combining marks Vietnamese uses. */
export const emojiOrMark = fc.constantFrom(
  "😀", "👍", "👎", "✅", "❌", "🇻🇳", "👨‍👩‍👧", "❤️", "🔥", "✖", "×",
  "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031B", "\u200D", "\uFE0F", "\u200B",
  "a", "e", "o", "u", "1", "2", " ", "\n",
);

/** Vietnamese words, numbers, codes and fillers: text close to what a parser understands. */
export const vietnameseWord = fc.constantFrom(
  "chốt", "chot", "lấy", "mua", "đặt", "cho", "em", "anh", "chị", "ạ", "nha", "nhé", "shop", "ơi", "hộp", "phần",
  "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "lăm", "mốt", "tư", "chục", "rưỡi",
  "nửa", "trăm", "không", "có", "ok", "đúng", "rồi", "vâng", "dạ", "huỷ", "gà", "nướng", "cơm", "bún", "chả", "cá",
  "Đà", "Nẵng", "số", "lượng", "x", "×", "*", "B1", "b2", "A1", "#B3", "Z9", "0912345678", "+84", "912", "345", "678",
  "1", "2", "12", "99", "100", "1.000", "1,5", "k", "tr", "triệu", "nghìn", "đ", "₫", "VND", "-", "+", ",", ":", "?",
  "０", "１２", "Ｂ１", "😀", "👍",
);

/** Sentences of those words, NFC or NFD, any case. */
export const vietnameseText = fc
  .tuple(
    fc.array(vietnameseWord, { maxLength: 12 }),
    fc.constantFrom(" ", "  ", ", ", "\n", "\t", ""),
    fc.constantFrom("NFC", "NFD") as fc.Arbitrary<"NFC" | "NFD">,
    fc.constantFrom("keep", "upper", "lower"),
  )
  .map(([words, sep, form, kase]) => {
    const joined = words.join(sep).normalize(form);
    return kase === "upper" ? joined.toUpperCase() : kase === "lower" ? joined.toLowerCase() : joined;
  });

/** Any string at all, from several distributions, up to a few hundred characters. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: utf16Unit, maxLength: 60 }),
  fc.string({ unit: emojiOrMark, maxLength: 60 }),
  fc.string({ unit: fc.constantFrom("0", "1", "9", " ", ".", ",", "-", "+", "(", ")", "x", "k", "０", "９"), maxLength: 40 }),
  vietnameseText,
);

/** Strings of 10,000 to 20,000 UTF-16 units, built by repeating a random (possibly weird) chunk. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 30 }),
      fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
      fc.string({ unit: emojiOrMark, minLength: 1, maxLength: 30 }),
      fc.string({ unit: fc.constantFrom("0", "9", " ", "."), minLength: 1, maxLength: 30 }),
      vietnameseText.filter((s) => s.length > 0),
    ),
    fc.integer({ min: 10_000, max: 20_000 }),
  )
  .map(([chunk, length]) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length));

/** ASCII digits replaced by their full-width forms (U+FF10–FF19). */
export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 48));
}

/** Vietnamese with its diacritics (and đ) removed, as people type without an IME. */
export function stripDiacritics(s: string): string {
  return s.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}
