import type { Reply } from "../../src/chat/types";
import type { Live } from "../../src/db/schema";
import { rememberDeliveryDetails, upsertBuyer } from "../../src/domain/buyers/buyers";
import { bumpLive } from "../../src/domain/live/lives";
import { ensureLiveOrder, recordLiveLine, removeLiveItem, reserveLiveItem, syncLiveOrder } from "../../src/domain/live/live-orders";
import { liveOrderOfBuyer } from "../../src/domain/live/buyer-live-order";
import { liveItemCodes } from "../../src/domain/live/live-items";
import { isRepeatLiveComment } from "../../src/domain/live/recent-comments";
import { addLiveAnswer } from "../../src/domain/live/live-answers";
import { setLiveDraftPhone } from "../../src/domain/live/live-draft-details";
import { joinLiveWaitlist } from "../../src/domain/live/live-waitlist";
import { renewDraftHold } from "../../src/domain/orders/hold-expiry";
import { setDraftNote } from "../../src/domain/orders/draft-note";
import { foldText } from "../../src/text/normalize";
import { loadCatalog } from "../../src/domain/catalog/catalog";
import { commentAnswer } from "../comment/answer";
import { commentLineLabel } from "../comment/line-label";
import { correctionReply, correctLastComment } from "../comment/correct-comment";
import { readComment } from "../parse/comment/read-comment";
import { catalogVocabulary } from "../parse/comment/catalog-vocabulary";
import { findVietnamesePhone } from "../parse/phone";
import type { GroupContext } from "../group-context";
import type { Comment } from "../comment/take-comment";
import { parseRemoval } from "./parse-removal";

export interface LiveCommentOutcome {
  /** What to tell the buyer privately (only if they have started the bot). */
  private: Reply[];
  /** The comment carried a phone number: delete it from the group (where the bot may). */
  deleteComment: boolean;
}

// The same words from the same person within this long count once (a double tap, a resend).
const REPEAT_WINDOW_MS = 10_000;

async function isRepeat(ctx: GroupContext, live: Live, userId: string, text: string): Promise<boolean> {
  return isRepeatLiveComment(ctx.store, live.id, userId, foldText(text).slice(0, 120), ctx.now, REPEAT_WINDOW_MS);
}

/**
 * A comment during a live: every comment of a buyer adds to their one order for this live
 * ("A1 2" after "A1 1" holds 3; "huỷ A1" gives A1 back), within the live's caps and real stock.
 * Nothing is answered in the group (the live summary shows it all); a phone number typed in the
 * group is kept for the order and the message removed.
 */
