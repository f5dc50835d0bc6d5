import type { Reply } from "../../src/chat/types";
import { checkAvailability } from "../../src/domain/catalog/availability";
import { loadCatalog, type CatalogItem } from "../../src/domain/catalog/catalog";
import { rememberDeliveryDetails, upsertBuyer } from "../../src/domain/buyers/buyers";
import { newSecretToken } from "../../src/domain/orders/codes";
import { ensureClaimToken } from "../../src/domain/orders/claims";
import { createOrder } from "../../src/domain/orders/create-order";
import { priceCart, type CartLine } from "../../src/domain/orders/pricing";
import { catalogVocabulary } from "../parse/comment/catalog-vocabulary";
import { readComment, type ReadItem } from "../parse/comment/read-comment";
import { commentAnswer } from "./answer";
import { commentLineLabel } from "./line-label";
import { correctionReply, correctLastComment, lastCommentDraft } from "./correct-comment";
import type { GroupContext } from "../group-context";

export interface Comment {
  chatId: string;
  messageId: string;
  from: { id: string; name: string; username?: string };
  text: string;
  /** The item of the bot's post this comment replies to, if any ("chốt 2" under A1's post). */
  impliedCode?: string;
  /** The buyer has started the bot, so they can be written to privately. */
  privateChatId?: string;
}

export interface CommentOutcome {
  /** Short acknowledgement lines for the group (merged by the outbox into few messages). */
  group: Reply[];
  /** What to tell the buyer privately, if we can. */
  private: Reply[];
}

const NOTHING: CommentOutcome = { group: [], private: [] };

/** A buyer's name as the group knows them: @username where there is one. */
const who = (c: Comment) => (c.from.username ? `@${c.from.username}` : c.from.name || "Khách");

/** A comment's lines as cart lines: its options by id, for the same pricing as the guided order. */
export function cartFor(items: readonly ReadItem[], catalog: readonly CatalogItem[]): CartLine[] {
  return items.flatMap((i) => {
    const p = catalog.find((x) => x.code === i.code);
    if (!p) return [];
    const optionIds = i.options.flatMap((name) => p.optionGroups.flatMap((g) => g.options).filter((o) => o.name === name).map((o) => o.id).slice(0, 1));
    return [{ productId: p.id, optionIds, qty: i.qty }];
  });
}

/**
 * Order by comment: "chốt A1 x2" in a group reserves the stock at once, atomically, and hands the
 * buyer a private link to finish (address, phone, payment). Chatter gets no answer at all. The
 * comment's message id is the order's source key, so a redelivered update changes nothing.
 */
