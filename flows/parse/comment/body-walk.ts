import { hasQty, type BodyReading } from "./reading-types";
import type { Token } from "./tokens";
import type { CommentVocabulary } from "./vocabulary";
import { takeCorrection, takeMarkedCorrection } from "./walk-corrections";
import { takeItem, takeOption } from "./walk-items";
import { takeEach, takeQuantity, takeSize } from "./walk-quantities";
import { startWalk, type Step } from "./walk-state";
import { takeLooseWord, takeSeparator } from "./walk-words";

// The body (the comment up to its details) read left to right, strictly: codes or names, their
// quantities and options, corrections, "mỗi loại", order words and politeness. Each token is read
// by the first of these that takes it; the last one always does.

/** A price the buyer repeats ("85k") is read past. */
const takePrice: Step = (_w, t, i) => (t.kind === "price" ? i + 1 : null);

const STEPS: readonly Step[] = [takeItem, takePrice, takeMarkedCorrection, takeOption, takeEach, takeCorrection, takeSize, takeQuantity, takeSeparator, takeLooseWord];

export function readBody(body: readonly Token[], vocab: CommentVocabulary): BodyReading {
  const w = startWalk(body, vocab);
  for (let i = 0; i < body.length; ) {
    const t = body[i];
    if (!t) break;
    let next: number | null = null;
    for (const step of STEPS) {
      next = step(w, t, i);
      if (next !== null) break;
    }
    i = next ?? i + 1;
  }
  const { items, each, conflict, sizeOrQuantity } = w;
  if (each) for (const item of items) if (!hasQty(item)) item.atoms.push({ ...each, each: true });
  return { items, loose: w.loose, pending: w.pending, bad: w.bad, each: each !== undefined, ...(conflict ? { conflict } : {}), ...(sizeOrQuantity ? { sizeOrQuantity } : {}) };
}