export async function takeLiveComment(ctx: GroupContext, live: Live, comment: Comment): Promise<LiveCommentOutcome> {
  const outcome: LiveCommentOutcome = { private: [], deleteComment: false };
  const phone = findVietnamesePhone(comment.text);
  const buyer = await upsertBuyer(ctx.store, ctx.channel, comment.from.id, comment.from.name, ctx.now);
  const name = comment.from.username ? `@${comment.from.username}` : comment.from.name;
  if (phone) {
    await rememberDeliveryDetails(ctx.store, buyer.id, { phone });
    await setLiveDraftPhone(ctx.store, live.id, buyer.id, phone);
    outcome.deleteComment = true;
    outcome.private.push({ text: ctx.t.livePhoneKept({ phone }) });
  }
  if (await isRepeat(ctx, live, comment.from.id, comment.text)) return outcome;

  const items = await liveItemCodes(ctx.store, live.id);
  const codes = items.map((i) => i.code);
  const removal = parseRemoval(comment.text, codes);
  // Only the live's items can be ordered, by code or by name, with their options.
  const vocab = catalogVocabulary((await loadCatalog(ctx.store, ctx.shop.id)).filter((p) => codes.includes(p.code)), ctx.shop.name);
  const parsed = removal ? undefined : readComment(comment.text, vocab, comment.impliedCode ? { impliedCode: comment.impliedCode } : {});
  if (!removal && parsed && !parsed.ok && parsed.reason.kind === "correction") {
    // "thôi lấy 1 thôi" in a live: the buyer's live order, when it holds one item.
    const held = await liveOrderOfBuyer(ctx.store, live.id, buyer.id);
    const result = held?.status === "draft" ? await correctLastComment(ctx.store, { orderId: held.id }, parsed.reason.qty, ctx.now) : { kind: "none" as const };
    if (held && result.kind === "changed") {
      await syncLiveOrder(ctx.store, held.id, ctx.now);
      await bumpLive(ctx.store, live.id);
    }
    const reply = correctionReply(ctx.t, result, buyer.private_chat_id ? "" : name, codes[0] ?? "A1");
    await answerInLive(ctx, live, outcome, buyer.private_chat_id, reply.text);
    return outcome;
  }
  if (!removal && parsed && !parsed.ok) {
    // Privately the buyer is "you"; in the group's message they are named.
    const answer = commentAnswer(ctx.t, parsed.reason, vocab, buyer.private_chat_id ? "" : name);
    await answerInLive(ctx, live, outcome, buyer.private_chat_id, answer);
    return outcome;
  }

  const order = await ensureLiveOrder(ctx.store, ctx.shop, live, buyer, name, ctx.now);
  if (order.status !== "draft") {
    outcome.private.push({ text: ctx.t.liveAlreadyCheckedOut({ code: order.code }) });
    return outcome;
  }
  const productOf = (code: string) => items.find((i) => i.code === code)?.product_id ?? 0;
  const held: string[] = [];
  const waiting: string[] = [];
  if (removal) {
    for (const code of removal) await removeLiveItem(ctx.store, order.id, productOf(code), ctx.now);
  } else if (parsed?.ok) {
    if (parsed.value.note) await appendNote(ctx, order.id, order.note, parsed.value.note);
    for (const item of parsed.value.items) {
      const result = await reserveLiveItem(ctx.store, live.id, order.id, productOf(item.code), item.qty, ctx.now);
      if (result === true) {
        await recordLiveLine(ctx.store, order.id, productOf(item.code), item.options, item.qty);
        held.push(commentLineLabel(item));
      }
      else if (result === "buyer_cap") outcome.private.push({ text: ctx.t.liveBuyerCap({ code: item.code }) });
      else {
        waiting.push(item.code);
        await joinLiveWaitlist(ctx.store, { liveId: live.id, productId: productOf(item.code), buyerId: buyer.id, userId: comment.from.id, displayName: name, qty: item.qty }, ctx.now);
      }
    }
  }
  await syncLiveOrder(ctx.store, order.id, ctx.now);
  // Each change gives the buyer a full hold time again to finish.
  await renewDraftHold(ctx.store, order.id, new Date(ctx.now.getTime() + ctx.shop.live_hold_minutes * 60_000));
  await bumpLive(ctx.store, live.id);
  if (held.length) {
    outcome.private.push({ text: ctx.t.liveHeld({ items: held.join(", "), minutes: ctx.shop.live_hold_minutes }), buttons: [{ label: ctx.t.btnFinishOrder, action: `live:${live.id}` }] });
  }
  if (waiting.length) outcome.private.push({ text: ctx.t.liveWaiting({ codes: waiting.join(", ") }) });
  return outcome;
}

/**
 * A comment that tried to order and cannot be read gets its answer privately when the buyer has
 * started the bot, otherwise in the live's one group message (the group stays readable).
 */
async function answerInLive(ctx: GroupContext, live: Live, outcome: LiveCommentOutcome, privateChatId: string | null, answer: string | undefined): Promise<void> {
  if (!answer) return;
  if (privateChatId) {
    outcome.private.push({ text: answer });
    return;
  }
  await addLiveAnswer(ctx.store, live.id, answer, ctx.now);
  await bumpLive(ctx.store, live.id);
}

/** Adds what the buyer said of delivery ("giao xóm 2", "lấy lúc 11h") to the order's note, once. */
async function appendNote(ctx: GroupContext, orderId: number, current: string | null, note: string): Promise<void> {
  if (current?.includes(note)) return;
  const next = (current ? `${current}; ${note}` : note).slice(0, 500);
  await setDraftNote(ctx.store, orderId, next);
}
