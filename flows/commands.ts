import type { Reply } from "../src/chat/types";
import { setBuyerLang } from "../src/domain/buyers/buyers";
import { checkAvailability } from "../src/domain/catalog/availability";
import { orderLineText } from "../src/domain/orders/line-text";
import type { CartLine } from "../src/domain/orders/pricing";
import { itemsOfOrders, recentOrdersOfBuyer } from "../src/domain/orders/queries";
import { messagesFor, toLang } from "../src/i18n/messages";
import type { FlowContext } from "./context";
import type { ConversationState } from "./state";
import { newDraft } from "./order/draft";
import { goTo } from "./order/navigate";
import { menuReplies } from "./order/product-step";

const menuButton = (ctx: FlowContext) => ({ label: ctx.t.btnMenu, action: "menu" });

/** Greeting with the menu button, and "order the same again" for a returning buyer. */
export async function startReplies(ctx: FlowContext): Promise<Reply[]> {
  const last = (await recentOrdersOfBuyer(ctx.store, ctx.shop.id, ctx.buyer.id, 1))[0];
  const buttons = [menuButton(ctx)];
  if (last) buttons.push({ label: ctx.t.btnReorder, action: "reorder" });
  const text = last ? ctx.t.welcomeBack({ shop: ctx.shop.name }) : ctx.t.welcome({ shop: ctx.shop.name });
  return [{ text: ctx.shop.description ? `${text}\n${ctx.shop.description}` : text, buttons }];
}

/** The buyer's own recent orders, never anyone else's. */
export async function myOrdersReplies(ctx: FlowContext): Promise<Reply[]> {
  const orders = await recentOrdersOfBuyer(ctx.store, ctx.shop.id, ctx.buyer.id, 5);
  if (orders.length === 0) return [{ text: ctx.t.ordersNone, buttons: [menuButton(ctx)] }];
  const items = await itemsOfOrders(
    ctx.store,
    orders.map((o) => o.id),
  );
  // Each order, then what is in it, one line per item as everywhere else.
  const lines = orders.flatMap((o) => [
    ctx.t.orderLine({ code: o.code, total: o.total, status: ctx.t.status[o.status], payment: ctx.t.paymentStatus[o.payment_status] }),
    ...(items.get(o.id) ?? []).map((i) => `   ${orderLineText(i)}`),
  ]);
  const again = orders.slice(0, 3).map((o) => ({ label: ctx.t.btnReorderCode({ code: o.code }), action: `reorder:${o.code}` }));
  return [{ text: [ctx.t.ordersHeader, ...lines].join("\n"), buttons: [...again, menuButton(ctx)] }];
}

/** /lang vi|en: remembers the choice and answers in the new language. */
export async function changeLanguage(ctx: FlowContext, arg: string): Promise<Reply[]> {
  const wanted = arg.trim().toLowerCase();
  if (!["vi", "en", "vn", "english", "tieng viet", "tiếng việt"].includes(wanted)) return [{ text: ctx.t.langUsage }];
  const lang = wanted === "vn" || wanted.startsWith("ti") ? "vi" : toLang(wanted);
  await setBuyerLang(ctx.store, ctx.buyer.id, lang);
  return [{ text: messagesFor(lang).langChanged }];
}

/** "Đặt lại": the last order's items, at today's prices, into a new cart. */
export async function reorder(ctx: FlowContext, state: ConversationState, code?: string): Promise<{ state: ConversationState; replies: Reply[] }> {
  // Only the buyer's own orders: a code from someone else's order finds nothing.
  const recent = await recentOrdersOfBuyer(ctx.store, ctx.shop.id, ctx.buyer.id, 20);
  const last = code ? recent.find((o) => o.code === code.toUpperCase()) : recent[0];
  if (!last) return { state, replies: [{ text: code ? ctx.t.reorderUnknown : ctx.t.reorderNone }, ...(await menuReplies(ctx, undefined))] };
  const items = (await itemsOfOrders(ctx.store, [last.id])).get(last.id) ?? [];
  const catalog = await ctx.catalog();
  const cart: CartLine[] = [];
  const skipped: string[] = [];
  for (const line of items) {
    const product = catalog.find((p) => p.id === line.product_id);
    const optionNames: string[] = JSON.parse(line.options) as string[];
    const optionIds = optionNames.map((n) => product?.optionGroups.flatMap((g) => g.options).find((o) => o.name === n)?.id);
    const usable = product && checkAvailability(product, ctx.now, ctx.shop.time_zone).ok && optionIds.every((id) => id !== undefined);
    if (usable && product.stock >= line.qty) cart.push({ productId: product.id, optionIds: optionIds as number[], qty: line.qty });
    else skipped.push(line.name);
  }
  const lead: Reply[] = skipped.length ? [{ text: ctx.t.reorderSkipped({ names: skipped }) }] : [];
  const draft = newDraft();
  draft.cart = cart;
  const outcome = await goTo(ctx, draft, cart.length ? "cart" : "product", lead);
  return { state: { ...state, order: outcome.draft }, replies: outcome.replies };
}

export { menuButton };
