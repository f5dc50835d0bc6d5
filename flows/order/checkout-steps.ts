import type { PaymentMethod } from "../../src/db/schema";
import { rememberDeliveryDetails } from "../../src/domain/buyers/buyers";
import { listZones } from "../../src/domain/delivery/zones";
import type { CatalogItem } from "../../src/domain/catalog/catalog";
import type { OrderShip } from "../../src/domain/orders/create-order";
import { finalizeDraftDetails } from "../../src/domain/orders/finalize-draft";
import { createOrderWithinCaps, holdCapsOf, isKnownBuyer, paymentTimeoutMinutes, type HoldCapRefusal } from "../../src/domain/orders/hold-caps";
import { cancelOrder, choosePaymentMethod } from "../../src/domain/orders/lifecycle";
import type { PricedLine } from "../../src/domain/orders/pricing";
import { waitingProductIds } from "../../src/domain/stock/first-paid";
import { privateOrderSource } from "../../src/domain/zalo-groups/fallback-links";
import { messagesFor } from "../../src/i18n/messages";
import { staffOrderButtons } from "../staff/order-buttons";
import { foldText } from "../../src/text/normalize";
import { parseYesNo } from "../parse/yes-no";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { act, ask } from "./draft";
import { goTo, restart } from "./navigate";
import { cartText, pricedCart } from "./cart-step";
import { placedEarlier, placedOutcome, waitingItems } from "./placed-outcome";
import { buyerFee, CARRIER_NAMES, chosenQuote } from "./ship-steps";
import type { Step, StepOutcome } from "./step";

// The link to the payment page is part of what placed-outcome.ts says; other flows import it from here.

async function zoneOf(ctx: FlowContext, draft: OrderDraft) {
  if (draft.fulfilment !== "delivery" || draft.zoneId === undefined) return undefined;
  return (await listZones(ctx.store, ctx.shop.id)).find((z) => z.id === draft.zoneId);
}

/** Every line, the fee and the total, then Confirm. */
export const summaryStep: Step = {
  async prompt(ctx, draft) {
    const { lines, subtotal } = await pricedCart(ctx, draft);
    const zone = await zoneOf(ctx, draft);
    const quote = draft.fulfilment === "delivery" ? chosenQuote(draft) : undefined;
    const fee = quote ? buyerFee(quote) : (zone?.fee ?? 0);
    const text = [
      ctx.t.summaryHeader,
      cartText(ctx, lines, subtotal),
      quote
        ? ctx.t.summaryCarrierFee({ carrier: CARRIER_NAMES[quote.carrier], fee: quote.fee, shopPays: quote.paidBy === "shop" })
        : zone
          ? ctx.t.summaryFee({ zone: zone.name, fee })
          : ctx.t.summaryPickup,
      ctx.t.summaryTotal({ amount: subtotal + fee }),
      quote?.expected ? ctx.t.summaryExpected({ date: new Date(quote.expected), timeZone: ctx.shop.time_zone }) : "",
      "",
      draft.fulfilment === "delivery" && draft.address ? ctx.t.summaryDeliverTo({ address: draft.address }) : ctx.shop.pickup_address ? ctx.t.pickupAt({ address: ctx.shop.pickup_address }) : "",
      draft.phone ? ctx.t.summaryPhone({ phone: draft.phone }) : "",
      draft.slot ? ctx.t.summarySlot({ slot: draft.slot }) : "",
      draft.note ? ctx.t.summaryNote({ note: draft.note }) : "",
      "",
      ctx.t.summaryAsk,
    ]
      .filter((l, i, all) => l !== "" || (all[i - 1] ?? "") !== "")
      .join("\n");
    return [ask(ctx, draft, text, [{ label: ctx.t.btnConfirm, action: act(draft, "confirm") }])];
  },
  async handle(ctx, draft, input) {
    const yes = input.kind === "text" ? parseYesNo(input.text) : undefined;
    const confirmed = (input.kind === "action" && input.verb === "confirm") || (yes?.ok && yes.value) || (input.kind === "text" && ["xac nhan", "dat", "dat hang", "confirm"].includes(foldText(input.text)));
    if (!confirmed) return { draft, replies: [{ text: ctx.t.confirmInvalid }, ...(await summaryStep.prompt(ctx, draft))] };
    return confirmOrder(ctx, draft);
  },
};

const takesTransfers = (ctx: FlowContext) => ctx.shop.vietqr_enabled === 1 && Boolean(ctx.shop.bank_bin && ctx.shop.bank_account);

/** How the buyer may pay; an order waiting in line for a first-paid item can only be paid first. */
function paymentMethods(ctx: FlowContext, waitsInLine = false): PaymentMethod[] {
  const methods: PaymentMethod[] = [];
  if (takesTransfers(ctx)) methods.push("vietqr");
  if (waitsInLine && methods.length > 0) return methods;
  if (ctx.shop.cod_enabled === 1 || methods.length === 0) methods.push("cod");
  return methods;
}

