import { squeeze } from "../quantity";
import { isItem, type ItemAcc, type Qty } from "./reading-types";
import { qtyAt, type Step } from "./walk-state";
import { CORRECTION_PAIRS, CORRECTION_WORDS, FILLERS, MARKED_CORRECTIONS, VERBS } from "./words";

// A correction replaces what came just before: "A2 2 à nhầm 1", "A5 3, sửa lại 2", "size M à không
// L", "A1 à nhầm A2".

/** "lộn 2" after an item ("lộn" folds like an option's name, "lớn"): the item's quantity is 2. */
export const takeMarkedCorrection: Step = (w, t, i) => {
  if (t.kind !== "option" || !MARKED_CORRECTIONS.has(t.raw.toLowerCase()) || w.items.length === 0) return null;
  const q = qtyAt(w, i + 1);
  const last = w.items[w.items.length - 1];
  if (!q || !last) return null;
  correctQuantity(last, q.qty);
  return q.end;
};

export const takeCorrection: Step = (w, t, i) => {
  const { body, words, items } = w;
  const correction = MARKED_CORRECTIONS.has(t.raw.toLowerCase()) && items.length > 0 ? 1 : correctionLength(words, i, items.length > 0);
  if (correction <= 0) return null;
  let j = i + correction;
  while (j < body.length && ((body[j]?.kind === "word" && (VERBS.has(squeeze(words[j] ?? "")) || FILLERS.has(squeeze(words[j] ?? "")) || words[j] === "thanh")) || (body[j]?.kind === "punct" && [",", ":", "-"].includes(words[j] ?? "")))) j++;
  const q = qtyAt(w, j);
  const last = items[items.length - 1];
  const option = body[j];
  if (option?.kind === "option" && last) {
    // "size M à không L": the option is corrected, the quantity stays.
    const ref = option.target.refs.find((r) => last.codes?.includes(r.code));
    const previous = ref ? last.atoms.map((a) => (a.kind === "o" && a.refs.some((r) => r.code === ref.code && r.group === ref.group) ? "x" : "")).lastIndexOf("x") : -1;
    if (ref && previous >= 0) {
      last.atoms[previous] = { kind: "o", refs: [ref], raw: option.raw, end: j + 1 };
      return j + 1;
    }
  }
  if (isItem(body[j])) {
    w.replaceNext = true;
    return j;
  }
  if (q && last) {
    correctQuantity(last, q.qty);
    return q.end;
  }
  return null;
};

/** The item's last quantity becomes this one (or this one is its first). */
function correctQuantity(item: ItemAcc, qty: Qty): void {
  const lastQ = item.atoms.map((a) => a.kind).lastIndexOf("q");
  if (lastQ >= 0) item.atoms[lastQ] = qty;
  else item.atoms.push(qty);
  item.corrected = true;
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
