import type { Reply } from "../../src/chat/types";
import type { Store } from "../../src/db/store";
import type { Messages } from "../../src/i18n/messages";
import { lineOptions } from "../../src/domain/orders/line-text";
import { resizeHold } from "../../src/domain/stock/reservations";
import { latestDraftFromSource, linesWithStock, setLineQty } from "../../src/domain/orders/comment-correction";
import { commentLineLabel } from "./line-label";

export type Correction = { kind: "changed"; label: string } | { kind: "none" } | { kind: "no_stock"; code: string; left: number; unit: string };

/**
 * "thôi lấy 1 thôi" after "chốt A2 2": the buyer's last order from a comment in this chat, while it
 * is still a draft and holds one line, now holds the new quantity (stock given back or taken, all
 * or nothing). Several lines, or none, cannot be guessed: the caller asks which item.
 */
export async function correctLastComment(store: Store, o: { orderId: number }, qty: number, now: Date): Promise<Correction> {
  const lines = await linesWithStock(store, o.orderId);
  const line = lines[0];
  if (!line || lines.length !== 1) return { kind: "none" };
  if (!(await resizeHold(store, o.orderId, line.product_id, line.qty, qty))) return { kind: "no_stock", code: line.code, left: line.stock + line.qty, unit: line.unit };
  await setLineQty(store, o.orderId, line.product_id, qty, now);
  return { kind: "changed", label: commentLineLabel({ code: line.code, qty, options: lineOptions(line.options) }) };
}

/** The buyer's latest draft made by a comment in this chat, if any. */
export async function lastCommentDraft(store: Store, c: { channel: string; botId: string; chatId: string; buyerId: number }): Promise<number | undefined> {
  // A comment order's source key is comment:<channel>:<bot>:<chat>:<message> (takeComment).
  return latestDraftFromSource(store, c.buyerId, `comment:${c.channel}:${c.botId}:${c.chatId}:`);
}

/** The one line the buyer reads about a correction. */
export function correctionReply(t: Messages, result: Correction, who: string, example: string): Reply {
  if (result.kind === "changed") return { text: t.commentCorrected({ who, items: result.label }) };
  if (result.kind === "no_stock") return { text: t.commentCorrectNoStock({ who, code: result.code, left: result.left, unit: result.unit }) };
  return { text: t.commentCorrectWhich({ who, example }) };
}