/** The cart's first-paid-first-served products: they wait in line, where the shop can be paid first. */
function firstPaidProducts(ctx: FlowContext, catalog: readonly CatalogItem[], lines: readonly PricedLine[]): Set<number> {
  if (!takesTransfers(ctx)) return new Set();
  return new Set(lines.map((l) => l.productId).filter((id) => catalog.find((p) => p.id === id)?.firstPaidFirstServed));
}

/** "Bạn đang giữ 2 đơn chưa thanh toán…": the buyer stays at the summary, to confirm once one is paid. */
function holdCapReply(ctx: FlowContext, draft: OrderDraft, refusal: HoldCapRefusal): StepOutcome {
  const text = refusal.scope === "buyer" ? ctx.t.holdCapBuyer({ count: refusal.held }) : ctx.t.holdCapAddress;
  return { draft, replies: [ask(ctx, draft, text, [{ label: ctx.t.btnMyOrders, action: "orders" }, { label: ctx.t.btnConfirm, action: act(draft, "confirm") }])] };
}

/** Creates the draft order and reserves its stock; a short item sends the buyer back to the cart. */
async function confirmOrder(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  const cart = await pricedCart(ctx, draft);
  if (cart.changed || cart.lines.length === 0) return goTo(ctx, { ...cart.draft, history: ["product"] }, "cart", [{ text: ctx.t.cartChanged }]);
  const zone = await zoneOf(ctx, draft);
  if (zone && cart.subtotal < zone.min_order) return goTo(ctx, draft, "zone");
  // A carrier delivery whose quote went missing (an old draft): choose the place again.
  if (draft.fulfilment === "delivery" && !zone && draft.ship && !orderShip(draft)) return goTo(ctx, draft, "ship_province");
  if (draft.existingOrderId !== undefined) return finalizeExisting(ctx, draft, draft.existingOrderId, zone ?? null);
  const known = await isKnownBuyer(ctx.store, ctx.buyer);
  const waitForPayment = firstPaidProducts(ctx, await ctx.catalog(), cart.lines);
  const result = await createOrderWithinCaps(
    ctx.store,
    {
      shopId: ctx.shop.id,
      timeZone: ctx.shop.time_zone,
      // One confirm per conversation version: a redelivered or raced confirm finds the same order.
      sourceKey: `conv:${ctx.conversationId}:v${ctx.version}`,
      // "webchat_link" / "fallback_link" when the buyer came from the links posted in a group (fallback-links.ts).
      source: await privateOrderSource(ctx.store, ctx.msg, ctx.buyer, ctx.shop.id),
      buyerId: ctx.buyer.id,
      channel: ctx.msg.channel,
      botId: ctx.msg.botId,
      chatId: ctx.msg.chat.id,
      lang: ctx.lang,
      lines: cart.lines,
      ...deliveryDetails(draft, zone ?? null),
      expiresAt: new Date(ctx.now.getTime() + ctx.shop.draft_ttl_minutes * 60_000),
      waitForPayment,
      // Only an anonymous visitor's address is kept, for the per-address cap.
      clientAddress: known ? null : (ctx.msg.clientAddress ?? null),
    },
    holdCapsOf(ctx.shop),
    ctx.now,
  );
  if (!result.ok) {
    const refusal = result.reason;
    if (refusal.reason === "hold_cap") return holdCapReply(ctx, draft, refusal);
    const item = (await ctx.catalog()).find((p) => p.id === refusal.productId);
    const text = ctx.t.outOfStockAtConfirm({ name: item?.name ?? "", left: refusal.stockLeft, unit: item?.unit ?? "" });
    return goTo(ctx, { ...draft, history: ["product"] }, "cart", [{ text }]);
  }
  await rememberDeliveryDetails(ctx.store, ctx.buyer.id, { phone: draft.phone, address: draft.address, zoneId: zone?.id });
  const methods = paymentMethods(ctx, waitForPayment.size > 0);
  const placed = { ...draft, orderId: result.value.id, history: [] };
  if (methods.length === 1) return finish(ctx, placed, methods[0] ?? "cod");
  return goTo(ctx, placed, "payment");
}

/** How the buyer receives the order, as the draft says (the address only for delivery). */
function deliveryDetails(draft: OrderDraft, zone: { id: number; name: string; fee: number } | null) {
  return {
    fulfilment: draft.fulfilment ?? ("pickup" as const),
    zone: zone ? { id: zone.id, name: zone.name, fee: zone.fee } : null,
    address: draft.fulfilment === "delivery" ? (draft.address ?? null) : null,
    phone: draft.phone ?? null,
    slot: draft.slot ?? null,
    note: draft.note ?? null,
    ship: draft.fulfilment === "delivery" ? orderShip(draft) : null,
  };
}

