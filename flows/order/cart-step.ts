import type { Reply } from "../../src/chat/types";
import { orderLineText } from "../../src/domain/orders/line-text";
import { priceCart, type PricedLine } from "../../src/domain/orders/pricing";
import { foldText } from "../../src/text/normalize";
import { parseYesNo } from "../parse/yes-no";
import type { FlowContext } from "../context";
import type { OrderDraft } from "../state";
import { act, ask } from "./draft";
import { goTo } from "./navigate";
import { orderFromSentence } from "./sentence-order";
import { pickByText } from "./product-step";
import type { Step, StepOutcome } from "./step";

/** The cart priced now; lines whose product or option vanished are dropped (and `changed` says so). */
export async function pricedCart(ctx: FlowContext, draft: OrderDraft): Promise<{ draft: OrderDraft; lines: PricedLine[]; subtotal: number; changed: boolean }> {
  const catalog = await ctx.catalog();
  const priced = priceCart(draft.cart, catalog);
  if (priced.ok) return { draft, ...priced.value, changed: false };
  const kept = draft.cart.filter((l) => priceCart([l], catalog).ok);
  const again = priceCart(kept, catalog);
  const value = again.ok ? again.value : { lines: [], subtotal: 0 };
  return { draft: { ...draft, cart: kept }, ...value, changed: true };
}

/** The cart's lines and subtotal as text. */
export function cartText(ctx: FlowContext, lines: readonly PricedLine[], subtotal: number): string {
  return [ctx.t.cartHeader, ...lines.map((l) => `• ${orderLineText({ ...l, options: l.optionNames }, l.lineTotal)}`), ctx.t.cartSubtotal({ amount: subtotal })].join("\n");
}

/** Goes on to checkout: how to receive the order, skipping choices the shop does not offer. */
export async function startCheckout(ctx: FlowContext, draft: OrderDraft): Promise<StepOutcome> {
  if (draft.cart.length === 0) return goTo(ctx, draft, "product", [{ text: ctx.t.cartEmpty }]);
  const delivery = ctx.shop.delivery_enabled === 1;
  const pickup = ctx.shop.pickup_enabled === 1;
  if (delivery && pickup) return goTo(ctx, draft, "fulfilment");
  if (pickup) return goTo(ctx, { ...draft, fulfilment: "pickup" }, "phone");
  return goTo(ctx, { ...draft, fulfilment: "delivery" }, "zone");
}

const CHECKOUT_WORDS = new Set(["dat hang", "dat", "thanh toan", "checkout", "check out", "xong", "chot", "chot don", "order"]);
const ADD_WORDS = new Set(["them", "them mon", "add", "add more", "mua them", "menu", "thuc don"]);

export const cartStep: Step = {
  async prompt(ctx, draft) {
    const { lines, subtotal } = await pricedCart(ctx, draft);
    if (lines.length === 0) return [{ text: ctx.t.cartEmpty }];
    // A comment order's items are already held as they are: it can be checked out or cancelled, not edited.
    const buttons = draft.existingOrderId
      ? [{ label: ctx.t.btnCheckout, action: act(draft, "checkout") }]
      : [
          { label: ctx.t.btnCheckout, action: act(draft, "checkout") },
          { label: ctx.t.btnAddMore, action: act(draft, "add") },
          { label: ctx.t.btnClearCart, action: act(draft, "clear") },
        ];
    const reply: Reply = ask(ctx, draft, `${cartText(ctx, lines, subtotal)}\n\n${ctx.t.cartNext}`, buttons);
    return [reply];
  },
  async handle(ctx, draft, input) {
    const verb = input.kind === "action" ? input.verb : undefined;
    const folded = input.kind === "text" ? foldText(input.text) : "";
    const yes = input.kind === "text" ? parseYesNo(input.text) : undefined;
    if (verb === "checkout" || CHECKOUT_WORDS.has(folded) || (yes?.ok && yes.value)) {
      return startCheckout(ctx, draft);
    }
    if (draft.existingOrderId) return { draft, replies: [{ text: ctx.t.heldCartFixed }, ...(await cartStep.prompt(ctx, draft))] };
    if (verb === "add" || ADD_WORDS.has(folded)) return goTo(ctx, draft, "product");
    if (verb === "clear") return goTo(ctx, { ...draft, cart: [], history: [] }, "product", [{ text: ctx.t.cartCleared }]);
    if (input.kind === "text") {
      // More items in a sentence ("thêm 2 ly nước mơ"), or one named by its code or name.
      const ordered = await orderFromSentence(ctx, draft, input.text);
      if (ordered) return ordered;
      const picked = await pickByText(ctx, draft, input.text);
      if (picked) return picked;
    }
    return { draft, replies: [{ text: ctx.t.notUnderstood }, ...(await cartStep.prompt(ctx, draft))] };
  },
};
