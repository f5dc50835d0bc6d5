import { fail, ok, type Result } from "../../../src/result";
import { checkedItems } from "./check-items";
import { detailStart, noteOf } from "./details";
import { orderLines } from "./lines";
import { namedItems } from "./named-items";
import type { CommentReading, CommentRefusal } from "./reading-types";
import { isRefused, refusals } from "./refusals";
import { screenBody } from "./screen";
import { tokenizeComment, type Token } from "./tokens";
import type { CommentVocabulary } from "./vocabulary";

export type { CommentReading, CommentRefusal, ReadItem, UnclearWhy } from "./reading-types";

// Order comments as buyers type them in a group or a live: "chốt A1 x2", "bún chả 2 bát", "A1 lớn 2",
// "A1 1 lớn 1 vừa", "A2 2 à nhầm 1", "A1 A2 mỗi thứ 1", "chốt A1 2 sđt 0912… giao xóm 2 Mường Than".
// The body (up to the first detail after an item) is read strictly: codes or names, quantities,
// options, order words and politeness. What follows (an address, a time, a question) becomes the
// note. A false order reserves stock nobody wants and a wrong one is worse than none, so anything
// doubtful is either chatter (no answer) or "unclear" (an answer asking for a form that works).
//
// The stages, each in its own file: tokens (tokens.ts), body and details (details.ts), the walk over
// the body (body-walk.ts and its walk-*.ts steps), the checks before and after it (screen.ts,
// named-items.ts, check-items.ts), and the lines (lines.ts).

const MAX_INPUT = 20_000;
const MAX_TOKENS = 150;

/** Reads a group comment against the shop's vocabulary: an order, chatter, or "unclear" with why. */
export function readComment(text: string, vocab: CommentVocabulary, opts: { impliedCode?: string } = {}): Result<CommentReading, CommentRefusal> {
  if (text.length > MAX_INPUT) return fail({ kind: "chatter", ignored: [] });
  const { text: normal, tokens: all } = tokenizeComment(text, vocab);
  if (all.length === 0 || all.length > MAX_TOKENS) return fail({ kind: "chatter", ignored: [] });
  const phone = all.find((t): t is Extract<Token, { kind: "phone" }> => t.kind === "phone")?.digits;
  const no = refusals(phone, all.filter((t) => t.kind === "price").map((t) => t.raw));
  const tokens = all.filter((t) => t.kind !== "phone");

  const split = detailStart(tokens);
  const tail = tokens.slice(split);
  const screened = screenBody(tokens.slice(0, split), tail, tokens, normal, vocab, no);
  if (isRefused(screened)) return screened;
  const named = namedItems(screened.body, screened.read, vocab, opts, no);
  if (isRefused(named)) return named;
  const items = checkedItems(named, screened.read, vocab, no);
  if (isRefused(items)) return items;
  const lines = orderLines(items, vocab, no);
  if (isRefused(lines)) return lines;

  const note = noteOf(normal, tail);
  return ok({ items: lines, ...no.withPhone, ...(note ? { note } : {}), ignored: no.ignored });
}
