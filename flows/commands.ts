import type { Reply, ReplyButton } from "../src/chat/types";
import { setBuyerLang } from "../src/domain/buyers/buyers";
import { checkAvailability } from "../src/domain/catalog/availability";
import { orderLineText } from "../src/domain/orders/line-text";
import type { Order } from "../src/db/schema";
import type { CartLine } from "../src/domain/orders/pricing";
import { itemsOfOrders, recentOrdersOfBuyer } from "../src/domain/orders/queries";
import { messagesFor, toLang } from "../src/i18n/messages";
import type { FlowContext } from "./context";
import type { ConversationState } from "./state";
import { newDraft } from "./order/draft";
import { payPageUrl } from "./order/placed-outcome";
import { goTo } from "./order/navigate";
import { menuReplies } from "./order/product-step";

const menuButton = (ctx: FlowContext) => ({ label: ctx.t.btnMenu, action: "menu" });
const myOrdersButton = (ctx: FlowContext) => ({ label: ctx.t.btnMyOrders, action: "orders" });

/** An order placed for a transfer that has not been paid in full yet (the buyer still has a QR to scan). */
function awaitsTransfer(o: Order): boolean {
  return o.status === "pending_payment" && o.payment_method === "vietqr" && (o.payment_status === "unpaid" || o.payment_status === "partial");
}

/** "10:30 23/11" in the shop's time zone: short enough for a chat line on a phone. */
function shortLocal(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}`;
}

/** The "Thanh toán" url button of an order awaiting a transfer: its payment page, with the QR. */
function payButton(ctx: FlowContext, o: Order) {
  return { label: ctx.t.btnPayOrder({ code: o.code }), url: payPageUrl(ctx, o) };
}

/** One reply per order of the buyer still awaiting their transfer (newest first, at most two), each with its pay button. */
async function unpaidOrderRepliesOf(ctx: FlowContext, recent: readonly Order[]): Promise<Reply[]> {
  return recent
    .filter(awaitsTransfer)
    .slice(0, 2)
    .map((o) => ({
      text: ctx.t.unpaidOrder({ code: o.code, due: o.total - o.paid_amount, until: o.expires_at ? shortLocal(o.expires_at, ctx.shop.time_zone) : null }),
      buttons: [payButton(ctx, o), myOrdersButton(ctx)],
    }));
}

/** A returning buyer's orders still awaiting their transfer, as replies with their "Thanh toán" buttons (none when all is paid). */
export async function unpaidOrderReplies(ctx: FlowContext): Promise<Reply[]> {
  return unpaidOrderRepliesOf(ctx, await recentOrdersOfBuyer(ctx.store, ctx.shop.id, ctx.buyer.id, 5));
}

/**
 * Greeting with the menu button; for a returning buyer also "order the same again", "my orders"
 * and, first thing after the greeting, any order still waiting for their transfer with its pay
 * button: the way back to the QR after a reload or the next day.
 */
export async function startReplies(ctx: FlowContext): Promise<Reply[]> {
  const recent = await recentOrdersOfBuyer(ctx.store, ctx.shop.id, ctx.buyer.id, 5);
  const last = recent[0];
  const buttons: ReplyButton[] = [menuButton(ctx)];
  if (last) buttons.push({ label: ctx.t.btnReorder, action: "reorder" }, myOrdersButton(ctx));
  const text = last ? ctx.t.welcomeBack({ shop: ctx.shop.name }) : ctx.t.welcome({ shop: ctx.shop.name });
  return [{ text: ctx.shop.description ? `${text}\n${ctx.shop.description}` : text, buttons }, ...(await unpaidOrderRepliesOf(ctx, recent))];
}

/** The buyer's own recent orders, never anyone else's: what is in each, when it was placed, and a pay button for each still unpaid. */
export async function myOrdersReplies(ctx: FlowContext): Promise<Reply[]> {
  const orders = await recentOrdersOfBuyer(ctx.store, ctx.shop.id, ctx.buyer.id, 5);
  if (orders.length === 0) return [{ text: ctx.t.ordersNone, buttons: [menuButton(ctx)] }];
  const items = await itemsOfOrders(
    ctx.store,
    orders.map((o) => o.id),
  );
  // Each order, then what is in it, one line per item as everywhere else, then when it was placed.
  const lines = orders.flatMap((o) => [
    ctx.t.orderLine({ code: o.code, total: o.total, status: ctx.t.status[o.status], payment: ctx.t.paymentStatus[o.payment_status] }),
    ...(items.get(o.id) ?? []).map((i) => `   ${orderLineText(i)}`),
    ctx.t.orderPlacedAt({ at: shortLocal(o.created_at, ctx.shop.time_zone) }),
  ]);
  const pay = orders.filter(awaitsTransfer).map((o) => payButton(ctx, o));
  const again = orders.slice(0, 3).map((o) => ({ label: ctx.t.btnReorderCode({ code: o.code }), action: `reorder:${o.code}` }));
  return [{ text: [ctx.t.ordersHeader, ...lines].join("\n"), buttons: [...pay, ...again, menuButton(ctx)] }];
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

export { menuButton, myOrdersButton };
