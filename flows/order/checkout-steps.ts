import type { Reply } from "../../src/chat/types";
import type { Order, PaymentMethod } from "../../src/db/schema";
import { rememberDeliveryDetails } from "../../src/domain/buyers/buyers";
import { bankByBin } from "../../src/domain/payments/banks";
import { listZones } from "../../src/domain/delivery/zones";
import { createOrder } from "../../src/domain/orders/create-order";
import { finalizeDraftDetails } from "../../src/domain/orders/finalize-draft";
import { cancelOrder, choosePaymentMethod } from "../../src/domain/orders/lifecycle";
import { itemsOfOrders } from "../../src/domain/orders/queries";
import { notifyStaffOfNewOrder } from "../../src/domain/orders/staff-notices";
import { messagesFor } from "../../src/i18n/messages";
import { staffOrderButtons } from "../staff/order-buttons";
import { foldText } from "../../src/text/normalize";
import { parseYesNo } from "../parse/yes-no";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { act, ask } from "./draft";
import { goTo, restart } from "./navigate";
import { cartText, pricedCart } from "./cart-step";
import type { Step, StepOutcome } from "./step";

async function zoneOf(ctx: FlowContext, draft: OrderDraft) {
  if (draft.fulfilment !== "delivery" || draft.zoneId === undefined) return undefined;
  return (await listZones(ctx.store, ctx.shop.id)).find((z) => z.id === draft.zoneId);
}

/** Every line, the fee and the total, then Confirm. */
export const summaryStep: Step = {
  async prompt(ctx, draft) {
    const { lines, subtotal } = await pricedCart(ctx, draft);
    const zone = await zoneOf(ctx, draft);
    const fee = zone?.fee ?? 0;
    const text = [
      ctx.t.summaryHeader,
      cartText(ctx, lines, subtotal),
      zone ? ctx.t.summaryFee({ zone: zone.name, fee }) : ctx.t.summaryPickup,
      ctx.t.summaryTotal({ amount: subtotal + fee }),
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

function paymentMethods(ctx: FlowContext): PaymentMethod[] {
  const methods: PaymentMethod[] = [];
  if (ctx.shop.vietqr_enabled === 1 && ctx.shop.bank_bin && ctx.shop.bank_account) methods.push("vietqr");
  if (ctx.shop.cod_enabled === 1 || methods.length === 0) methods.push("cod");
  return methods;
}

/** Creates the draft order and reserves its stock; a short item sends the buyer back to the cart. */
async function confirmOrder(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  const cart = await pricedCart(ctx, draft);
  if (cart.changed || cart.lines.length === 0) return goTo(ctx, { ...cart.draft, history: ["product"] }, "cart", [{ text: ctx.t.cartChanged }]);
  const zone = await zoneOf(ctx, draft);
  if (zone && cart.subtotal < zone.min_order) return goTo(ctx, draft, "zone");
  if (draft.existingOrderId !== undefined) return finalizeExisting(ctx, draft, draft.existingOrderId, zone ?? null);
  const result = await createOrder(
    ctx.store,
    {
      shopId: ctx.shop.id,
      timeZone: ctx.shop.time_zone,
      // One confirm per conversation version: a redelivered or raced confirm finds the same order.
      sourceKey: `conv:${ctx.conversationId}:v${ctx.version}`,
      buyerId: ctx.buyer.id,
      channel: ctx.msg.channel,
      botId: ctx.msg.botId,
      chatId: ctx.msg.chat.id,
      lang: ctx.lang,
      lines: cart.lines,
      ...deliveryDetails(draft, zone ?? null),
      expiresAt: new Date(ctx.now.getTime() + ctx.shop.draft_ttl_minutes * 60_000),
    },
    ctx.now,
  );
  if (!result.ok) {
    const item = (await ctx.catalog()).find((p) => p.id === result.reason.productId);
    const text = ctx.t.outOfStockAtConfirm({ name: item?.name ?? "", left: result.reason.stockLeft, unit: item?.unit ?? "" });
    return goTo(ctx, { ...draft, history: ["product"] }, "cart", [{ text }]);
  }
  await rememberDeliveryDetails(ctx.store, ctx.buyer.id, { phone: draft.phone, address: draft.address, zoneId: zone?.id });
  const methods = paymentMethods(ctx);
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

/** The link to the buyer's payment page. */
export function payPageUrl(ctx: FlowContext, order: Pick<Order, "pay_token">): string {
  return `${ctx.publicUrl}/pay/${order.pay_token}`;
}

async function finish(ctx: FlowContext, draft: OrderDraft, method: PaymentMethod): Promise<StepOutcome> {
  if (draft.orderId === undefined) return restart(ctx, draft);
  const order = await choosePaymentMethod(ctx.store, ctx.shop, draft.orderId, method, ctx.now);
  if (!order) return { draft: undefined, replies: [{ text: ctx.t.draftGone, buttons: [{ label: ctx.t.btnMenu, action: "menu" }] }] };
  const items = (await itemsOfOrders(ctx.store, [order.id])).get(order.id) ?? [];
  await notifyStaffOfNewOrder(ctx.store, ctx.shop, order, items, ctx.now, staffOrderButtons(messagesFor(ctx.shop.lang), order));
  const menu = { label: ctx.t.btnMenu, action: "menu" };
  if (method === "cod") {
    return { draft: undefined, replies: [{ text: ctx.t.orderPlacedCod({ code: order.code, total: order.total }), buttons: [menu] }] };
  }
  // Transfer: the QR to scan, and the same details as text for buyers who copy rather than scan.
  const bank = bankByBin(ctx.shop.bank_bin);
  const details = ctx.t.payTransferDetails({
    bank: bank ? `${bank.name} (${bank.shortName})` : (ctx.shop.bank_bin ?? ""),
    account: ctx.shop.bank_account ?? "",
    holder: ctx.shop.bank_holder ?? "",
    total: order.total,
    code: order.code,
  });
  const replies: Reply[] = [
    { text: ctx.t.orderPlacedVietqr({ code: order.code, total: order.total }), image: `${payPageUrl(ctx, order)}/qr.png` },
    { text: details, buttons: [{ label: ctx.t.btnPayPage, url: payPageUrl(ctx, order) }, menu] },
  ];
  return { draft: undefined, replies };
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
    const order = draft.orderId === undefined ? undefined : await ctx.store.db.selectFrom("orders").select("code").where("id", "=", draft.orderId).executeTakeFirst();
    const buttons = paymentMethods(ctx).map((m) => ({ label: m === "vietqr" ? ctx.t.btnPayVietqr : ctx.t.btnPayCod, action: act(draft, "pay", m) }));
    return [ask(ctx, draft, ctx.t.choosePayment({ code: order?.code ?? "" }), buttons)];
  },
  async handle(ctx, draft, input) {
    const allowed = paymentMethods(ctx);
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
