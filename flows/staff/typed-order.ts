import type { Channel, Reply } from "../../src/chat/types";
import type { Buyer, DeliveryZone, Order, OrderItem, PaymentMethod, Shop } from "../../src/db/schema";
import { rememberDeliveryDetails } from "../../src/domain/buyers/buyers";
import { buyerByPhone, buyerChat, phoneOnlyBuyer, PHONE_CHANNEL, type BuyerChat } from "../../src/domain/buyers/buyer-by-phone";
import { checkAvailability } from "../../src/domain/catalog/availability";
import { loadCatalog, type CatalogItem } from "../../src/domain/catalog/catalog";
import { listZones } from "../../src/domain/delivery/zones";
import { zoneInAddress } from "../../src/domain/delivery/zone-in-address";
import { createOrder } from "../../src/domain/orders/create-order";
import { choosePaymentMethod } from "../../src/domain/orders/lifecycle";
import { orderLineText } from "../../src/domain/orders/line-text";
import { priceCart } from "../../src/domain/orders/pricing";
import { findOrderOfShop, itemsOfOrders } from "../../src/domain/orders/queries";
import { notifyStaffOfNewOrder } from "../../src/domain/orders/staff-notices";
import { enqueue } from "../../src/domain/outbox/enqueue";
import { messagesFor, toLang, type Messages } from "../../src/i18n/messages";
import type { Logger } from "../../src/platform/logger";
import { cartFor } from "../comment/take-comment";
import { commentAnswer } from "../comment/answer";
import type { FlowContext } from "../context";
import type { GroupContext } from "../group-context";
import { newDraft } from "../order/draft";
import { placedOutcome } from "../order/placed-outcome";
import { catalogVocabulary } from "../parse/comment/catalog-vocabulary";
import { readComment } from "../parse/comment/read-comment";
import { splitTypedOrderLine, type TypedOrderLine } from "../parse/typed-order-line";
import { staffOrderButtons } from "./order-buttons";

// Orders typed in by staff (issue 22): a buyer who called, or wrote where the bot cannot read.
// `/don 0912345678 A1 2 lớn, A5 1 — thôn 3 Mường Than` in chat and the same line on the dashboard
// both come here: the items read as group comments are, the same stock holds, the same payment
// step, and the buyer's QR through the outbox when the shop can write to them.

/** What a typed-in order needs: the shop, the time, the staff member's words (a GroupContext has it all). */
export type TypedOrderContext = Pick<GroupContext, "store" | "shop" | "publicUrl" | "now" | "t">;

export interface TypedOrderRequest {
  /** The line after "/don". */
  line: string;
  /** What caused it (a chat event, a dashboard form): the same key always makes the same one order. */
  sourceKey: string;
}

export type TypedOrderResult = { ok: true; order: Order; payUrl: string; sentToBuyer: boolean; text: string } | { ok: false; text: string };

