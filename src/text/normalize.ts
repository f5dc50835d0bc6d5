// Two forms of any text a person types: a clean form to store and show, and a folded form to compare.

// Every way a line can end becomes "\n", so phones, Windows and old Macs all split lines the same.
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;
// A lone surrogate is not text: it breaks JSON, UTF-8 storage and later slicing, so it becomes U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls except "\n" (tabs are turned into spaces before this runs).
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
// Any run of horizontal whitespace (NBSP, ideographic space, BOM...) but never a newline.
const SPACES = /[^\S\n]+/g;

/** Cleans typed text for storage and display: NFC, no controls, tidy spaces and lines, at most maxLength code points. */
export function normalizeText(raw: string, maxLength = 2000): string {
  const limit = Number.isNaN(maxLength) ? 0 : Math.floor(maxLength);
  if (limit <= 0) return "";
  const text = raw
    .replace(LONE_SURROGATE, "\uFFFD")
    // Control characters go before NFC, so "e\u0000\u0301" composes to "é" in one pass.
    .replace(LINE_BREAK, "\n")
    .replace(/\t/g, " ")
    .replace(CONTROL, "")
    .normalize("NFC")
    .replace(SPACES, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    // One blank line is a paragraph break; more is noise (or an attempt to flood the chat).
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return capCodePoints(text, limit).trimEnd();
}

/** Folds text to its matching form: full-width to ASCII, no diacritics, đ→d, lower case, single spaces. */
export function foldText(s: string): string {
  return (
    s
      .normalize("NFKC")
      // Lower-case before decomposing: a few capitals (İ) lower-case to a letter plus a mark we then strip.
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      // đ has no decomposition; ð is what some keyboards and fonts produce for it.
      .replace(/[đð]/g, "d")
      .replace(/\s+/g, " ")
      .trim()
  );
}

// Cuts after `max` code points, never between the two halves of a surrogate pair.
function capCodePoints(s: string, max: number): string {
  if (s.length <= max) return s;
  let index = 0;
  for (let count = 0; count < max && index < s.length; count++) {
    const unit = s.charCodeAt(index);
    const next = s.charCodeAt(index + 1);
    index += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return s.slice(0, index);
}
