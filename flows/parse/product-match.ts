import { foldText } from "../../src/text/normalize";

export type ProductMatch<T> = { kind: "one"; product: T } | { kind: "many"; products: T[] } | { kind: "none" };

// Words a buyer puts around a product name that are not part of it: "cho em gà nướng nha".
const LEADING: ReadonlySet<string> = new Set([
  "cho", "em", "e", "anh", "chi", "minh", "toi", "tui", "lay", "mua", "dat", "mon", "chot", "order", "xin",
  "them", "muon", "can", "shop", "oi", "ad", "da", "vang", "ok",
]);
const TRAILING: ReadonlySet<string> = new Set([
  "nha", "nhe", "nhen", "a", "ak", "ah", "voi", "di", "shop", "oi", "ad", "luon", "ne", "thoi", "em", "anh", "chi",
]);
// A product name is never this long; longer text is a message, not a choice.
const MAX_FOLDED = 200;
const MAX_WORDS = 12;
// A query word shorter than this must match a whole name word: "ga" must not find "gạo".
const MIN_PREFIX = 3;

/** Finds the product a buyer means by code ("A1", "#a1", "Ａ１") or name ("ga nuong"), best matches first. */
export function matchProduct<T extends { code: string; name: string }>(text: string, products: readonly T[]): ProductMatch<T> {
  const folded = foldText(text);
  if (folded === "" || folded.length > MAX_FOLDED) return { kind: "none" };
  const raw = words(folded);
  if (raw.length === 0 || raw.length > MAX_WORDS) return { kind: "none" };
  const stripped = stripFillers(raw);
  // The unstripped form is tried too, for codes and names that begin with a filler word ("E1", "Mua hè").
  const queries = stripped.length > 0 && stripped.join(" ") !== raw.join(" ") ? [stripped, raw] : [raw];

  for (const query of queries) {
    const key = query.join("");
    const byCode = products.filter((p) => codeKey(p.code) === key && key !== "");
    if (byCode.length > 0) return result(byCode);
  }
  for (const query of queries) {
    const name = query.join(" ");
    const byName = products.filter((p) => words(foldText(p.name)).join(" ") === name);
    if (byName.length > 0) return result(byName);
  }
  for (const query of queries) {
    const scored = products
      .map((product, index) => ({ product, index, ...scoreName(query, words(foldText(product.name))) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.extra - b.extra || a.index - b.index);
    if (scored.length > 0) return result(scored.map((s) => s.product));
  }
  return { kind: "none" };
}

function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function codeKey(code: string): string {
  return words(foldText(code)).join("");
}

function stripFillers(query: readonly string[]): string[] {
  let start = 0;
  let end = query.length;
  while (start < end && LEADING.has(query[start] ?? "")) start++;
  while (end > start && TRAILING.has(query[end - 1] ?? "")) end--;
  return query.slice(start, end);
}

// Every query word must match a name word, whole (2 points) or as a prefix of at least 3 letters (1).
// Ties go to the name with fewer words the buyer did not type.
function scoreName(query: readonly string[], name: readonly string[]): { score: number; extra: number } {
  let score = 0;
  for (const word of query) {
    if (name.includes(word)) score += 2;
    else if (word.length >= MIN_PREFIX && name.some((n) => n.startsWith(word))) score += 1;
    else return { score: 0, extra: 0 };
  }
  return { score, extra: Math.max(0, name.length - query.length) };
}

function result<T>(found: T[]): ProductMatch<T> {
  const [only] = found;
  if (found.length === 1 && only !== undefined) return { kind: "one", product: only };
  return { kind: "many", products: found };
}