/** Makes the order a staff member typed in, or says in a few words why not (with the usage example). */
export async function typeInOrder(ctx: TypedOrderContext, req: TypedOrderRequest): Promise<TypedOrderResult> {
  const { t, shop, store } = ctx;
  const catalog = await loadCatalog(store, shop.id);
  const example = catalog.find((p) => checkAvailability(p, ctx.now, shop.time_zone).ok)?.code ?? catalog[0]?.code ?? "A1";
  const refuse = (why: string): TypedOrderResult => ({ ok: false, text: `${why}\n${t.typedOrderUsage({ example })}` });

  const split = splitTypedOrderLine(req.line);
  if (!split.ok) return refuse(split.reason === "too_long" ? t.typedOrderTooLong : split.reason === "no_items" ? t.typedOrderNoItems : t.typedOrderNoPhone);
  const line = split.value;
  const phone = line.phone ?? "";
  const vocab = catalogVocabulary(catalog, shop.name);
  const read = readComment(line.items, vocab);
  if (!read.ok) return refuse((read.reason.kind === "unclear" ? commentAnswer(t, read.reason, vocab) : undefined) ?? t.typedOrderNoItems);

  const products = read.value.items.map((i) => catalog.find((p) => p.code === i.code)).filter((p): p is CatalogItem => p !== undefined);
  for (const p of products) {
    const can = checkAvailability(p, ctx.now, shop.time_zone);
    if (!can.ok) return { ok: false, text: can.reason === "sold_out" ? t.typedOrderSoldOut({ code: p.code, name: p.name }) : t.typedOrderClosed({ code: p.code, name: p.name }) };
  }
  const priced = priceCart(cartFor(read.value.items, catalog), catalog);
  if (!priced.ok || priced.value.lines.length === 0) return refuse(t.typedOrderNoItems);

  const where = await receiving(ctx, line);
  if (!where.ok) return { ok: false, text: where.text };
  const method = paymentOf(shop, line.payment);

  const buyer = (await buyerByPhone(store, shop.id, phone)) ?? (await phoneOnlyBuyer(store, phone, ctx.now));
  const chat = await buyerChat(store, shop, buyer);
  const created = await createOrder(
    store,
    {
      shopId: shop.id,
      timeZone: shop.time_zone,
      sourceKey: req.sourceKey,
      source: "staff",
      buyerId: buyer.id,
      // Where the buyer hears of this order later (paid, on its way); a phone-only buyer has no chat.
      channel: chat?.channel ?? PHONE_CHANNEL,
      botId: chat?.botId ?? "",
      chatId: chat?.chatId ?? phone,
      lang: buyer.lang ?? shop.lang,
      lines: priced.value.lines,
      fulfilment: where.zone || where.delivery ? "delivery" : "pickup",
      zone: where.zone ? { id: where.zone.id, name: where.zone.name, fee: where.zone.fee } : null,
      address: where.delivery ? (line.address ?? null) : null,
      phone,
      slot: null,
      note: where.delivery ? null : (line.address ?? null),
      expiresAt: new Date(ctx.now.getTime() + shop.draft_ttl_minutes * 60_000),
      waitForPayment: method === "vietqr" ? new Set(products.filter((p) => p.firstPaidFirstServed).map((p) => p.id)) : new Set(),
    },
    ctx.now,
  );
  if (!created.ok) {
    const item = catalog.find((p) => p.id === created.reason.productId);
    const left = created.reason.stockLeft;
    const name = { code: item?.code ?? "", name: item?.name ?? "" };
    return { ok: false, text: left > 0 ? t.typedOrderOnlyLeft({ ...name, left, unit: item?.unit ?? "" }) : t.typedOrderSoldOut(name) };
  }
  await rememberDeliveryDetails(store, buyer.id, { phone, address: where.delivery ? line.address : null, zoneId: where.zone?.id ?? null });

  const order = await placeOrder(ctx, created.value.id, method);
  if (!order) return { ok: false, text: t.sorry };
  const items = (await itemsOfOrders(store, [order.id])).get(order.id) ?? [];
  const sentToBuyer = chat ? await tellBuyer(ctx, chat, buyer, order, items.map((i) => `• ${orderLineText(i, i.line_total)}`), catalog) : false;
  const payUrl = `${ctx.publicUrl}/pay/${order.pay_token}`;
  return { ok: true, order, payUrl, sentToBuyer, text: staffConfirmation(t, order, items, { zone: where.zone, sentToBuyer, payUrl }) };
}

/** What the staff member is told: code, total, lines, where it goes, and the pay link (to forward when the bot cannot). */
function staffConfirmation(t: Messages, order: Order, items: readonly OrderItem[], v: { zone: DeliveryZone | undefined; sentToBuyer: boolean; payUrl: string }): string {
  const cod = order.payment_method === "cod";
  return [
    t.typedOrderCreated({ code: order.code, phone: order.phone ?? "", total: order.total, payment: t.paymentStatus[order.payment_status] }),
    ...items.map((i) => `• ${orderLineText(i, i.line_total)}`),
    order.fulfilment === "delivery" ? t.typedOrderDeliver({ address: order.address ?? "", zone: order.zone_name ?? "", fee: order.delivery_fee }) : t.typedOrderPickup,
    v.zone && order.subtotal < v.zone.min_order ? t.typedOrderBelowMinimum({ zone: v.zone.name, min: v.zone.min_order }) : "",
    v.sentToBuyer ? (cod ? t.typedOrderSentToBuyerCod : t.typedOrderSentToBuyer) : "",
    cod ? t.typedOrderCashOnDelivery : v.sentToBuyer ? t.typedOrderPayLink({ url: v.payUrl }) : t.typedOrderForward({ url: v.payUrl }),
  ]
    .filter(Boolean)
    .join("\n");
}

type Receiving = { ok: true; delivery: boolean; zone?: DeliveryZone } | { ok: false; text: string };

/**
 * Delivery to the zone the address names, or pick-up: when the line says so ("tự lấy"; an address
 * then is a note), or when it gives no address. An address in none of the zones is refused with the
 * zones listed: a guessed zone would charge the wrong fee.
 */
