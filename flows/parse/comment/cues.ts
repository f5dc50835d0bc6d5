import { squeeze } from "../quantity";
import type { ItemAcc } from "./reading-types";
import type { Token } from "./tokens";
import {
  MARKED_NOT_ORDER, MARKED_PAST_PAIRS, MARKED_QUESTION_ENDINGS, NOT_ORDER_PAIRS, NOT_ORDER_WORDS, PAST_PAIRS, QUESTION_ENDINGS, TAIL_NOT_ORDER_PAIRS,
  TRAILING_POLITENESS,
} from "./words";

// The signs that a comment asks, cancels or reports instead of ordering.

// "đã" (already) turns a comment into a report of a past order; only the marked spelling is safe to
// read, since unmarked "da" is usually the polite "dạ".
export const ALREADY = /(?:^|[^\p{L}])đã(?![\p{L}])/u;

/** The index of the first token that makes the body a question, a cancellation or a report, or -1. */
export function notOrderCue(body: readonly Token[]): number {
  const words = body.map((t) => (t.kind === "word" ? squeeze(t.text) : t.kind === "punct" ? t.text : ""));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    if (w === "?" || NOT_ORDER_WORDS.has(w) || MARKED_NOT_ORDER.has(body[i]?.raw.toLowerCase() ?? "")) return i;
    if (NOT_ORDER_PAIRS.some(([a, b]) => w === a && words[i + 1] === b)) return i;
    const typed = body[i]?.raw.toLowerCase();
    if (MARKED_PAST_PAIRS.some(([a, b]) => typed === a && body[i + 1]?.raw.toLowerCase() === b)) return i;
  }
  // The last word before trailing politeness; a code, a number or an option ends an order.
  for (let i = body.length - 1; i >= 0; i--) {
    const t = body[i];
    if (!t || t.kind === "punct" || t.kind === "price") continue;
    if (t.kind !== "word") return -1;
    const w = squeeze(t.text);
    if (MARKED_QUESTION_ENDINGS.has(t.raw.toLowerCase())) return i;
    if (!TRAILING_POLITENESS.has(w)) return QUESTION_ENDINGS.has(w) ? i : -1;
  }
  return -1;
}

/** After the items: "rồi", "đã" or "chưa thấy" make it a report of an order, not a new one. */
export function hasTailCue(tail: readonly Token[]): boolean {
  const words = tail.map((t) => (t.kind === "word" ? squeeze(t.text) : ""));
  if (words.includes("roi") || tail.some((t) => t.raw.toLowerCase() === "đã")) return true;
  return words.some((w, i) => TAIL_NOT_ORDER_PAIRS.some(([a, b]) => w === a && words[i + 1] === b));
}

/** "hôm qua", "tối qua", "năm ngoái": anywhere in the comment, it reports an order. */
export function hasPastTime(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    const next = tokens[i + 1];
    if (t.kind !== "word" || next?.kind !== "word") return false;
    // "chiều qua lấy" is this afternoon's pick-up, not yesterday afternoon.
    const after = tokens[i + 2];
    const pickUp = after?.kind === "word" && (after.text === "lay" || after.text === "nhan");
    return PAST_PAIRS.some(([a, b]) => t.text === a && next.text === b) || (!pickUp && MARKED_PAST_PAIRS.some(([a, b]) => t.raw.toLowerCase() === a && next.raw.toLowerCase() === b));
  });
}

/** The last token index an item or one of its quantities stands at. */
export function lastOrderToken(items: readonly ItemAcc[]): number {
  let last = -1;
  for (const item of items) {
    last = Math.max(last, item.at);
    for (const a of item.atoms) last = Math.max(last, a.end - 1);
  }
  return last;
}