/** The draft's carrier delivery as the order keeps it, or null. */
function orderShip(draft: OrderDraft): OrderShip | null {
  const quote = chosenQuote(draft);
  const s = draft.ship;
  if (!quote || !s?.provinceCode || !s.communeCode) return null;
  return {
    provinceCode: s.provinceCode,
    communeCode: s.communeCode,
    hamlet: s.hamlet ?? null,
    street: s.street ?? null,
    carrier: quote.carrier,
    feePaidBy: quote.paidBy,
    quotedFee: quote.fee,
    fallback: quote.fallback,
    expectedDelivery: quote.expected,
    fee: buyerFee(quote),
  };
}

/** Checkout of an order whose stock a comment already holds: fill in the details, then payment. */
async function finalizeExisting(ctx: FlowContext, draft: OrderDraft, orderId: number, zone: { id: number; name: string; fee: number } | null): Promise<StepOutcome> {
  const done = await finalizeDraftDetails(
    ctx.store,
    orderId,
    deliveryDetails(draft, zone),
    new Date(ctx.now.getTime() + ctx.shop.draft_ttl_minutes * 60_000),
    ctx.now,
  );
  if (!done) return { draft: undefined, replies: [{ text: ctx.t.draftGone, buttons: [{ label: ctx.t.btnMenu, action: "menu" }] }] };
  await rememberDeliveryDetails(ctx.store, ctx.buyer.id, { phone: draft.phone, address: draft.address, zoneId: zone?.id });
  const placed = { ...draft, orderId, history: [] };
  const methods = paymentMethods(ctx);
  if (methods.length === 1) return finish(ctx, placed, methods[0] ?? "cod");
  return goTo(ctx, placed, "payment");
}

async function finish(ctx: FlowContext, draft: OrderDraft, method: PaymentMethod): Promise<StepOutcome> {
  if (draft.orderId === undefined) return restart(ctx, draft);
  const known = await isKnownBuyer(ctx.store, ctx.buyer);
  const order = await choosePaymentMethod(ctx.store, ctx.shop, draft.orderId, method, ctx.now, {
    timeoutMinutes: paymentTimeoutMinutes(ctx.shop, known),
    staffButtons: (o) => staffOrderButtons(messagesFor(ctx.shop.lang), o),
  });
  return placedOutcome(ctx, draft, order ?? (await placedEarlier(ctx, draft.orderId)));
}

const METHOD_WORDS: Record<string, PaymentMethod> = {
  "chuyen khoan": "vietqr",
  ck: "vietqr",
  qr: "vietqr",
  vietqr: "vietqr",
  bank: "vietqr",
  transfer: "vietqr",
  "tien mat": "cod",
  cod: "cod",
  cash: "cod",
  "khi nhan": "cod",
};

/** Transfer (VietQR) or cash on delivery, as the shop allows. */
export const paymentStep: Step = {
  async prompt(ctx, draft) {
    const earlier = draft.orderId === undefined ? undefined : await placedEarlier(ctx, draft.orderId);
    if (earlier && earlier.status !== "draft") return (await placedOutcome(ctx, draft, earlier)).replies;
    const waiting = draft.orderId === undefined ? "" : await waitingItems(ctx, draft.orderId);
    const buttons = paymentMethods(ctx, waiting !== "").map((m) => ({ label: m === "vietqr" ? ctx.t.btnPayVietqr : ctx.t.btnPayCod, action: act(draft, "pay", m) }));
    return [ask(ctx, draft, waiting ? ctx.t.firstPaidWaiting({ items: waiting }) : ctx.t.choosePayment({ code: earlier?.code ?? "" }), buttons)];
  },
  async handle(ctx, draft, input) {
    // Whatever is said here once the order has left the draft (a redelivery after a crash between the
    // order's change and the conversation's): the order as placed, never "expired".
    const earlier = draft.orderId === undefined ? undefined : await placedEarlier(ctx, draft.orderId);
    if (earlier && earlier.status !== "draft") return placedOutcome(ctx, draft, earlier);
    const allowed = paymentMethods(ctx, draft.orderId !== undefined && (await waitingProductIds(ctx.store, draft.orderId)).length > 0);
    const folded = input.kind === "text" ? foldText(input.text) : "";
    const wanted =
      input.kind === "action" && input.verb === "pay"
        ? (input.arg as PaymentMethod)
        : (Object.entries(METHOD_WORDS).find(([w]) => folded === w || folded.includes(w))?.[1] ?? (/^\d$/.test(folded) ? allowed[Number(folded) - 1] : undefined));
    if (!wanted || !allowed.includes(wanted)) return { draft, replies: [{ text: ctx.t.paymentInvalid }, ...(await paymentStep.prompt(ctx, draft))] };
    return finish(ctx, draft, wanted);
  },
};

/** Cancelling after confirm gives the held stock back at once. */
export async function cancelDraftOrder(ctx: FlowContext, draft: OrderDraft): Promise<void> {
  const held = draft.orderId ?? draft.existingOrderId;
  if (held !== undefined) await cancelOrder(ctx.store, held, "buyer_cancelled", ctx.now, ["draft"]);
}
