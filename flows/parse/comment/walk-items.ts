import { isItem, type ItemAcc } from "./reading-types";
import type { Step } from "./walk-state";

/** A code or a product's name: a new item, or the one just named named again ("A1 cơm gà 2"). */
export const takeItem: Step = (w, t, i) => {
  if (t.kind !== "code" && t.kind !== "product") return null;
  const { body, current } = w;
  const item: ItemAcc =
    t.kind === "code"
      ? { at: i, codes: t.code ? [t.code] : null, key: t.key, hash: t.hash, weak: false, raw: t.raw, atoms: w.pending, corrected: false }
      : { at: i, codes: t.target.codes, key: t.raw, hash: false, weak: t.target.weak, raw: t.raw, atoms: w.pending, corrected: false };
  // "A1 cơm gà 2": the code and its own name are one item; a code and another item's name disagree.
  const before = body[i - 1];
  // The same product named again right after ("A1 cơm gà 2", "bộ ấm chén Bát Tràng", "tranh gà
  // Đông Hồ"): one item. A code and another product's name side by side disagree: asked.
  const near = current && !w.separated && w.pending.length === 0 && t.kind === "product" && (current.at === i - 1 || (current.at === i - 2 && body[i - 1]?.kind === "word"));
  if (current && near) {
    const same = (current.codes ?? []).some((c) => item.codes?.includes(c));
    if (same) {
      if ((item.codes?.length ?? 0) < (current.codes?.length ?? 0)) current.codes = item.codes;
      current.at = i;
      return i + 1;
    }
    if (current.at === i - 1 && isItem(before) && current.atoms.length === 0 && current.codes && item.codes && !item.weak) w.conflict = [...current.codes, ...item.codes];
  }
  if (w.replaceNext && w.items.length) w.items.pop();
  w.replaceNext = false;
  w.pending = [];
  w.items.push(item);
  w.current = item;
  w.separated = false;
  return i + 1;
};

/** An option belongs to the item before it, unless an item follows right after ("…, lớn A2"). */
export const takeOption: Step = (w, t, i) => {
  if (t.kind !== "option") return null;
  (w.current && !(w.separated && isItem(w.body[i + 1])) ? w.current.atoms : w.pending).push({ kind: "o", refs: t.target.refs, raw: t.raw, end: i + 1 });
  return i + 1;
};
