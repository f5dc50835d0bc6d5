import { fail, ok, type Result } from "../../src/result";
import { readComment } from "./comment/read-comment";
import { vocabularyFor } from "./comment/vocabulary";

// The comment reader for a catalog known only by its codes (a live's item list, older callers):
// items and quantities, options dropped. The full reading (names, options, phone, note, an answer
// for what cannot be read) is readComment over the shop's vocabulary.

export type CommentOrder = { items: { code: string; qty: number }[] };
export type CommentOrderError = "not_an_order" | "unknown_code";

/** Reads a group comment as an order for the shop's codes ("chốt B1 x2, B3 một"), or says why it is not one. */
export function parseCommentOrder(text: string, codes: readonly string[], opts: { impliedCode?: string } = {}): Result<CommentOrder, CommentOrderError> {
  const vocab = vocabularyFor(codes.map((code) => ({ code, name: "", unit: "" })));
  const read = readComment(text, vocab, opts);
  if (!read.ok) return fail(read.reason.kind === "unclear" && read.reason.why === "unknown_code" ? "unknown_code" : "not_an_order");
  const totals = new Map<string, number>();
  for (const item of read.value.items) totals.set(item.code, (totals.get(item.code) ?? 0) + item.qty);
  if ([...totals.values()].some((q) => q > 99)) return fail("not_an_order");
  return ok({ items: [...totals].map(([code, qty]) => ({ code, qty })) });
}
