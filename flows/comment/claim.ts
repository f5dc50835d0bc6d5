import type { Reply } from "../../src/chat/types";
import type { Order } from "../../src/db/schema";
import { loadCatalog } from "../../src/domain/catalog/catalog";
import { findByCode } from "../../src/domain/catalog/catalog";
import { joinWaitlist } from "../../src/domain/catalog/waitlist";
import { itemsOfOrders } from "../../src/domain/orders/queries";
import { findClaimableOrderByCode, findOrderByClaimToken, moveClaimedOrder, setOrderChat } from "../../src/domain/orders/claims";
import { liveOrderOfBuyer } from "../../src/domain/live/buyer-live-order";
import { lineOptions } from "../../src/domain/orders/line-text";
import type { CatalogItem } from "../../src/domain/catalog/catalog";
import type { FlowContext, FlowOutcome } from "../context";
import type { ConversationState } from "../state";
import { startCheckout } from "../order/cart-step";
import { newDraft } from "../order/draft";

type Outcome = FlowOutcome<ConversationState>;

/**
 * Opens the checkout of a comment order from its private link. Only the person who commented can
 * claim it (the link may be forwarded in the group), and only while it still holds its stock.
 */
export async function claimCommentOrder(ctx: FlowContext, state: ConversationState, token: string): Promise<Outcome> {
  const order = /^[A-Za-z0-9_-]{8,40}$/.test(token)
    ? await findOrderByClaimToken(ctx.store, ctx.shop.id, token)
    : undefined;
  return checkoutHeldOrder(ctx, state, order);
}

/** Opens the checkout of the buyer's own order in a live (one link for the whole group; who taps decides whose order). */
export async function claimLiveOrder(ctx: FlowContext, state: ConversationState, liveId: string): Promise<Outcome> {
  const row = /^\d{1,12}$/.test(liveId) ? await liveOrderOfBuyer(ctx.store, Number(liveId), ctx.buyer.id, ctx.shop.id) : undefined;
  return checkoutHeldOrder(ctx, state, row && row.total > 0 ? row : undefined);
}

/**
 * "CC7K2M9Q" typed in a private chat: opens the checkout of that comment order. Zalo gives the same
 * person different ids in a group and in private (ZALO.md §1.5), so there the code itself is the
 * claim, once: the order moves to whoever claims it first, and its token is spent.
 */
export async function claimByCode(ctx: FlowContext, state: ConversationState, code: string): Promise<Outcome> {
  const order = await findClaimableOrderByCode(ctx.store, ctx.shop.id, ctx.msg.channel, code);
  if (order && order.buyer_id !== ctx.buyer.id && ctx.msg.channel === "zalo" && order.status === "draft") {
    if (await moveClaimedOrder(ctx.store, order.id, ctx.buyer.id, order.claim_token)) return checkoutHeldOrder(ctx, state, { ...order, buyer_id: ctx.buyer.id });
  }
  return checkoutHeldOrder(ctx, state, order);
}

async function checkoutHeldOrder(ctx: FlowContext, state: ConversationState, order: Order | undefined): Promise<Outcome> {
  if (!order || order.buyer_id !== ctx.buyer.id || order.status !== "draft") {
    return { state, replies: [{ text: ctx.t.claimNotYours, buttons: [{ label: ctx.t.btnMenu, action: "menu" }] }] };
  }
  // From now on, messages about this order go to this private chat.
  await setOrderChat(ctx.store, order.id, ctx.msg.chat.id);
  const items = (await itemsOfOrders(ctx.store, [order.id])).get(order.id) ?? [];
  // The held lines keep the options the comment chose ("A1 lớn 2"), so the summary prices them the same.
  const catalog = await ctx.catalog();
  const cart = items.map((i) => ({ productId: i.product_id, optionIds: optionIdsOf(catalog.find((p) => p.id === i.product_id), lineOptions(i.options)), qty: i.qty }));
  const draft = { ...newDraft(), step: "cart" as const, existingOrderId: order.id, cart };
  const outcome = await startCheckout(ctx, draft);
  return { state: { ...state, order: outcome.draft }, replies: outcome.replies };
}

/** Puts the buyer on an item's waiting list from the group's "tell me when it is back" link. */
export async function joinWaitlistFromLink(ctx: FlowContext, state: ConversationState, code: string): Promise<Outcome> {
  const item = findByCode(await loadCatalog(ctx.store, ctx.shop.id), code);
  if (!item) return { state, replies: [{ text: ctx.t.productNotFound({ text: code.slice(0, 10) }) }] };
  await joinWaitlist(
    ctx.store,
    { shopId: ctx.shop.id, productId: item.id, channel: ctx.msg.channel, botId: ctx.msg.botId, userId: ctx.msg.from.id, chatId: ctx.msg.chat.id, lang: ctx.lang },
    ctx.now,
  );
  const replies: Reply[] = [{ text: ctx.t.waitlistJoined({ code: item.code, name: item.name }), buttons: [{ label: ctx.t.btnMenu, action: "menu" }] }];
  return { state, replies };
}

/** The ids of a line's options by name, in the product's group order. */
function optionIdsOf(product: CatalogItem | undefined, names: readonly string[]): number[] {
  if (!product) return [];
  return product.optionGroups.flatMap((g) => g.options.filter((o) => names.includes(o.name)).slice(0, 1).map((o) => o.id));
}