export async function takeComment(ctx: GroupContext, comment: Comment): Promise<CommentOutcome> {
  const catalog = await loadCatalog(ctx.store, ctx.shop.id);
  const vocab = catalogVocabulary(catalog, ctx.shop.name);
  const parsed = readComment(comment.text, vocab, comment.impliedCode ? { impliedCode: comment.impliedCode } : {});
  if (!parsed.ok && parsed.reason.kind === "correction") {
    // "thôi lấy 1 thôi": the buyer's last comment order here, if it is still a draft of one line.
    const buyer = await upsertBuyer(ctx.store, ctx.channel, comment.from.id, comment.from.name, ctx.now);
    const orderId = await lastCommentDraft(ctx.store, { channel: ctx.channel, botId: ctx.botId, chatId: comment.chatId, buyerId: buyer.id });
    const result = orderId ? await correctLastComment(ctx.store, { orderId }, parsed.reason.qty, ctx.now) : { kind: "none" as const };
    const reply = correctionReply(ctx.t, result, comment.privateChatId ? "" : who(comment), catalog[0]?.code ?? "A1");
    return comment.privateChatId ? { group: [], private: [reply] } : { group: [{ ...reply, mergeable: true }], private: [] };
  }
  if (!parsed.ok) {
    // Never silent on an order we cannot read: one short line with a form that works — privately
    // when we can, otherwise merged into the group's acknowledgements. Chatter gets nothing.
    const answer = commentAnswer(ctx.t, parsed.reason, vocab, comment.privateChatId ? "" : who(comment));
    if (!answer) return NOTHING;
    return comment.privateChatId ? { group: [], private: [{ text: answer }] } : { group: [{ text: answer, mergeable: true }], private: [] };
  }
  const priced = priceCart(cartFor(parsed.value.items, catalog), catalog);
  if (!priced.ok) return NOTHING;

  const unavailable = parsed.value.items.map((i) => catalog.find((p) => p.code === i.code)).filter((p): p is CatalogItem => !!p && !checkAvailability(p, ctx.now, ctx.shop.time_zone).ok);
  if (unavailable.length) return soldOut(ctx, comment, unavailable);

  const buyer = await upsertBuyer(ctx.store, ctx.channel, comment.from.id, comment.from.name, ctx.now);
  const result = await createOrder(
    ctx.store,
    {
      shopId: ctx.shop.id,
      timeZone: ctx.shop.time_zone,
      sourceKey: `comment:${ctx.channel}:${ctx.botId}:${comment.chatId}:${comment.messageId}`,
      source: ctx.channel === "zalo-oa" ? "oa_group" : "group",
      buyerId: buyer.id,
      channel: ctx.channel,
      botId: ctx.botId,
      chatId: comment.privateChatId ?? comment.from.id,
      lang: buyer.lang ?? ctx.shop.lang,
      lines: priced.value.lines,
      fulfilment: "pickup",
      zone: null,
      address: null,
      phone: parsed.value.phone ?? null,
      slot: null,
      // What the comment said of delivery ("giao xóm 2 Mường Than", "lấy lúc 11h"): for staff.
      note: parsed.value.note ?? null,
      expiresAt: new Date(ctx.now.getTime() + ctx.shop.draft_ttl_minutes * 60_000),
      // The claim token lets this commenter, and only them, finish the order in private.
      claimToken: newSecretToken(12),
    },
    ctx.now,
  );
  if (!result.ok) {
    const item = catalog.find((p) => p.id === result.reason.productId);
    if (!item) return NOTHING;
    if (result.reason.stockLeft > 0) {
      return { group: [{ text: ctx.t.commentOnlyLeft({ who: who(comment), code: item.code, left: result.reason.stockLeft, unit: item.unit }), mergeable: true }], private: [] };
    }
    return soldOut(ctx, comment, [item]);
  }

  // An order written before claim tokens came with it gets one now.
  const saved = result.value.claim_token ? result.value : await ensureClaimToken(ctx.store, result.value.id, newSecretToken(12));
  const link = ctx.deepLink(`o_${saved.claim_token}`);
  if (parsed.value.phone) await rememberDeliveryDetails(ctx.store, buyer.id, { phone: parsed.value.phone });
  const summary = parsed.value.items.map(commentLineLabel).join(", ");
  const minutes = ctx.shop.draft_ttl_minutes;
  const text = link ? ctx.t.commentTaken({ who: who(comment), items: summary, minutes, link }) : ctx.t.commentTakenNoLink({ who: who(comment), items: summary, minutes, code: saved.code });
  const group: Reply[] = [{ text, mergeable: true }];
  const privately: Reply[] = comment.privateChatId
    ? [{ text: ctx.t.commentFinishPrivately({ code: saved.code, items: summary, total: saved.total, minutes }), buttons: [{ label: ctx.t.btnFinishOrder, action: `claim:${saved.claim_token}` }] }]
    : [];
  return { group, private: privately };
}

function soldOut(ctx: GroupContext, comment: Comment, items: CatalogItem[]): CommentOutcome {
  const lines = items.map((p) => {
    const link = ctx.deepLink(`w_${p.code}`);
    return link ? ctx.t.commentSoldOut({ who: who(comment), code: p.code, name: p.name, link }) : ctx.t.commentSoldOutNoLink({ who: who(comment), code: p.code, name: p.name });
  });
  return { group: lines.map((text) => ({ text, mergeable: true })), private: [] };
}
