import type { Reply } from "../../src/chat/types";
import { checkAvailability } from "../../src/domain/catalog/availability";
import { loadCatalog, type CatalogItem } from "../../src/domain/catalog/catalog";
import { upsertBuyer } from "../../src/domain/buyers/buyers";
import { newSecretToken } from "../../src/domain/orders/codes";
import { createOrder } from "../../src/domain/orders/create-order";
import type { PricedLine } from "../../src/domain/orders/pricing";
import { parseCommentOrder } from "../parse/comment-order";
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

/** Prices a comment's items at the catalog price with no options (a comment names no options). */
function linesFor(items: { code: string; qty: number }[], catalog: readonly CatalogItem[]): PricedLine[] {
  return items.flatMap((i) => {
    const p = catalog.find((x) => x.code === i.code);
    return p ? [{ productId: p.id, code: p.code, name: p.name, unit: p.unit, optionNames: [], qty: i.qty, unitPrice: p.price, lineTotal: p.price * i.qty }] : [];
  });
}

/**
 * Order by comment: "chốt A1 x2" in a group reserves the stock at once, atomically, and hands the
 * buyer a private link to finish (address, phone, payment). Chatter gets no answer at all. The
 * comment's message id is the order's source key, so a redelivered update changes nothing.
 */
export async function takeComment(ctx: GroupContext, comment: Comment): Promise<CommentOutcome> {
  const catalog = await loadCatalog(ctx.store, ctx.shop.id);
  const parsed = parseCommentOrder(
    comment.text,
    catalog.map((p) => p.code),
    comment.impliedCode ? { impliedCode: comment.impliedCode } : {},
  );
  if (!parsed.ok) return NOTHING;

  const unavailable = parsed.value.items.map((i) => catalog.find((p) => p.code === i.code)).filter((p): p is CatalogItem => !!p && !checkAvailability(p, ctx.now, ctx.shop.time_zone).ok);
  if (unavailable.length) return soldOut(ctx, comment, unavailable);

  const buyer = await upsertBuyer(ctx.store, ctx.channel, comment.from.id, comment.from.name, ctx.now);
  const result = await createOrder(
    ctx.store,
    {
      shopId: ctx.shop.id,
      timeZone: ctx.shop.time_zone,
      sourceKey: `comment:${ctx.channel}:${ctx.botId}:${comment.chatId}:${comment.messageId}`,
      buyerId: buyer.id,
      channel: ctx.channel,
      botId: ctx.botId,
      chatId: comment.privateChatId ?? comment.from.id,
      lang: buyer.lang ?? ctx.shop.lang,
      lines: linesFor(parsed.value.items, catalog),
      fulfilment: "pickup",
      zone: null,
      address: null,
      phone: null,
      slot: null,
      note: null,
      expiresAt: new Date(ctx.now.getTime() + ctx.shop.draft_ttl_minutes * 60_000),
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

  // The claim token lets this commenter, and only them, finish the order in private.
  const claim = result.value.claim_token ?? newSecretToken(12);
  await ctx.store.db.updateTable("orders").set({ claim_token: claim }).where("id", "=", result.value.id).where("claim_token", "is", null).execute();
  const saved = await ctx.store.db.selectFrom("orders").select(["claim_token", "code", "total"]).where("id", "=", result.value.id).executeTakeFirstOrThrow();
  const link = ctx.deepLink(`o_${saved.claim_token}`);
  const summary = parsed.value.items.map((i) => `${i.code}×${i.qty}`).join(", ");
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