async function receiving(ctx: TypedOrderContext, line: TypedOrderLine): Promise<Receiving> {
  const { t, shop } = ctx;
  if (line.pickup || !line.address) return shop.pickup_enabled === 1 || line.pickup ? { ok: true, delivery: false } : { ok: false, text: t.typedOrderNoPickup };
  if (shop.delivery_enabled !== 1) return { ok: false, text: t.typedOrderNoDelivery };
  const zones = await listZones(ctx.store, shop.id);
  if (zones.length === 0) return { ok: true, delivery: true };
  const zone = zoneInAddress(zones, line.address);
  if (!zone) return { ok: false, text: t.typedOrderNoZone({ address: line.address.slice(0, 100), zones: zones.map((z) => z.name).join(", ") }) };
  return { ok: true, delivery: true, zone };
}

const takesTransfers = (shop: Shop) => shop.vietqr_enabled === 1 && Boolean(shop.bank_bin && shop.bank_account);

/** Cash when the line says so or the shop takes no transfers; otherwise the shop's VietQR. */
function paymentOf(shop: Shop, asked: PaymentMethod | undefined): PaymentMethod {
  if (asked === "cod" || !takesTransfers(shop)) return "cod";
  return "vietqr";
}

/** Out of the draft through the usual payment step (staff notice included); a replay finds it placed. */
async function placeOrder(ctx: TypedOrderContext, orderId: number, method: PaymentMethod): Promise<Order | undefined> {
  const buttons = (o: Order) => staffOrderButtons(messagesFor(ctx.shop.lang), o);
  const placed = await choosePaymentMethod(ctx.store, ctx.shop, orderId, method, ctx.now, { staffButtons: buttons });
  const order = placed ?? (await findOrderOfShop(ctx.store, ctx.shop.id, orderId));
  if (!order || order.status === "draft" || order.status === "cancelled" || order.payment_method === null) return undefined;
  // Only a replay gets here without `placed`: the notice's key makes sure it is queued once.
  if (!placed) await notifyStaffOfNewOrder(ctx.store, ctx.shop, order, (await itemsOfOrders(ctx.store, [order.id])).get(order.id) ?? [], ctx.now, buttons(order));
  return order;
}

/** The outbox key of the i-th message a typed-in order sends its buyer (the first: the summary). */
export const typedOrderBuyerKey = (orderId: number, i = 0) => `order:${orderId}:typed:buyer:${i}`;

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/** The summary and the guided flow's own last reply (the QR, or cash on delivery), queued to the buyer's chat, once. */
async function tellBuyer(ctx: TypedOrderContext, chat: BuyerChat, buyer: Buyer, order: Order, lines: string[], catalog: CatalogItem[]): Promise<boolean> {
  const lang = toLang(buyer.lang ?? ctx.shop.lang);
  const t: Messages = messagesFor(lang);
  const buyerCtx: FlowContext = {
    store: ctx.store,
    clock: { now: () => ctx.now },
    logger: quiet,
    publicUrl: ctx.publicUrl,
    shop: ctx.shop,
    msg: { channel: chat.channel as Channel, botId: chat.botId, shopId: ctx.shop.id, eventId: order.source_key, chat: { id: chat.chatId, kind: "private" }, from: { id: buyer.user_id, name: buyer.name }, receivedAt: ctx.now },
    buyer,
    lang,
    t,
    conversationId: 0,
    version: 0,
    catalog: async () => catalog,
    now: ctx.now,
  };
  const where = order.fulfilment === "delivery" ? t.summaryDeliverTo({ address: `${order.address ?? ""} (${order.zone_name ?? ""})` }) : t.summaryPickup;
  const summary: Reply = { text: [t.typedOrderForBuyer({ shop: ctx.shop.name }), ...lines, where].join("\n") };
  const placed = await placedOutcome(buyerCtx, newDraft(), order);
  const replies = [summary, ...placed.replies];
  for (const [i, reply] of replies.entries()) {
    await enqueue(ctx.store, { channel: chat.channel, botId: chat.botId, chatId: chat.chatId, reply, dedupeKey: typedOrderBuyerKey(order.id, i) }, ctx.now);
  }
  return true;
}


/** `/don <line>` in a staff chat: keyed by the chat event, so a redelivered message makes no second order. */
export async function typedOrderCommand(ctx: GroupContext, staff: { role: string }, input: { args: string; eventId: string; chat: { id: string; kind: "private" | "group" } }): Promise<Reply[]> {
  if (staff.role === "shipper") return [{ text: ctx.t.staffOnly }];
  // The answer carries the buyer's phone and pay link: never into a buyers' group.
  const staffGroup = ctx.shop.staff_channel === ctx.channel && ctx.shop.staff_chat_id === input.chat.id;
  if (input.chat.kind === "group" && !staffGroup) return [{ text: ctx.t.typedOrderStaffChatOnly }];
  const result = await typeInOrder(ctx, { line: input.args, sourceKey: `staff:${ctx.channel}:${ctx.botId}:${input.eventId}` });
  return [{ text: result.text }];
}
